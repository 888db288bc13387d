import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasBody } from './body-type.guard';

/** How long a connection may linger after the idle answer before it is closed regardless. */
const CLOSE_GRACE_MS = 5_000;

/**
 * Bounds the silence between the bytes of a request body (an `onRequest` hook). Large uploads may
 * take up to the server's request timeout, as long as they keep sending; a client that stops
 * sending mid-body gets a 408 and its connection is closed, instead of holding it (and an
 * upload's temporary file) for that hour. Once the body has arrived, the socket goes back to the
 * server's own timeout.
 */
export function bodyIdleTimeout(idleMs: number) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const incoming = request.raw;
    if (!hasBody(incoming) || incoming.complete) return done();
    const socket = incoming.socket as Socket & { server?: { timeout?: number } };
    const restore = () => {
      incoming.off('timeout', onIdle);
      socket.setTimeout(socket.server?.timeout ?? 0);
    };
    const onIdle = () => {
      restore();
      const response = reply.raw;
      if (!response.headersSent) {
        const body = JSON.stringify({
          statusCode: 408,
          error: 'Request Timeout',
          message: `The request body stopped arriving for ${Math.round(idleMs / 1000)} seconds`,
        });
        // Written straight to the socket's response: whatever reads the body (a parser, an
        // upload) is still waiting for it and answers nothing itself.
        response.writeHead(408, {
          ...(reply.getHeaders() as Record<string, string>),
          Connection: 'close',
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
        });
        response.end(body);
      }
      // Whatever reads the body (a parser, an upload) sees the request aborted and cleans up.
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
      response.once('finish', () => socket.destroy());
      if (response.writableFinished) socket.destroy();
    };
    // IncomingMessage emits 'timeout' only while the body is still incomplete.
    incoming.setTimeout(idleMs, onIdle);
    incoming.once('end', restore);
    incoming.once('close', restore);
    done();
  };
}
