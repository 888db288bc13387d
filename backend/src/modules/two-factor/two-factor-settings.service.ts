import { ConflictException, Injectable } from '@nestjs/common';
import type { RecoveryCodesResponse, TwoFactorSetupResponse, TwoFactorStatusResponse } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import type { RequestContext } from '../../core/auth/request-context';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope } from '../../core/tenancy/tenant-scope';
import { PasswordService } from '../auth/password.service';
import { alreadyEnabled, TwoFactorCredentials } from './two-factor-credentials.service';
import { enabledCredential, twoFactorRequired } from './two-factor-policy';

/**
 * A signed-in person's own two-factor: see it, set it up, turn it on with the first code, turn it
 * off or get new recovery codes (both proven with the password, when the account has one, and a
 * code). Wrong input answers 400 with the field, never 401: the session itself is fine.
 */
@Injectable()
export class TwoFactorSettings {
  constructor(
    private readonly tenant: TenantData,
    private readonly credentials: TwoFactorCredentials,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimitService,
  ) {}

  async status(ctx: RequestContext): Promise<TwoFactorStatusResponse> {
    const user = await this.user(ctx);
    const credential = await enabledCredential(this.tenant, user);
    return {
      enabled: credential !== null,
      enabledAt: credential?.enabledAt?.toISOString() ?? null,
      recoveryCodesLeft: credential ? await this.credentials.unusedRecoveryCodes(user) : 0,
      required: await twoFactorRequired(this.tenant, user),
      hasPassword: user.passwordHash !== null,
    };
  }

  async setup(ctx: RequestContext): Promise<TwoFactorSetupResponse> {
    const setup = await this.credentials.startSetup(await this.user(ctx));
    await this.record(ctx, 'auth.two_factor.setup_started');
    return setup;
  }

  async enable(ctx: RequestContext, code: string): Promise<RecoveryCodesResponse> {
    const user = await this.user(ctx);
    await this.rateLimits.consume([{ rule: RATE_LIMITS.twoFactorPerUser, subject: user.id }]);
    if (await enabledCredential(this.tenant, user)) throw alreadyEnabled();
    const recoveryCodes = await this.tenant.transaction(async (tx) => {
      const codes = await this.credentials.finishSetup(tx, user, code);
      if (codes) await this.record(ctx, 'auth.two_factor.enabled', tx.manager);
      return codes;
    });
    if (!recoveryCodes)
      throw new ValidationFailedException([
        { field: 'code', messages: ['is not the current code of the app set up with the latest secret'] },
      ]);
    return { recoveryCodes };
  }

  /** Refused (409) while the agency requires two-factor for this person. */
  async disable(ctx: RequestContext, proof: { password?: string; code: string }): Promise<void> {
    const user = await this.user(ctx);
    if (await twoFactorRequired(this.tenant, user))
      throw new ConflictException('Your agency requires two-factor authentication for your account: it stays on.');
    await this.confirm(ctx, user, proof);
    await this.tenant.transaction(async (tx) => {
      await this.credentials.remove(tx, user);
      await this.record(ctx, 'auth.two_factor.disabled', tx.manager);
    });
  }

  async regenerateRecoveryCodes(
    ctx: RequestContext,
    proof: { password?: string; code: string },
  ): Promise<RecoveryCodesResponse> {
    const user = await this.user(ctx);
    await this.confirm(ctx, user, proof);
    const recoveryCodes = await this.tenant.transaction(async (tx) => {
      const codes = await this.credentials.replaceRecoveryCodes(tx, user);
      await this.record(ctx, 'auth.two_factor.recovery_codes_regenerated', tx.manager);
      return codes;
    });
    return { recoveryCodes };
  }

  /**
   * The password (when the account has one) and a code prove it is the person, not someone at an
   * unlocked screen. The code is checked only after the password, so a wrong password spends nothing.
   */
  private async confirm(ctx: RequestContext, user: User, proof: { password?: string; code: string }): Promise<void> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.twoFactorPerUser, subject: user.id }]);
    if (!(await enabledCredential(this.tenant, user)))
      throw new ConflictException('Two-factor authentication is not on for your account.');
    if (user.passwordHash && !(await this.passwords.verify(user.passwordHash, proof.password ?? ''))) {
      await this.record(ctx, 'auth.two_factor.failed', undefined, { reason: 'password' });
      throw new ValidationFailedException([{ field: 'password', messages: ['is not your current password'] }]);
    }
    const factor = await this.credentials.accept(user, proof.code);
    if (!factor) {
      await this.record(ctx, 'auth.two_factor.failed', undefined, { reason: 'code' });
      throw new ValidationFailedException([
        { field: 'code', messages: ['is not a current code from your app nor an unused recovery code'] },
      ]);
    }
    if (factor.kind === 'recovery')
      await this.record(ctx, 'auth.two_factor.recovery_code_used', undefined, { recoveryCodesLeft: factor.left });
  }

  /** People belong to the agency as a whole: the caller's own row within their agency. */
  private user(ctx: RequestContext): Promise<User> {
    return this.tenant.findOwned(agencyScope(ctx.agencyId), User, ctx.userId, { notFound: 'Account not found' });
  }

  private record(
    ctx: RequestContext,
    action: string,
    into?: Parameters<AuditService['recordFor']>[2],
    details?: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.recordFor(ctx, { action, targetType: 'user', targetId: ctx.userId, details }, into);
  }
}
