import {
  PORTAL_CALENDAR_LIMIT,
  type ApprovalState,
  type PortalCalendarPost,
  type SocialProviderId,
} from '@atrium/shared';
import { rawDate } from '../../core/database/raw-values';
import { CompiledQuery } from '../../core/tenancy/compiled-query';
import type { TenantDataAccess } from '../../core/tenancy/tenant-data';
import type { TenantScope } from '../../core/tenancy/tenant-scope';
import { SocialAccount } from '../social/entities/social-account.entity';
import type { Attachment } from './attached-media';
import { Post } from './entities/post.entity';
import { PostMedia } from './entities/post-media.entity';
import { PostTarget } from './entities/post-target.entity';

interface WeekRow {
  postId: string;
  text: string;
  approvalState: ApprovalState | null;
  state: string;
  scheduledAt: Date | string;
  publishedAt: Date | string | null;
  externalUrl: string | null;
  accountId: string;
  provider: SocialProviderId;
  displayName: string;
  handle: string | null;
}

/** What the client sees: everything still to go out (waiting for approval too) and what went out. */
const VISIBLE_STATES = ['held', 'pending', 'queued', 'sending', 'published'];

type WeekParams = { from: Date; to: Date };

/**
 * One row per post and account of the scope's client, on accounts still assigned to it, with what
 * the portal shows of each. Every target column read here is in idx_post_targets_client_week.
 */
function visibleTargetRows(data: TenantDataAccess, scope: TenantScope) {
  return data
    .query(scope, PostTarget, 't')
    .select([
      't.postId AS "postId"',
      'p.text AS "text"',
      'p.approvalState AS "approvalState"',
      't.state AS "state"',
      't.scheduledAt AS "scheduledAt"',
      't.publishedAt AS "publishedAt"',
      't.externalUrl AS "externalUrl"',
      'a.id AS "accountId"',
      'a.provider AS "provider"',
      'a.displayName AS "displayName"',
      'a.handle AS "handle"',
    ])
    .innerJoin(SocialAccount, 'a', 'a.id = t.socialAccountId AND a.clientId = t.clientId AND a.status != :gone', {
      gone: 'disconnected',
    })
    .innerJoin(Post, 'p', 'p.id = t.postId');
}

/** The week's query, compiled once per row limit (the portal asks with one; tests may ask with others). */
const weekQueries = new Map<number, CompiledQuery<WeekParams>>();

function weekQuery(rowLimit: number): CompiledQuery<WeekParams> {
  let query = weekQueries.get(rowLimit);
  if (!query) {
    query = new CompiledQuery<WeekParams>(['from', 'to'], (data, scope, params) =>
      visibleTargetRows(data, scope)
        .where('t.scheduledAt >= :from AND t.scheduledAt < :to', params)
        .andWhere('t.state IN (:...states)', { states: VISIBLE_STATES })
        .orderBy('t.scheduledAt', 'ASC')
        .addOrderBy('t.postId', 'ASC')
        .limit(rowLimit),
    );
    weekQueries.set(rowLimit, query);
  }
  return query;
}

/** Targets still to go out: waiting for approval or their time, or handed to the publisher. */
const UPCOMING_STATES = ['held', 'pending', 'queued'];

/**
 * Rows one upcoming read takes (a row per post and account). Enough for MAX_PORTAL_UPCOMING posts
 * on ten accounts each; a post cut by the limit is left out rather than shown with some accounts.
 */
export const UPCOMING_ROW_LIMIT = 200;

type UpcomingParams = { from: Date };

const upcomingQuery = new CompiledQuery<UpcomingParams>(['from'], (data, scope, params) =>
  visibleTargetRows(data, scope)
    .where('t.scheduledAt >= :from', params)
    .andWhere('t.state IN (:...states)', { states: UPCOMING_STATES })
    .orderBy('t.scheduledAt', 'ASC')
    .addOrderBy('t.postId', 'ASC')
    .limit(UPCOMING_ROW_LIMIT),
);

/**
 * The next `count` posts of the scope's client still to go out from `from` on, soonest first, on
 * accounts still assigned to it. Same index as the week (idx_post_targets_client_week): it reads
 * forward from `from` and stops at the row limit, whatever the table's size.
 */
export async function portalUpcomingPosts(
  data: TenantDataAccess,
  scope: TenantScope,
  from: Date,
  count: number,
): Promise<PortalCalendarPost[]> {
  const rows = await data.runCompiled<WeekRow, UpcomingParams>(scope, upcomingQuery, { from });
  const posts = groupPosts(rows).items;
  // The last post may have lost accounts to the row limit: only keep it when the read was complete.
  const complete = rows.length < UPCOMING_ROW_LIMIT ? posts : posts.slice(0, -1);
  return complete.slice(0, count);
}

/**
 * Given posts of the scope's client as the portal shows them (accounts, status; media is the
 * caller's to add), in no particular order. For short lists (the review list), not for the week.
 */
export async function portalPostsByIds(
  data: TenantDataAccess,
  scope: TenantScope,
  postIds: string[],
): Promise<PortalCalendarPost[]> {
  if (postIds.length === 0) return [];
  const rows = await visibleTargetRows(data, scope)
    .where('t.postId IN (:...postIds)', { postIds })
    .andWhere('t.state IN (:...states)', { states: VISIBLE_STATES })
    .orderBy('t.scheduledAt', 'ASC')
    .addOrderBy('t.postId', 'ASC')
    .getRawMany<WeekRow>();
  return groupPosts(rows).items;
}

/**
 * The files attached to the posts of the scope's client scheduled in [from, to), in their order:
 * the week's thumbnails in one compiled, indexed read (the posts' ids are not bound one by one, so
 * the statement is the same for every week). It may name posts past the week's row limit; the
 * caller keeps those of the posts it shows.
 */
const weekMediaQuery = new CompiledQuery<WeekParams>(['from', 'to'], (data, scope, params) =>
  data
    .query(scope, PostTarget, 't')
    .innerJoin(PostMedia, 'pm', 'pm.postId = t.postId AND pm.agencyId = t.agencyId')
    .select(['pm.postId AS "postId"', 'pm.mediaAssetId AS "mediaAssetId"', 'pm.position AS "position"'])
    .distinct(true)
    .where('t.scheduledAt >= :from AND t.scheduledAt < :to', params)
    .andWhere('t.state IN (:...states)', { states: VISIBLE_STATES })
    .orderBy('pm.postId', 'ASC')
    .addOrderBy('pm.position', 'ASC'),
);

export async function portalCalendarWeekMedia(
  data: TenantDataAccess,
  scope: TenantScope,
  from: Date,
  to: Date,
): Promise<Attachment[]> {
  return data.runCompiled<Attachment, WeekParams>(scope, weekMediaQuery, { from, to });
}

/**
 * The portal calendar's week: posts of the scope's client on accounts still assigned to it,
 * scheduled or published in [from, to). Every target column it reads is in
 * idx_post_targets_client_week (clientId, scheduledAt, ...), so its cost follows the posts in that
 * week, not the size of the table (see bench/calendar-week); a column added here belongs in that
 * index too. The accounts are joined rather than asked of the social feature: one indexed query per
 * week is what keeps the portal calendar fast.
 */
export async function portalCalendarWeek(
  data: TenantDataAccess,
  scope: TenantScope,
  from: Date,
  to: Date,
  limit = PORTAL_CALENDAR_LIMIT,
): Promise<{ items: PortalCalendarPost[]; truncated: boolean }> {
  const rows = await data.runCompiled<WeekRow, WeekParams>(scope, weekQuery(limit + 1), { from, to });

  const truncated = rows.length > limit;
  return { items: groupPosts(rows.slice(0, limit)).items, truncated };
}

/** Rows (one per post and account, in time order) folded into posts, in the order they first appear. */
function groupPosts(rows: readonly WeekRow[]): { items: PortalCalendarPost[] } {
  const posts = new Map<string, PortalCalendarPost>();
  const states = new Map<string, string[]>();
  for (const row of rows) {
    let post = posts.get(row.postId);
    if (!post) {
      post = {
        id: row.postId,
        text: row.text,
        media: [],
        status: 'scheduled',
        scheduledAt: toIso(row.scheduledAt) as string,
        publishedAt: null,
        approvalState: row.approvalState ?? null,
        accounts: [],
      };
      posts.set(row.postId, post);
      states.set(row.postId, []);
    }
    post.accounts.push({
      id: row.accountId,
      provider: row.provider,
      displayName: row.displayName,
      handle: row.handle,
      url: row.state === 'published' ? row.externalUrl : null,
    });
    states.get(row.postId)?.push(row.state);
    const publishedAt = row.state === 'published' ? toIso(row.publishedAt) : null;
    if (publishedAt && (!post.publishedAt || publishedAt > post.publishedAt)) post.publishedAt = publishedAt;
  }
  for (const post of posts.values()) post.status = summarize(states.get(post.id) ?? []);
  return { items: [...posts.values()] };
}

/** Published once every visible account has it; publishing while any is in flight or only some are out. */
function summarize(states: string[]): PortalCalendarPost['status'] {
  if (states.length > 0 && states.every((s) => s === 'published')) return 'published';
  if (states.some((s) => s !== 'pending' && s !== 'held')) return 'publishing';
  return 'scheduled';
}

/** The ISO text of a raw date column (either dialect). */
function toIso(value: Date | string | null): string | null {
  return rawDate(value)?.toISOString() ?? null;
}
