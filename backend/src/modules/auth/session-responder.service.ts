import { Inject, Injectable } from '@nestjs/common';
import { parse as parseCookies, serialize as serializeCookie, type SerializeOptions } from 'cookie';
import type { FastifyRequest, FastifyReply } from 'fastify';
import { REFRESH_COOKIE, type SessionResponse, type SignInResponse } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { MeService } from '../users/me.service';
import type { SignedIn, SignInOutcome } from './auth.service';

const COOKIE_PATH = '/api/v1/auth';

/**
 * Turns a signed-in result into the HTTP answer every sign-in route gives (password, invitation,
 * magic link): the refresh token in an httpOnly cookie scoped to the auth routes, the access token
 * and the user in the body.
 */
@Injectable()
export class SessionResponder {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly me: MeService,
  ) {}

  /** A session, or a two-factor challenge answered as is (no cookie: nothing is signed in yet). */
  async respond(outcome: SignInOutcome, response: FastifyReply): Promise<SignInResponse> {
    if ('twoFactor' in outcome) {
      response.header('Cache-Control', 'no-store');
      return outcome;
    }
    return this.respondWithSession(outcome, response);
  }

  async respondWithSession(signedIn: SignedIn, response: FastifyReply): Promise<SessionResponse> {
    const lifetimeSeconds = this.config.refreshTokenTtlDays * 24 * 60 * 60;
    response.header(
      'Set-Cookie',
      serializeCookie(REFRESH_COOKIE, signedIn.tokens.refreshToken, {
        ...this.cookieOptions(),
        maxAge: lifetimeSeconds,
        expires: new Date(Date.now() + lifetimeSeconds * 1000),
      }),
    );
    response.header('Cache-Control', 'no-store');
    return {
      accessToken: signedIn.tokens.accessToken,
      expiresIn: signedIn.tokens.expiresIn,
      me: await this.me.describe(signedIn.context),
    };
  }

  clear(response: FastifyReply): void {
    response.header(
      'Set-Cookie',
      serializeCookie(REFRESH_COOKIE, '', { ...this.cookieOptions(), expires: new Date(0) }),
    );
  }

  refreshTokenOf(request: FastifyRequest): string | undefined {
    const header = request.headers.cookie;
    // Parsed here, on the few routes that read the cookie, rather than on every request.
    return header ? parseCookies(header)[REFRESH_COOKIE] || undefined : undefined;
  }

  private cookieOptions(): SerializeOptions {
    return { httpOnly: true, secure: this.config.cookieSecure, sameSite: 'strict', path: COOKIE_PATH };
  }
}
