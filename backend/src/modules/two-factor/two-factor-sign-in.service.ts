import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TwoFactorSetupResponse } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import type { RequestMeta } from '../../core/auth/request-context';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { ContextLoader } from '../../core/tenancy/context-loader.service';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import type { SignedIn } from '../auth/auth.service';
import { SessionService } from '../auth/session.service';
import { type ChallengeClaims, type ChallengeKind, TwoFactorChallenges } from './two-factor-challenges.service';
import { TwoFactorCredentials } from './two-factor-credentials.service';

const BAD_CHALLENGE = 'This sign-in has expired or is not valid here. Sign in again.';
const WRONG_CODE = 'That code is not right. Check your authenticator app, or use one of your recovery codes.';
const WRONG_ENROL_CODE = 'That code is not right. Check that your app shows the code for this account and try again.';

/**
 * The second step of a sign-in that answered a challenge: a code (or recovery code) for a user
 * with two-factor on, or enrolment for one whose agency requires it. Only then does the session
 * open, through the same SessionService.openForSignIn as every sign-in, for the challenge's user
 * and sign-in method. Every attempt is rate-limited per IP and per user, and audited.
 */
@Injectable()
export class TwoFactorSignIn {
  /** The challenge names the user before any tenant is known. */
  private readonly db: EntityManager;

  constructor(
    private readonly tenant: TenantData,
    private readonly challenges: TwoFactorChallenges,
    private readonly credentials: TwoFactorCredentials,
    private readonly sessions: SessionService,
    private readonly contexts: ContextLoader,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimitService,
  ) {
    this.db = tenant.unscoped('two-factor sign-in: the challenge names a user before any tenant is known');
  }

  async verify(challengeToken: string, code: string, meta: RequestMeta): Promise<SignedIn> {
    const { claims, user } = await this.challenged(challengeToken, 'code', meta);
    const factor = await this.credentials.accept(user, code);
    if (!factor) {
      await this.failed(user, claims, meta);
      throw new UnauthorizedException(WRONG_CODE);
    }
    await this.audit.record({
      action: factor.kind === 'recovery' ? 'auth.two_factor.recovery_code_used' : 'auth.two_factor.verified',
      agencyId: user.agencyId,
      actorUserId: user.id,
      targetType: 'user',
      targetId: user.id,
      meta,
      details: { method: claims.method, ...(factor.kind === 'recovery' ? { recoveryCodesLeft: factor.left } : {}) },
    });
    const tokens = await this.tenant.transaction((tx) => this.sessions.openForSignIn(tx, user, meta, claims.method));
    return this.signedIn(user, tokens, meta);
  }

  /** The secret for an `enrol` challenge (replacing any unfinished setup). */
  async startEnrolment(challengeToken: string, meta: RequestMeta): Promise<TwoFactorSetupResponse> {
    const { claims, user } = await this.challenged(challengeToken, 'enrol', meta);
    const setup = await this.credentials.startSetup(user);
    await this.audit.record({
      action: 'auth.two_factor.setup_started',
      agencyId: user.agencyId,
      actorUserId: user.id,
      targetType: 'user',
      targetId: user.id,
      meta,
      details: { method: claims.method },
    });
    return setup;
  }

  /** Turns two-factor on with the first code and opens the session, in one transaction. */
  async finishEnrolment(
    challengeToken: string,
    code: string,
    meta: RequestMeta,
  ): Promise<{ signedIn: SignedIn; recoveryCodes: string[] }> {
    const { claims, user } = await this.challenged(challengeToken, 'enrol', meta);
    const enrolled = await this.tenant.transaction(async (tx) => {
      const recoveryCodes = await this.credentials.finishSetup(tx, user, code);
      if (!recoveryCodes) return null;
      await this.audit.record(
        {
          action: 'auth.two_factor.enabled',
          agencyId: user.agencyId,
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
          meta,
          details: { method: claims.method, atSignIn: true },
        },
        tx.manager,
      );
      return { recoveryCodes, tokens: await this.sessions.openForSignIn(tx, user, meta, claims.method) };
    });
    if (!enrolled) {
      await this.failed(user, claims, meta);
      throw new UnauthorizedException(WRONG_ENROL_CODE);
    }
    return { signedIn: await this.signedIn(user, enrolled.tokens, meta), recoveryCodes: enrolled.recoveryCodes };
  }

  /**
   * The user a genuine, unexpired challenge of `kind` made on this host names, if they may still
   * sign in (active, agency not suspended, still a member somewhere); else 401. Counted per IP
   * before anything is read, and per user once the user is known.
   */
  private async challenged(
    token: string,
    kind: ChallengeKind,
    meta: RequestMeta,
  ): Promise<{ claims: ChallengeClaims; user: User }> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.twoFactorPerIp, subject: meta.ip }]);
    const claims = this.challenges.read(token, kind, meta);
    const user = claims ? await this.db.getRepository(User).findOneBy({ id: claims.userId, status: 'active' }) : null;
    if (!claims || !user) throw new UnauthorizedException(BAD_CHALLENGE);
    await this.rateLimits.consume([{ rule: RATE_LIMITS.twoFactorPerUser, subject: user.id }]);
    if (!(await this.contexts.forUser(user.id, 'pending', meta))) throw new UnauthorizedException(BAD_CHALLENGE);
    return { claims, user };
  }

  private async signedIn(user: User, tokens: SignedIn['tokens'], meta: RequestMeta): Promise<SignedIn> {
    const context = await this.contexts.forUser(user.id, tokens.sessionId, meta);
    if (!context) {
      // Access went in the moment between the check and the session: the session goes too.
      await this.sessions.revoke(tokens.sessionId, 'access_revoked');
      throw new UnauthorizedException(BAD_CHALLENGE);
    }
    return { tokens, context };
  }

  private failed(user: User, claims: ChallengeClaims, meta: RequestMeta): Promise<void> {
    return this.audit.record({
      action: 'auth.two_factor.failed',
      agencyId: user.agencyId,
      actorUserId: null,
      targetType: 'user',
      targetId: user.id,
      meta,
      details: { method: claims.method, challenge: claims.kind },
    });
  }
}
