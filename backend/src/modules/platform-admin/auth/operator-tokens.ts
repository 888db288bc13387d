import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { KeyObject } from 'node:crypto';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { accessTokenKey } from '../../../core/auth/jwt-key';
import { ACCESS_TOKEN_ISSUER } from '../../../core/auth/jwt.strategy';
import { OPERATOR_TOKEN_AUDIENCE } from '../../../core/auth/operator-authenticator';

/** What the password step proved, carried to the TOTP step: a short-lived token of its own audience. */
const CHALLENGE_AUDIENCE = 'atrium-admin-challenge';
export const CHALLENGE_TTL_SECONDS = 5 * 60;
/** Operators work from Swagger or API clients: one hour, then sign in again (there is no refresh). */
export const OPERATOR_TOKEN_TTL_SECONDS = 60 * 60;

/** `code`: TOTP is set up, send a code; `enrol`: set TOTP up first. */
export type ChallengeStep = 'code' | 'enrol';

export interface ChallengeClaims {
  operatorId: string;
  step: ChallengeStep;
}

export interface OperatorTokenClaims {
  operatorId: string;
  sessionId: string;
}

/**
 * Signs and checks operators' tokens. Each kind has its own audience, distinct from users'
 * (`atrium-api`): no kind is accepted where another is expected, whatever its claims say.
 */
@Injectable()
export class OperatorTokens {
  private readonly jwt: JwtService;
  private readonly key: KeyObject;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = accessTokenKey(config.jwtSecret);
    // The key given at construction: JwtService's per-call verify options accept only a string or Buffer.
    this.jwt = new JwtService({ publicKey: this.key });
  }

  challenge(claims: ChallengeClaims): string {
    return this.sign({ sub: claims.operatorId, step: claims.step }, CHALLENGE_AUDIENCE, CHALLENGE_TTL_SECONDS);
  }

  /** The challenge's claims, or null when it is forged, expired or not a challenge. */
  readChallenge(token: string): ChallengeClaims | null {
    const payload = this.verify(token, CHALLENGE_AUDIENCE);
    if (!payload || typeof payload.sub !== 'string' || (payload.step !== 'code' && payload.step !== 'enrol'))
      return null;
    return { operatorId: payload.sub, step: payload.step };
  }

  access(claims: OperatorTokenClaims): string {
    return this.sign(
      { sub: claims.operatorId, sid: claims.sessionId },
      OPERATOR_TOKEN_AUDIENCE,
      OPERATOR_TOKEN_TTL_SECONDS,
    );
  }

  readAccess(token: string): OperatorTokenClaims | null {
    const payload = this.verify(token, OPERATOR_TOKEN_AUDIENCE);
    if (!payload || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
    return { operatorId: payload.sub, sessionId: payload.sid };
  }

  private sign(payload: Record<string, string>, audience: string, ttlSeconds: number): string {
    return this.jwt.sign(payload, {
      privateKey: this.key,
      algorithm: 'HS256',
      expiresIn: ttlSeconds,
      audience,
      issuer: ACCESS_TOKEN_ISSUER,
    });
  }

  private verify(token: string, audience: string): Record<string, unknown> | null {
    try {
      return this.jwt.verify<Record<string, unknown>>(token, {
        algorithms: ['HS256'],
        audience,
        issuer: ACCESS_TOKEN_ISSUER,
      });
    } catch {
      return null;
    }
  }
}
