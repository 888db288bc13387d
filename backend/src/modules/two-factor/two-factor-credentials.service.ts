import { ConflictException, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { TwoFactorSetupResponse } from '@atrium/shared';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  qrCodeDataUrl,
  verifyTotp,
} from '../../core/auth/totp/totp';
import { SecretBox } from '../../core/crypto/secret-box';
import { isUniqueViolation } from '../../core/database/errors';
import type { User } from '../../core/tenancy/entities/user.entity';
import { TenantData, type TenantDataAccess } from '../../core/tenancy/tenant-data';
import { agencyScope, type AgencyScope } from '../../core/tenancy/tenant-scope';
import { BrandingService } from '../branding/branding.service';
import { TwoFactorCredential } from './entities/two-factor-credential.entity';
import { TwoFactorRecoveryCode } from './entities/two-factor-recovery-code.entity';
import { enabledCredential } from './two-factor-policy';

/** Whose second factor: the user's id and agency (and kind, for the policy and the app's label). */
export type TwoFactorUser = Pick<User, 'id' | 'agencyId' | 'kind' | 'email'>;

/** Which factor a code turned out to be. */
export type AcceptedFactor = { kind: 'totp' } | { kind: 'recovery'; left: number };

/**
 * Users' TOTP credentials and recovery codes: setup (a pending credential), enabling it with the
 * first code, checking codes at sign-in and in settings, and removing it. Everything is read and
 * written within the user's agency; secrets are sealed, recovery codes stored as hashes.
 */
@Injectable()
export class TwoFactorCredentials {
  constructor(
    private readonly tenant: TenantData,
    private readonly box: SecretBox,
    private readonly branding: BrandingService,
  ) {}

  unusedRecoveryCodes(user: Pick<User, 'id' | 'agencyId'>): Promise<number> {
    return this.tenant.countOwned(scopeOf(user), TwoFactorRecoveryCode, { userId: user.id, usedAt: IsNull() });
  }

  /**
   * A new secret, replacing any setup that was never finished; 409 when two-factor is already on
   * (turning it off first is the only way to change it, and that needs a code).
   */
  async startSetup(user: TwoFactorUser): Promise<TwoFactorSetupResponse> {
    const secret = newTotpSecret();
    const scope = scopeOf(user);
    await this.tenant
      .transaction(async (tx) => {
        if (await enabledCredential(tx, user)) throw alreadyEnabled();
        await tx.deleteOwned(scope, TwoFactorCredential, { userId: user.id, enabledAt: IsNull() });
        await tx.insertOwned(scope, TwoFactorCredential, {
          userId: user.id,
          secretSealed: this.box.seal(secret, sealContext(user.id)),
        });
      })
      .catch((error: unknown) => {
        // Two setups at once (or one racing an enable): the unique user id lets one win.
        if (isUniqueViolation(error)) throw new ConflictException('Setup was started twice at once. Start it again.');
        throw error;
      });
    const uri = otpauthUri(secret, await this.issuerFor(user), user.email);
    return { secret, otpauthUri: uri, qrCodeDataUrl: await qrCodeDataUrl(uri) };
  }

  /**
   * Enables the pending credential when `code` is right for its secret, and issues fresh recovery
   * codes (answered once; only their hashes are kept). Null when there is no pending setup or the
   * code is wrong. Joins the caller's transaction.
   */
  async finishSetup(tx: TenantDataAccess, user: TwoFactorUser, code: string): Promise<string[] | null> {
    const scope = scopeOf(user);
    const pending = await tx.findOneOwned(scope, TwoFactorCredential, {
      where: { userId: user.id, enabledAt: IsNull() },
    });
    if (!pending) return null;
    const step = verifyTotp(this.box.open(pending.secretSealed, sealContext(user.id)), code, null);
    if (step === null) return null;
    // Conditional on still being pending: of two enables racing, one wins.
    const won = await tx.updateOwned(
      scope,
      TwoFactorCredential,
      { id: pending.id, enabledAt: IsNull() },
      { enabledAt: new Date(), lastUsedTimeStep: step },
    );
    if (won !== 1) return null;
    return this.replaceRecoveryCodes(tx, user);
  }

  /**
   * Checks a TOTP code (refusing one already used: the new time step is stored conditionally on
   * the old one, so two requests racing with one code cannot both win) or spends a recovery code
   * (conditionally on it being unused). Null when neither.
   */
  async accept(user: Pick<User, 'id' | 'agencyId'>, code: string): Promise<AcceptedFactor | null> {
    const scope = scopeOf(user);
    if (looksLikeRecoveryCode(code)) {
      const spent = await this.tenant.updateOwned(
        scope,
        TwoFactorRecoveryCode,
        { userId: user.id, codeHash: hashRecoveryCode(code), usedAt: IsNull() },
        { usedAt: new Date() },
      );
      return spent === 1 ? { kind: 'recovery', left: await this.unusedRecoveryCodes(user) } : null;
    }
    const credential = await enabledCredential(this.tenant, user);
    if (!credential) return null;
    const last = credential.lastUsedTimeStep;
    const step = verifyTotp(this.box.open(credential.secretSealed, sealContext(user.id)), code, last);
    if (step === null) return null;
    const won = await this.tenant.updateOwned(
      scope,
      TwoFactorCredential,
      { id: credential.id, lastUsedTimeStep: last === null ? IsNull() : last },
      { lastUsedTimeStep: step },
    );
    return won === 1 ? { kind: 'totp' } : null;
  }

  /** New recovery codes in place of every old one (used or not); joins the caller's transaction. */
  async replaceRecoveryCodes(tx: TenantDataAccess, user: Pick<User, 'id' | 'agencyId'>): Promise<string[]> {
    const scope = scopeOf(user);
    const codes = newRecoveryCodes();
    await tx.deleteOwned(scope, TwoFactorRecoveryCode, { userId: user.id });
    for (const code of codes)
      await tx.insertOwned(scope, TwoFactorRecoveryCode, { userId: user.id, codeHash: hashRecoveryCode(code) });
    return codes;
  }

  /** Removes the credential and the recovery codes; joins the caller's transaction. */
  async remove(tx: TenantDataAccess, user: Pick<User, 'id' | 'agencyId'>): Promise<void> {
    const scope = scopeOf(user);
    await tx.deleteOwned(scope, TwoFactorRecoveryCode, { userId: user.id });
    await tx.deleteOwned(scope, TwoFactorCredential, { userId: user.id });
  }

  /** What the authenticator app shows the entry as: the agency's portal name for its clients, else Atrium. */
  private async issuerFor(user: TwoFactorUser): Promise<string> {
    return user.kind === 'client' ? (await this.branding.brandForEmails(user.agencyId)).portalName : 'Atrium';
  }
}

export function alreadyEnabled(): ConflictException {
  return new ConflictException('Two-factor authentication is already on. Turn it off first to set it up again.');
}

/** A user's second factor belongs to the agency as a whole (a client user may act for several clients). */
function scopeOf(user: Pick<User, 'agencyId'>): AgencyScope {
  return agencyScope(user.agencyId);
}

function sealContext(userId: string): string {
  return `two_factor:${userId}`;
}
