import type { AccountHealth } from '@atrium/shared';
import type { SocialAccount } from './entities/social-account.entity';

/** How far ahead of an unrenewable token's end people are warned. */
export const EXPIRY_WARNING_MS = 7 * 24 * 3600_000;

/**
 * Health as people see it. Renewable tokens (a refresh token, or a platform that renews the access
 * token itself) are renewed before they end, so only the others (or failed renewals) ever warn.
 */
export function accountHealth(
  account: SocialAccount,
  renewable: boolean,
  now = new Date(),
): { health: AccountHealth; problem: string | null } {
  if (account.status === 'needs_reconnect') {
    return { health: 'needs_reconnect', problem: account.problem ?? 'The platform no longer accepts this connection.' };
  }
  const expiresAt = account.tokenExpiresAt;
  if (expiresAt && !renewable) {
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
export function unrenewableExpiry(account: SocialAccount, renewable: boolean): Date | null {
  return renewable ? null : account.tokenExpiresAt;
}
