import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { requestMeta } from './context.decorator';
import {
  asDatabaseFault,
  DATABASE_UNAVAILABLE_MESSAGE,
  DatabaseUnavailableException,
} from '../database/database-faults';
import { ContextLoader } from '../tenancy/context-loader.service';
import { WorkspaceSuspendedException } from '../tenancy/workspace-suspended.exception';
import { accessTokenKey } from './jwt-key';
import { VerifiedTokens } from './verified-tokens';
import type { RequestContext } from './request-context';

export const ACCESS_TOKEN_AUDIENCE = 'atrium-api';
export const ACCESS_TOKEN_ISSUER = 'atrium';
export const CLIENT_HEADER = 'x-atrium-client';

export interface AccessTokenPayload {
  sub: string;
  sid: string;
  exp?: number;
}

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Verifies the bearer token's signature and expiry, then rebuilds the caller's context from the
 * database. A valid signature alone never lets a request through.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly contexts: ContextLoader,
    private readonly verified: VerifiedTokens,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // passport-jwt's types say string | Buffer, but it hands the key to jsonwebtoken, which takes a
      // KeyObject as is (see jwt-key.ts for why that matters).
      secretOrKey: accessTokenKey(config.jwtSecret) as unknown as Buffer,
      algorithms: ['HS256'],
      audience: ACCESS_TOKEN_AUDIENCE,
      issuer: ACCESS_TOKEN_ISSUER,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /** Called by passport-jwt once it has verified the token: remembers it, then loads the caller. */
  async validate(request: FastifyRequest, payload: AccessTokenPayload): Promise<RequestContext | false> {
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return false;
    const token = bearerToken(request);
    if (token && typeof payload.exp === 'number') {
      this.verified.remember(token, { sub: payload.sub, sid: payload.sid, exp: payload.exp });
    }
    return this.contextOf(request, payload);
  }

  /**
   * The caller a token verified before names, without verifying it again (see VerifiedTokens);
   * undefined when the request's token is not one remembered.
   */
  async fromVerifiedToken(request: FastifyRequest): Promise<RequestContext | false | undefined> {
    const token = bearerToken(request);
    const claims = token ? this.verified.recall(token) : null;
    return claims ? this.contextOf(request, claims) : undefined;
  }

  private async contextOf(request: FastifyRequest, payload: AccessTokenPayload): Promise<RequestContext | false> {
    const requestedClient = request.headers[CLIENT_HEADER];
    let context: RequestContext | null;
    try {
      context = await this.contexts.load(
        payload.sub,
        payload.sid,
        requestMeta(request),
        typeof requestedClient === 'string' ? requestedClient : undefined,
      );
    } catch (error) {
      // Only an answer about the session may end it. A database that cannot be read right now is a
      // 503 with Retry-After (the guard passes it on), so clients retry instead of signing out.
      throw asDatabaseFault(error) ?? new DatabaseUnavailableException(DATABASE_UNAVAILABLE_MESSAGE, error);
    }
    if (context) return context;
    // A live session of a suspended agency: say so (403) rather than "your session has ended".
    const suspendedAs = await this.contexts.suspendedAudience(payload.sub, requestMeta(request), payload.sid);
    if (suspendedAs) throw new WorkspaceSuspendedException(suspendedAs);
    return false;
  }
}
