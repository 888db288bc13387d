import { EntityManager, In } from 'typeorm';
import { locksRows } from '../../core/database/row-locks';
import type { PostStatus, PostTargetStatus } from '@atrium/shared';
import { Post } from './entities/post.entity';
import { PostTarget, type TargetState } from './entities/post-target.entity';

/** What a person sees for one target; `queued` and `sending` are both "publishing". */
export function publicTargetStatus(state: TargetState): PostTargetStatus {
  if (state === 'pending') return 'scheduled';
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
  if (states.some((s) => s === 'pending')) {
    return states.some((s) => s === 'published' || s === 'failed') ? 'publishing' : 'scheduled';
  }
  if (states.every((s) => s === 'published' || s === 'cancelled')) return 'published';
  return 'failed';
}

/**
 * Locks posts (in id order) for the rest of the transaction. Every transaction that changes the
 * targets of a post takes this lock first, so workers finishing targets of one post at the same
 * moment take turns, and each recomputes the post's status from what the others committed. On
 * SQLite writers are serialised by the database already.
 */
export async function lockPosts(manager: EntityManager, postIds: string[]): Promise<void> {
  const ids = [...new Set(postIds)].sort();
  if (ids.length === 0 || !locksRows(manager)) return;
  await manager
    .getRepository(Post)
    .createQueryBuilder('p')
    .select('p.id')
    .where('p.id IN (:...ids)', { ids })
    .orderBy('p.id', 'ASC')
    .setLock('pessimistic_write')
    .getMany();
}

/**
 * Recomputes the stored status, published time and failure summary of posts after target changes.
 * Call inside the transaction that changed the targets. On MySQL/MariaDB it reads with locking
 * reads, which see the latest commits rather than the transaction's first snapshot.
 */
export async function refreshPostStatuses(manager: EntityManager, postIds: string[]): Promise<void> {
  const ids = [...new Set(postIds)];
  if (ids.length === 0) return;
  await lockPosts(manager, ids);
  const posts = await manager.getRepository(Post).findBy({ id: In(ids) });
  const targetQuery = manager.getRepository(PostTarget).createQueryBuilder('t').where('t.postId IN (:...ids)', { ids });
  if (locksRows(manager)) targetQuery.setLock('pessimistic_read');
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
    await manager.getRepository(Post).update(
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
 * Fails every target still waiting to publish that matches `where` (an account disconnected, a
 * client deleted), with a reason people will read on the calendar.
 */
export async function failWaitingTargets(
  manager: EntityManager,
  where: { agencyId: string; socialAccountId?: string; clientId?: string },
  reason: string,
): Promise<void> {
  const waiting = await manager.getRepository(PostTarget).findBy({ ...where, state: In(['pending', 'queued']) });
  if (waiting.length === 0) return;
  await lockPosts(
    manager,
    waiting.map((t) => t.postId),
  );
  await manager
    .getRepository(PostTarget)
    .update(
      { id: In(waiting.map((t) => t.id)), state: In(['pending', 'queued']) },
      { state: 'failed', failureReason: reason },
    );
  await refreshPostStatuses(
    manager,
    waiting.map((t) => t.postId),
  );
}
