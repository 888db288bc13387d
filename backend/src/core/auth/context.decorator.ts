import { createParamDecorator, ExecutionContext, InternalServerErrorException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AgencyContext, ClientContext, PortalHost, RequestContext, RequestMeta } from './request-context';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller's context, set by the access guard (through passport) on routes that need one. */
    user?: RequestContext;
  }
}

function contextOf(execution: ExecutionContext): RequestContext {
  const context = execution.switchToHttp().getRequest<FastifyRequest>().user;
  // Only reachable if a route's policy and its parameter disagree: a programming error, not a client one.
  if (!context) throw new InternalServerErrorException('Route has no authenticated context');
  return context;
}

/** The signed-in caller, whatever the audience. */
export const Ctx = createParamDecorator((_: unknown, execution: ExecutionContext) => contextOf(execution));

export const AgencyCtx = createParamDecorator((_: unknown, execution: ExecutionContext): AgencyContext => {
  const context = contextOf(execution);
  if (context.audience !== 'agency') throw new InternalServerErrorException('Expected an agency context');
  return context;
});

export const ClientCtx = createParamDecorator((_: unknown, execution: ExecutionContext): ClientContext => {
  const context = contextOf(execution);
  if (context.audience !== 'client') throw new InternalServerErrorException('Expected a client context');
  return context;
});

/** IP and user agent of an anonymous caller (sign-in, sign-up, ...). */
export const Meta = createParamDecorator((_: unknown, execution: ExecutionContext): RequestMeta => {
  const request = execution.switchToHttp().getRequest<FastifyRequest>();
  return requestMeta(request);
});

export function requestMeta(request: FastifyRequest): RequestMeta {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip ?? null,
    userAgent: userAgent ? userAgent.slice(0, 255) : null,
    portalHost: portalHostOf(request),
  };
}

const PORTAL_HOST = Symbol('atrium.portalHost');
type WithPortalHost = FastifyRequest & { [PORTAL_HOST]?: PortalHost | null };

/** Records the custom domain a request arrived on (the domains feature resolves it from the Host). */
export function setPortalHost(request: FastifyRequest, host: PortalHost | null): void {
  (request as WithPortalHost)[PORTAL_HOST] = host;
}

/** The custom domain a request arrived on; null for the installation's own address. */
export function portalHostOf(request: FastifyRequest): PortalHost | null {
  return (request as WithPortalHost)[PORTAL_HOST] ?? null;
}
