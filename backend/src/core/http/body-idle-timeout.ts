import type { Socket } from 'node:net';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { hasBody } from './body-type.guard';

/** How long a connection may linger after the idle answer before it is closed regardless. */
const CLOSE_GRACE_MS = 5_000;

/**
 * Bounds the silence between the bytes of a request body. Large uploads may take up to the
 * server's request timeout, as long as they keep sending; a client that stops sending mid-body
 * gets a 408 and its connection is closed, instead of holding it (and an upload's temporary file)
 * for that hour. Once the body has arrived, the socket goes back to the server's own timeout.
 */
export function bodyIdleTimeout(idleMs: number): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!hasBody(request) || request.complete) return next();
    const socket = request.socket as Socket & { server?: { timeout?: number } };
    const restore = () => {
      request.off('timeout', onIdle);
      socket.setTimeout(socket.server?.timeout ?? 0);
    };
    const onIdle = () => {
      restore();
      if (!response.headersSent) {
        response.setHeader('Connection', 'close');
        response.status(408).json({
          statusCode: 408,
          error: 'Request Timeout',
          message: `The request body stopped arriving for ${Math.round(idleMs / 1000)} seconds`,
        });
      }
      // Whatever reads the body (a parser, an upload) sees the request aborted and cleans up.
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
      response.once('finish', () => socket.destroy());
      if (response.writableFinished) socket.destroy();
    };
    // IncomingMessage emits 'timeout' only while the body is still incomplete.
    request.setTimeout(idleMs, onIdle);
    request.once('end', restore);
    request.once('close', restore);
    next();
  };
}
