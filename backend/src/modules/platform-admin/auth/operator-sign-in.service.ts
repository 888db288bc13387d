import { Injectable, UnauthorizedException } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../../../core/audit/audit.service';
import type { OperatorContext, RequestMeta } from '../../../core/auth/request-context';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  qrCodeDataUrl,
  sameHash,
  verifyTotp,
} from '../../../core/auth/totp/totp';
import { SecretBox } from '../../../core/crypto/secret-box';
import { insertRows } from '../../../core/database/insert-rows';
import { LoginThrottle } from '../../../core/rate-limit/login-throttle';
import type { RateLimitRule } from '../../../core/rate-limit/rate-limiter';
import { RateLimitService } from '../../../core/rate-limit/rate-limit.service';
import { TenantData } from '../../../core/tenancy/tenant-data';
import { PasswordService } from '../../auth/password.service';
import { OperatorRecoveryCode } from '../operators/entities/operator-recovery-code.entity';
import { OperatorSession } from '../operators/entities/operator-session.entity';
import { PlatformOperator } from '../operators/entities/platform-operator.entity';
import { operatorDetails } from '../operators/operator-accounts.service';
import type {
  OperatorChallengeResponseDto,
  OperatorEnrolledDto,
  OperatorEnrolmentDto,
  OperatorTokenDto,
} from './operator-auth.dto';
import {
  CHALLENGE_TTL_SECONDS,
  OPERATOR_TOKEN_TTL_SECONDS,
  OperatorTokens,
  type ChallengeStep,
} from './operator-tokens';

const MINUTE = 60;

/** Operators' own limits: a handful of people, so tight ones. */
export const OPERATOR_RATE_LIMITS = {
  loginPerIp: { name: 'operator-login:ip', limit: 20, windowSeconds: 15 * MINUTE },
  loginPerEmail: { name: 'operator-login:email', limit: 10, windowSeconds: 15 * MINUTE },
  codePerIp: { name: 'operator-code:ip', limit: 20, windowSeconds: 15 * MINUTE },
  codePerOperator: { name: 'operator-code:operator', limit: 10, windowSeconds: 15 * MINUTE },
} satisfies Record<string, RateLimitRule>;

const MESSAGES = {
  badCredentials: 'Email or password is incorrect.',
  challengeEnded: 'This sign-in has expired. Please sign in again.',
  badCode: 'The code is incorrect or was already used.',
} as const;

const TOTP_ISSUER = 'Atrium platform';

/**
 * Operators sign in in two steps: password (answered with a short-lived challenge), then a TOTP
 * code, or, the first time, TOTP enrolment. Only then is an operator session opened, whose
 * bearer token the admin routes accept. Every step is rate-limited and audited.
 */
@Injectable()
export class OperatorSignInService {
  /** Operators belong to no agency. */
  private readonly db: EntityManager;

  constructor(
    tenant: TenantData,
    private readonly passwords: PasswordService,
    private readonly tokens: OperatorTokens,
    private readonly secrets: SecretBox,
    private readonly rateLimits: RateLimitService,
    private readonly loginThrottle: LoginThrottle,
    private readonly audit: AuditService,
  ) {
    this.db = tenant.unscoped('platform operators: a platform table, no tenant');
  }

  /** Unknown email and wrong password: one answer and the same argon2 work. */
  async login(email: string, password: string, meta: RequestMeta): Promise<OperatorChallengeResponseDto> {
    await this.rateLimits.consume([
      { rule: OPERATOR_RATE_LIMITS.loginPerIp, subject: meta.ip },
      { rule: OPERATOR_RATE_LIMITS.loginPerEmail, subject: email },
    ]);
    // Kept apart from users' waits: a user with the same address is a different account.
    const throttleKey = `operator:${email}`;
    await this.loginThrottle.assertMayTry(throttleKey);
    const operator = await this.db.getRepository(PlatformOperator).findOneBy({ email });
    const passwordOk = await this.passwords.verify(operator?.passwordHash ?? null, password);
    if (!operator || !passwordOk) {
      await this.audit.record({
        action: 'platform_admin.login_failed',
        targetType: operator ? 'platform_operator' : null,
        targetId: operator?.id ?? null,
        meta,
        details: operator ? { ...operatorDetails(operator), reason: 'password' } : { reason: 'unknown_email' },
      });
      await this.loginThrottle.recordFailure(throttleKey);
      throw new UnauthorizedException(MESSAGES.badCredentials);
    }
    await this.loginThrottle.clear(throttleKey);
    const step: ChallengeStep = operator.totpEnabledAt ? 'code' : 'enrol';
    await this.audit.record({
      action: 'platform_admin.password_accepted',
      targetType: 'platform_operator',
      targetId: operator.id,
      meta,
      details: { ...operatorDetails(operator), step },
    });
    return {
      challengeToken: this.tokens.challenge({ operatorId: operator.id, step }),
      step,
      expiresIn: CHALLENGE_TTL_SECONDS,
    };
  }

  /** A new secret for an operator without TOTP; starting again replaces the unconfirmed one. */
  async startEnrolment(challengeToken: string, meta: RequestMeta): Promise<OperatorEnrolmentDto> {
    const operator = await this.challenged(challengeToken, 'enrol');
    const secret = newTotpSecret();
    const stored = await this.db
      .getRepository(PlatformOperator)
      .update(
        { id: operator.id, totpEnabledAt: IsNull() },
        { totpSecretSealed: this.secrets.seal(secret, secretContext(operator.id)) },
      );
    if ((stored.affected ?? 0) !== 1) throw new UnauthorizedException(MESSAGES.challengeEnded);
    await this.audit.record({
      action: 'platform_admin.totp_enrolment_started',
      targetType: 'platform_operator',
      targetId: operator.id,
      meta,
      details: operatorDetails(operator),
    });
    const uri = otpauthUri(secret, TOTP_ISSUER, operator.email);
    return { secret, otpauthUri: uri, qrCodeDataUrl: await qrCodeDataUrl(uri) };
  }

  /** The first code proves the authenticator holds the secret: TOTP is on, recovery codes are made. */
  async finishEnrolment(challengeToken: string, code: string, meta: RequestMeta): Promise<OperatorEnrolledDto> {
    const operator = await this.challenged(challengeToken, 'enrol');
    await this.limitCodes(operator.id, meta);
    const sealed = operator.totpSecretSealed;
    const step = sealed ? verifyTotp(this.secrets.open(sealed, secretContext(operator.id)), code, null) : null;
    const recoveryCodes = newRecoveryCodes();
    const enabled =
      step !== null &&
      (await this.db.transaction(async (manager) => {
        // Conditional on the secret checked: a concurrent restart of the enrolment loses nothing.
        const updated = await manager
          .getRepository(PlatformOperator)
          .update(
            { id: operator.id, totpEnabledAt: IsNull(), totpSecretSealed: sealed ?? undefined },
            { totpEnabledAt: new Date(), totpLastUsedTimeStep: step },
          );
        if ((updated.affected ?? 0) !== 1) return false;
        await manager.getRepository(OperatorRecoveryCode).delete({ operatorId: operator.id });
        await insertRows(
          manager,
          OperatorRecoveryCode,
          recoveryCodes.map((plain) => ({ operatorId: operator.id, codeHash: hashRecoveryCode(plain) })),
        );
        await this.audit.record(
          {
            action: 'platform_admin.totp_enrolled',
            targetType: 'platform_operator',
            targetId: operator.id,
            meta,
            details: operatorDetails(operator),
          },
          manager,
        );
        return true;
      }));
    if (!enabled) return this.refuseCode(operator, meta);
    return { recoveryCodes, ...(await this.openSession(operator, meta, 'totp')) };
  }

  /** A TOTP code newer than the last one used, or an unspent recovery code, opens the session. */
  async verify(challengeToken: string, code: string, meta: RequestMeta): Promise<OperatorTokenDto> {
    const operator = await this.challenged(challengeToken, 'code');
    await this.limitCodes(operator.id, meta);
    const method = looksLikeRecoveryCode(code) ? 'recovery_code' : 'totp';
    const accepted =
      method === 'recovery_code'
        ? await this.spendRecoveryCode(operator, code)
        : await this.spendTotpCode(operator, code);
    if (!accepted) return this.refuseCode(operator, meta);
    return this.openSession(operator, meta, method);
  }

  async logout(operator: OperatorContext): Promise<void> {
    await this.db
      .getRepository(OperatorSession)
      .update({ id: operator.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.audit.record({
      action: 'platform_admin.logout',
      targetType: 'operator_session',
      targetId: operator.sessionId,
      meta: operator,
      details: operatorDetails({ id: operator.operatorId, email: operator.email }),
    });
  }

  /** The operator a challenge names, at the step it was issued for and still valid for. */
  private async challenged(challengeToken: string, step: ChallengeStep): Promise<PlatformOperator> {
    const claims = this.tokens.readChallenge(challengeToken);
    const operator =
      claims && claims.step === step
        ? await this.db.getRepository(PlatformOperator).findOneBy({ id: claims.operatorId })
        : null;
    // An enrolment finished (or a two-factor reset) since the challenge was issued ends it.
    if (!operator || (step === 'enrol') !== (operator.totpEnabledAt === null)) {
      throw new UnauthorizedException(MESSAGES.challengeEnded);
    }
    return operator;
  }

  private limitCodes(operatorId: string, meta: RequestMeta): Promise<void> {
    return this.rateLimits.consume([
      { rule: OPERATOR_RATE_LIMITS.codePerIp, subject: meta.ip },
      { rule: OPERATOR_RATE_LIMITS.codePerOperator, subject: operatorId },
    ]);
  }

  /** The code's time step is stored only if the last one is still the one read: a replay loses the race. */
  private async spendTotpCode(operator: PlatformOperator, code: string): Promise<boolean> {
    if (!operator.totpSecretSealed) return false;
    const last = operator.totpLastUsedTimeStep;
    const step = verifyTotp(this.secrets.open(operator.totpSecretSealed, secretContext(operator.id)), code, last);
    if (step === null) return false;
    const spent = await this.db
      .getRepository(PlatformOperator)
      .update(
        { id: operator.id, totpLastUsedTimeStep: last === null ? IsNull() : last },
        { totpLastUsedTimeStep: step },
      );
    return (spent.affected ?? 0) === 1;
  }

  private async spendRecoveryCode(operator: PlatformOperator, code: string): Promise<boolean> {
    const hash = hashRecoveryCode(code);
    const unspent = await this.db
      .getRepository(OperatorRecoveryCode)
      .findBy({ operatorId: operator.id, usedAt: IsNull() });
    const match = unspent.find((candidate) => sameHash(candidate.codeHash, hash));
    if (!match) return false;
    const spent = await this.db
      .getRepository(OperatorRecoveryCode)
      .update({ id: match.id, usedAt: IsNull() }, { usedAt: new Date() });
    return (spent.affected ?? 0) === 1;
  }

  private async refuseCode(operator: PlatformOperator, meta: RequestMeta): Promise<never> {
    await this.audit.record({
      action: 'platform_admin.code_failed',
      targetType: 'platform_operator',
      targetId: operator.id,
      meta,
      details: operatorDetails(operator),
    });
    throw new UnauthorizedException(MESSAGES.badCode);
  }

  private async openSession(
    operator: PlatformOperator,
    meta: RequestMeta,
    method: 'totp' | 'recovery_code',
  ): Promise<OperatorTokenDto> {
    const session = await this.db.transaction(async (manager) => {
      const opened = await manager.getRepository(OperatorSession).save(
        manager.getRepository(OperatorSession).create({
          operatorId: operator.id,
          expiresAt: new Date(Date.now() + OPERATOR_TOKEN_TTL_SECONDS * 1000),
          ip: meta.ip,
          userAgent: meta.userAgent,
        }),
      );
      await manager.getRepository(PlatformOperator).update({ id: operator.id }, { lastLoginAt: new Date() });
      await this.audit.record(
        {
          action: 'platform_admin.signed_in',
          targetType: 'operator_session',
          targetId: opened.id,
          meta,
          details: { ...operatorDetails(operator), method },
        },
        manager,
      );
      return opened;
    });
    return {
      accessToken: this.tokens.access({ operatorId: operator.id, sessionId: session.id }),
      expiresIn: OPERATOR_TOKEN_TTL_SECONDS,
    };
  }
}

/** Binds the sealed secret to its operator: copied to another row, it does not open. */
export function secretContext(operatorId: string): string {
  return `platform_operator:${operatorId}:totp`;
}
