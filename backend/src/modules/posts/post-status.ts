import { In } from 'typeorm';
import type { PostStatus, PostTargetStatus } from '@atrium/shared';
import type { TenantTransaction } from '../../core/tenancy/tenant-data';
import type { TenantScope } from '../../core/tenancy/tenant-scope';
import { Post } from './entities/post.entity';
import { PostTarget, type TargetState } from './entities/post-target.entity';

/** What a person sees for one target; `queued` and `sending` are both "publishing". */
export function publicTargetStatus(state: TargetState): PostTargetStatus {
  if (state === 'pending' || state === 'held') return 'scheduled';
  if (state === 'queued' || state === 'sending') return 'publishing';
  return state;
}

/**
 * A post's status from its targets: publishing while any target is in flight or some are done and
 * others wait for a retry; published when all are; failed when any failed and none is left to try.
 */
export function derivePostStatus(states: TargetState[], fallback: PostStatus): PostStatus {
  if (states.length === 0) return fallback;
  if (states.every((s) => s === 'cancelled')) return 'cancelled';
  if (states.every((s) => s === 'draft')) return 'draft';
  if (states.some((s) => s === 'queued' || s === 'sending')) return 'publishing';
  // Waiting for its time or for the client's approval is the same "scheduled" to the people.
  if (states.some((s) => s === 'pending' || s === 'held')) {
    return states.some((s) => s === 'published' || s === 'failed') ? 'publishing' : 'scheduled';
  }
  if (states.every((s) => s === 'published' || s === 'cancelled')) return 'published';
  return 'failed';
}

/**
 * Locks the scope's posts (in id order) for the rest of the transaction. Every transaction that
 * changes the targets of a post takes this lock first, so workers finishing targets of one post at
 * the same moment take turns, and each recomputes the post's status from what the others
 * committed. On SQLite writers are serialised by the database already.
 */
export async function lockPosts(tx: TenantTransaction, scope: TenantScope, postIds: string[]): Promise<void> {
  const ids = [...new Set(postIds)].sort();
  if (ids.length === 0) return;
  const query = tx.query(scope, Post, 'p').select('p.id').where('p.id IN (:...ids)', { ids }).orderBy('p.id', 'ASC');
  if (!tx.locksRows) return;
  await query.setLock('pessimistic_write').getMany();
}

/**
 * Recomputes the stored status, published time and failure summary of the scope's posts after
 * target changes. Call inside the transaction that changed the targets. On MySQL/MariaDB it reads
 * with locking reads, which see the latest commits rather than the transaction's first snapshot.
 */
export async function refreshPostStatuses(tx: TenantTransaction, scope: TenantScope, postIds: string[]): Promise<void> {
  const ids = [...new Set(postIds)];
  if (ids.length === 0) return;
  await lockPosts(tx, scope, ids);
  const posts = await tx.listOwned(scope, Post, { where: { id: In(ids) } });
  const targetQuery = tx.query(scope, PostTarget, 't').where('t.postId IN (:...ids)', { ids });
  if (tx.locksRows) targetQuery.setLock('pessimistic_read');
  const targets = await targetQuery.getMany();
  for (const post of posts) {
    const own = targets.filter((t) => t.postId === post.id);
    const status = derivePostStatus(
      own.map((t) => t.state),
      post.status,
    );
    const published = own.map((t) => t.publishedAt).filter((d): d is Date => d !== null);
    const failures = own.filter((t) => t.state === 'failed' && t.failureReason);
    const failureReason =
      status === 'failed' || failures.length > 0
        ? failures.length === 1
          ? failures[0].failureReason
          : failures.length > 1
            ? `${failures.length} accounts failed: ${failures[0].failureReason}`
            : null
        : null;
    await tx.updateOwned(
      scope,
      Post,
      { id: post.id },
      {
        status,
        publishedAt: status === 'published' && published.length ? new Date(Math.max(...published.map(Number))) : null,
        failureReason: failureReason?.slice(0, 1000) ?? null,
      },
    );
  }
}

/**
 * Which waiting targets to fail, within the scope: those on one account (of one client when
 * `clientId` is given: the account moved away from it), or all of one client (deleted).
 */
export type WaitingTargets = { socialAccountId: string; clientId?: string } | { clientId: string };

/**
 * Fails every target of the scope still waiting to publish that matches (an account disconnected
 * or moved, a client deleted), with a reason people will read on the calendar. The scope must reach
 * the targets: the agency's, or the client's whose posts fail (not the client an account moves to).
 */
export async function failWaitingTargets(
  tx: TenantTransaction,
  scope: TenantScope,
  match: WaitingTargets,
  reason: string,
): Promise<void> {
  const states = In(['held', 'pending', 'queued']);
  const waiting = await tx.listOwned(scope, PostTarget, { where: { ...match, state: states } });
  if (waiting.length === 0) return;
  const postIds = waiting.map((t) => t.postId);
  await lockPosts(tx, scope, postIds);
  await tx.updateOwned(
    scope,
    PostTarget,
    { id: In(waiting.map((t) => t.id)), state: states },
    { state: 'failed', failureReason: reason },
  );
  await refreshPostStatuses(tx, scope, postIds);
}
