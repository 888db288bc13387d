import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, MoreThan } from 'typeorm';
import { insertRows } from '../../core/database/insert-rows';
import type { TenantDataAccess } from '../../core/tenancy/tenant-data';
import { OneTimeToken, OneTimeTokenPurpose } from './entities/one-time-token.entity';
import { hashToken, newSecretToken } from './token-hash';

export const TOKEN_TTL_MS: Record<OneTimeTokenPurpose, number> = {
  confirm_email: 48 * 60 * 60_000,
  reset_password: 60 * 60_000,
  invitation: 7 * 24 * 60 * 60_000,
  magic_link: 15 * 60_000,
  change_email: 24 * 60 * 60_000,
  // A contract waits days for its signers (reminders come every few days): its emails sign in for a week.
  contract_link: 7 * 24 * 60 * 60_000,
  // An email about unread messages may be opened the next morning or after a weekend. Only the
  // newest one signs in (each links to the same page), so at most one such link is ever live.
  message_link: 7 * 24 * 60 * 60_000,
  // An invoice waits days or weeks to be paid (reminders come before and after its due date): a week, like the others.
  invoice_link: 7 * 24 * 60 * 60_000,
};

/**
 * Purposes whose earlier links keep working when a new one is issued: each contract (invoice) email
 * signs in to its own contract (invoice), and a second one must not break the first one's link.
 */
const KEEPS_EARLIER: ReadonlySet<OneTimeTokenPurpose> = new Set(['contract_link', 'invoice_link']);

/** Ids per `IN (…)` list of one UPDATE. */
const USERS_PER_UPDATE = 1000;

/**
 * Email tokens (SPEC §5): random, hashed at rest, one purpose, one user, one use. Every method
 * joins the caller's transaction (`tx`).
 */
@Injectable()
export class OneTimeTokenService {
  /**
   * Issues a token and kills every earlier unused token of the same purpose for the user, so
   * only the newest link works.
   */
  async issue(tx: TenantDataAccess, userId: string, email: string, purpose: OneTimeTokenPurpose): Promise<string> {
    const [token] = await this.issueMany(tx, [{ userId, email }], purpose);
    return token;
  }

  /**
   * `issue` for many people at once, set-based: one UPDATE kills their earlier unused tokens of the
   * purpose, and multi-row INSERTs store the new hashes. Returns the tokens in the order given.
   */
  async issueMany(
    tx: TenantDataAccess,
    recipients: ReadonlyArray<{ userId: string; email: string }>,
    purpose: OneTimeTokenPurpose,
  ): Promise<string[]> {
    if (recipients.length === 0) return [];
    const manager = tokensIn(tx);
    const now = new Date();
    const userIds = [...new Set(recipients.map((r) => r.userId))];
    for (let at = 0; !KEEPS_EARLIER.has(purpose) && at < userIds.length; at += USERS_PER_UPDATE) {
      await manager
        .getRepository(OneTimeToken)
        .update({ userId: In(userIds.slice(at, at + USERS_PER_UPDATE)), purpose, usedAt: IsNull() }, { usedAt: now });
    }
    const tokens = recipients.map(() => newSecretToken());
    const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS[purpose]);
    await insertRows(
      manager,
      OneTimeToken,
      recipients.map((r, i) => ({
        userId: r.userId,
        email: r.email,
        purpose,
        tokenHash: hashToken(tokens[i]),
        expiresAt,
      })),
    );
    return tokens;
  }

  /**
   * After a password change or reset: links already mailed that could sign in without the new
   * password (reset, magic link) or move the account to another address (email change) stop
   * working, so whoever made the change is the only one left holding the account.
   */
  async spendAccountLinks(tx: TenantDataAccess, userId: string): Promise<void> {
    await tokensIn(tx)
      .getRepository(OneTimeToken)
      .update(
        {
          userId,
          purpose: In([
            'reset_password',
            'magic_link',
            'change_email',
            'contract_link',
            'message_link',
            'invoice_link',
          ]),
          usedAt: IsNull(),
        },
        { usedAt: new Date() },
      );
  }

  /** The user's outstanding magic links stop working (access removed, or revoked by the agency). */
  async spendMagicLinks(tx: TenantDataAccess, userId: string): Promise<void> {
    await tokensIn(tx)
      .getRepository(OneTimeToken)
      .update(
        { userId, purpose: In(['magic_link', 'contract_link', 'message_link', 'invoice_link']), usedAt: IsNull() },
        { usedAt: new Date() },
      );
  }

  /**
   * Spends a token: one conditional UPDATE, so two concurrent requests cannot both succeed.
   * Returns the token row, or null when it is unknown, expired, already used or for another purpose.
   */
  async consume(
    tx: TenantDataAccess,
    token: string,
    purpose: OneTimeTokenPurpose | readonly OneTimeTokenPurpose[],
  ): Promise<OneTimeToken | null> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
    const tokenHash = hashToken(token);
    const now = new Date();
    const manager = tokensIn(tx);
    const result = await manager
      .createQueryBuilder()
      .update(OneTimeToken)
      .set({ usedAt: now })
      .where({
        tokenHash,
        purpose: typeof purpose === 'string' ? purpose : In([...purpose]),
        usedAt: IsNull(),
        expiresAt: MoreThan(now),
      })
      .execute();
    if ((result.affected ?? 0) !== 1) return null;
    return manager.getRepository(OneTimeToken).findOneBy({ tokenHash });
  }
}

/** Email tokens belong to a user, not to a tenant; they are found by their hash before any tenant is known. */
function tokensIn(tx: TenantDataAccess): EntityManager {
  return tx.unscoped('email tokens: per user, found by hash before any tenant is known');
}
