import { createParamDecorator, ExecutionContext, InternalServerErrorException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { OperatorContext } from './request-context';

declare module 'fastify' {
  interface FastifyRequest {
    /** The platform operator, set by the access guard on operator routes only. */
    operator?: OperatorContext;
  }
}

/** The audience of an operator's bearer token: no agency, portal or signed-in route accepts it. */
export const OPERATOR_TOKEN_AUDIENCE = 'atrium-admin';

/**
 * Who the bearer of an operator token is, for the global guard. Core declares the seam, the
 * platform-admin feature provides it (core never imports features); without that feature every
 * operator route stays closed.
 */
export abstract class OperatorAuthenticator {
  /**
   * The operator behind the request's bearer token: a token with the operator audience, a live
   * session and an operator with TOTP set up. Null for anything else (no token, a user's token, an
   * expired or revoked session); a database fault is thrown, not turned into null.
   */
  abstract authenticate(request: FastifyRequest): Promise<OperatorContext | null>;
}

/** The signed-in platform operator of an `OperatorRoute()`. */
export const CurrentOperator = createParamDecorator((_: unknown, execution: ExecutionContext): OperatorContext => {
  const operator = execution.switchToHttp().getRequest<FastifyRequest>().operator;
  // Only reachable if a route's policy and its parameter disagree: a programming error, not a client one.
  if (!operator) throw new InternalServerErrorException('Route has no authenticated operator');
  return operator;
});
