import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TWO_FACTOR_CHALLENGE_TTL_SECONDS, type TwoFactorChallengeResponse } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import { ACCESS_TOKEN_ISSUER } from '../../core/auth/jwt.strategy';
import { accessTokenKey } from '../../core/auth/jwt-key';
import type { RequestMeta } from '../../core/auth/request-context';
import type { User } from '../../core/tenancy/entities/user.entity';
import type { TenantDataAccess } from '../../core/tenancy/tenant-data';
import { enabledCredential, twoFactorRequired } from './two-factor-policy';

/** Its own audience: a challenge is never accepted as an access token, nor an access token as a challenge. */
export const TWO_FACTOR_CHALLENGE_AUDIENCE = 'atrium-2fa-challenge';

export type SignInMethod = 'password' | 'magic_link' | 'invitation';
export type ChallengeKind = TwoFactorChallengeResponse['twoFactor'];

/** What a valid challenge token proves: this user passed this first factor, on this host. */
export interface ChallengeClaims {
  userId: string;
  kind: ChallengeKind;
  method: SignInMethod;
}

interface ChallengePayload {
  sub: string;
  tfa: ChallengeKind;
  via: SignInMethod;
  /** The custom domain it was made on; null for the installation's own address. */
  host: string | null;
}

const METHODS: readonly SignInMethod[] = ['password', 'magic_link', 'invitation'];

/**
 * The step between a passed first factor and a session: every sign-in method asks here before it
 * opens one. A challenge is a short-lived signed token, not a session: it names the user, the
 * sign-in method and the host it was made on, and nothing is stored until the second factor is in.
 */
@Injectable()
export class TwoFactorChallenges {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The challenge this sign-in must pass before a session opens, or null when none: a code when the
   * user has two-factor on, enrolment when their agency requires it and they have none yet. Reads
   * (and audits) in the caller's transaction.
   */
  async challengeFor(
    data: TenantDataAccess,
    user: Pick<User, 'id' | 'agencyId' | 'kind'>,
    meta: RequestMeta,
    method: SignInMethod,
  ): Promise<TwoFactorChallengeResponse | null> {
    const kind: ChallengeKind | null = (await enabledCredential(data, user))
      ? 'code'
      : (await twoFactorRequired(data, user))
        ? 'enrol'
        : null;
    if (!kind) return null;
    await this.audit.record(
      {
        action: 'auth.two_factor.challenged',
        agencyId: user.agencyId,
        actorUserId: null,
        targetType: 'user',
        targetId: user.id,
        meta,
        details: { method, kind },
      },
      data.unscoped('audit log: the challenge is recorded in the sign-in transaction that made it'),
    );
    const payload: ChallengePayload = {
      sub: user.id,
      tfa: kind,
      via: method,
      host: meta.portalHost?.hostname ?? null,
    };
    const challengeToken = this.jwt.sign(payload, {
      privateKey: accessTokenKey(this.config.jwtSecret),
      algorithm: 'HS256',
      expiresIn: TWO_FACTOR_CHALLENGE_TTL_SECONDS,
      audience: TWO_FACTOR_CHALLENGE_AUDIENCE,
      issuer: ACCESS_TOKEN_ISSUER,
    });
    return { twoFactor: kind, challengeToken, expiresIn: TWO_FACTOR_CHALLENGE_TTL_SECONDS };
  }

  /**
   * The claims of a challenge of `kind` that is genuine, unexpired and made on the host this
   * request arrived on; null for anything else.
   */
  read(token: string, kind: ChallengeKind, meta: RequestMeta): ChallengeClaims | null {
    let payload: Partial<ChallengePayload>;
    try {
      payload = this.jwt.verify<ChallengePayload>(token, {
        // Typed string | Buffer, but jsonwebtoken takes the KeyObject as is (see jwt-key.ts).
        secret: accessTokenKey(this.config.jwtSecret) as unknown as Buffer,
        algorithms: ['HS256'],
        audience: TWO_FACTOR_CHALLENGE_AUDIENCE,
        issuer: ACCESS_TOKEN_ISSUER,
      });
    } catch {
      return null;
    }
    if (typeof payload.sub !== 'string' || payload.tfa !== kind) return null;
    if (!payload.via || !METHODS.includes(payload.via)) return null;
    if ((payload.host ?? null) !== (meta.portalHost?.hostname ?? null)) return null;
    return { userId: payload.sub, kind, method: payload.via };
  }
}
