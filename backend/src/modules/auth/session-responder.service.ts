import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { REFRESH_COOKIE, type SessionResponse } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { MeService } from '../users/me.service';
import type { SignedIn } from './auth.service';

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

  async respond(signedIn: SignedIn, response: Response): Promise<SessionResponse> {
    response.cookie(REFRESH_COOKIE, signedIn.tokens.refreshToken, {
      httpOnly: true,
      secure: this.config.cookieSecure,
      sameSite: 'strict',
      path: COOKIE_PATH,
      maxAge: this.config.refreshTokenTtlDays * 24 * 60 * 60_000,
    });
    response.setHeader('Cache-Control', 'no-store');
    return {
      accessToken: signedIn.tokens.accessToken,
      expiresIn: signedIn.tokens.expiresIn,
      me: await this.me.describe(signedIn.context),
    };
  }

  clear(response: Response): void {
    response.clearCookie(REFRESH_COOKIE, {
      httpOnly: true,
      secure: this.config.cookieSecure,
      sameSite: 'strict',
      path: COOKIE_PATH,
    });
  }

  refreshTokenOf(request: Request): string | undefined {
    const value = (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
    return typeof value === 'string' ? value : undefined;
  }
}
