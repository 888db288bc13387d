import type { FastifyReply, FastifyRequest } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What a caller's X-Request-Id may be to be passed on: short, and nothing a log or header could be bent by. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's id: the caller's `X-Request-Id` (a proxy's or another service's, so one id follows
 * a request across systems) when it is a safe token, else a fresh UUID.
 */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

interface RequestScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** The id of the request being handled, wherever in its handling the caller is (logs, error bodies). */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

/**
 * A Fastify onRequest hook that sends the id back as `X-Request-Id` and runs the rest of the
 * request's handling (later hooks, reading the body, the route) inside its scope.
 */
export function requestScope(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  reply.header('X-Request-Id', request.id);
  scope.run({ requestId: request.id }, done);
}
