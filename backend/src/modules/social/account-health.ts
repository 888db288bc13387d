import type { AccountHealth } from '@atrium/shared';
import type { SocialAccount } from './entities/social-account.entity';

/** How far ahead of an unrenewable token's end people are warned. */
export const EXPIRY_WARNING_MS = 7 * 24 * 3600_000;

/**
 * Health as people see it. A token with a refresh token renews itself when used, so only tokens
 * without one (or accounts whose renewal failed) ever warn.
 */
export function accountHealth(
  account: SocialAccount,
  now = new Date(),
): { health: AccountHealth; problem: string | null } {
  if (account.status === 'needs_reconnect') {
    return { health: 'needs_reconnect', problem: account.problem ?? 'The platform no longer accepts this connection.' };
  }
  const expiresAt = account.tokenExpiresAt;
  if (expiresAt && !account.refreshTokenSealed) {
    if (expiresAt <= now) {
      return {
        health: 'needs_reconnect',
        problem: 'The connection expired. Reconnect the account to keep publishing.',
      };
    }
    if (expiresAt.getTime() - now.getTime() < EXPIRY_WARNING_MS) {
      return { health: 'expiring', problem: null };
    }
  }
  return { health: 'connected', problem: null };
}

/** When the connection stops working without a person: only known for tokens that cannot renew. */
export function unrenewableExpiry(account: SocialAccount): Date | null {
  return account.refreshTokenSealed ? null : account.tokenExpiresAt;
}
