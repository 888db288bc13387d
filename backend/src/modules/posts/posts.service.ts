import { ConflictException, Injectable } from '@nestjs/common';
import { In, MoreThan } from 'typeorm';
import { MAX_AGENCY_CALENDAR_DAYS, type PostStatus, type PostView } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import { newId } from '../../core/database/columns';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData, type TenantTransaction } from '../../core/tenancy/tenant-data';
import { agencyScope, type Actor, type TenantScope } from '../../core/tenancy/tenant-scope';
import { FileUrlSigner } from '../media/file-url-signer';
import { MediaLibraryService } from '../media/media-library.service';
import { ProviderRegistry } from '../social/providers/provider-registry';
import { SocialAccountsService } from '../social/social-accounts.service';
import { AttachedMedia } from './attached-media';
import { PostApprovalService } from './post-approval.service';
import type { CreatePostDto, PostQueryDto, UpdatePostDto } from './dto/posts.dto';
import { PostMedia } from './entities/post-media.entity';
import { PostTarget } from './entities/post-target.entity';
import { Post } from './entities/post.entity';
import { lockPosts, publicTargetStatus, refreshPostStatuses } from './post-status';

/** A little slack for clocks and the time it takes to press Schedule. */
const PAST_TOLERANCE_MS = 60_000;
const MAX_AHEAD_MS = 2 * 366 * 24 * 3600_000;
const DAY_MS = 24 * 3600_000;

interface PostDraft {
  clientId: string;
  text: string;
  accountIds: string[];
  mediaIds: string[];
  scheduledAt: Date | null;
  /** Held until the client approves (posts.approve). */
  needsApproval: boolean;
}

/** Who composes: an agency person, whose name goes on the post's thread when it is sent for approval. */
export type Composer = Actor & { readonly profile?: { readonly name: string } };

const MAX_MEDIA = 10;

/**
 * Composing and planning posts in the agency workspace. Changes never race the publisher: targets
 * are replaced only while none of them has been claimed, inside one transaction. Every method
 * reaches the posts of the actor's scope only; others are 404.
 */
@Injectable()
export class PostsService {
  constructor(
    private readonly tenant: TenantData,
    private readonly registry: ProviderRegistry,
    private readonly audit: AuditService,
    private readonly library: MediaLibraryService,
    private readonly accounts: SocialAccountsService,
    private readonly attached: AttachedMedia,
    private readonly signer: FileUrlSigner,
    private readonly approval: PostApprovalService,
  ) {}

  /** Posts scheduled in [from, to), or the drafts; `query.clientId` narrows to one client of the scope. */
  async list(actor: Actor, query: PostQueryDto): Promise<PostView[]> {
    const { scope } = actor;
    if (query.clientId) await this.tenant.liveClient(scope, query.clientId);
    const clientFilter = query.clientId ? { clientId: query.clientId } : {};
    if (!query.from && !query.to && query.status === 'draft') {
      const drafts = await this.tenant.listOwned(scope, Post, {
        where: { ...clientFilter, status: 'draft' },
        order: { updatedAt: 'DESC' },
        take: 200,
      });
      return this.views(actor, drafts);
    }
    const from = query.from ? new Date(query.from) : null;
    const to = query.to ? new Date(query.to) : null;
    // An hour of slack: a six-week grid across a daylight-saving change is 42 days and one hour.
    if (!from || !to || to <= from || to.getTime() - from.getTime() > MAX_AGENCY_CALENDAR_DAYS * DAY_MS + 3600_000) {
      throw new ValidationFailedException([
        {
          field: 'to',
          messages: [`give from and to, with to after from and at most ${MAX_AGENCY_CALENDAR_DAYS} days later`],
        },
      ]);
    }
    const posts = await this.tenant
      .query(scope, Post, 'p')
      .where('p.scheduledAt >= :from AND p.scheduledAt < :to', { from, to })
      .andWhere(query.clientId ? 'p.clientId = :clientId' : '1=1', { clientId: query.clientId })
      .andWhere(query.status ? 'p.status = :status' : '1=1', { status: query.status })
      .orderBy('p.scheduledAt', 'ASC')
      // Every post of the range, no cap: the range is bounded above (at most 42 days), and a cap
      // without a flag silently emptied the end of a crowded week (5,000 posts showed Monday to Wednesday).
      .getMany();
    return this.views(actor, posts);
  }

  async get(actor: Actor, id: string): Promise<PostView> {
    const [view] = await this.views(actor, [await this.owned(actor.scope, id)]);
    return view;
  }

  /** How many posts of the scope failed since `since` (the dashboard's attention list). */
  countFailedSince(scope: TenantScope, since: Date): Promise<number> {
    return this.tenant.countOwned(scope, Post, { status: 'failed', updatedAt: MoreThan(since) });
  }

  async create(actor: Composer, dto: CreatePostDto): Promise<PostView> {
    const { scope } = actor;
    const draft = await this.validated(scope, {
      clientId: dto.clientId,
      text: dto.text,
      accountIds: dto.accountIds,
      mediaIds: dto.mediaIds ?? [],
      scheduledAt: dto.scheduledAt ? new Date(dto.scheduledAt) : null,
      needsApproval: dto.needsApproval ?? false,
    });
    const id = newId();
    await this.tenant.transaction(async (tx) => {
      const post = await tx.insertOwned(scope, Post, {
        id,
        clientId: draft.clientId,
        text: draft.text,
        status: draft.scheduledAt ? 'scheduled' : 'draft',
        scheduledAt: draft.scheduledAt,
        createdByUserId: actor.userId,
        approvalRequired: draft.needsApproval,
        approvalState: draft.needsApproval ? 'pending' : null,
      });
      await this.insertTargets(tx, scope, id, draft);
      await this.replaceMedia(tx, scope, id, draft.mediaIds);
      if (draft.needsApproval && draft.scheduledAt) {
        await this.approval.submitted(tx, actor, actor.profile?.name ?? 'The agency', post, false);
      }
      await this.record(tx, actor, draft.scheduledAt ? 'post.scheduled' : 'post.drafted', id, {
        scheduledAt: draft.scheduledAt?.toISOString() ?? null,
      });
    });
    return this.get(actor, id);
  }

  async update(actor: Composer, id: string, dto: UpdatePostDto): Promise<PostView> {
    const { scope } = actor;
    const post = await this.owned(scope, id);
    this.assertEditable(post.status);
    const currentTargets = await this.tenant.listOwned(scope, PostTarget, { where: { postId: post.id } });
    const draft = await this.validated(scope, {
      clientId: post.clientId,
      text: dto.text ?? post.text,
      accountIds: dto.accountIds ?? currentTargets.map((t) => t.socialAccountId),
      mediaIds:
        dto.mediaIds ??
        (await this.tenant.listOwned(scope, PostMedia, { where: { postId: post.id }, order: { position: 'ASC' } })).map(
          (m) => m.mediaAssetId,
        ),
      scheduledAt:
        dto.scheduledAt === undefined ? post.scheduledAt : dto.scheduledAt === null ? null : new Date(dto.scheduledAt),
      needsApproval: dto.needsApproval ?? post.approvalRequired,
    });
    await this.tenant.transaction(async (tx) => {
      await lockPosts(tx, scope, [post.id]);
      await this.replaceTargets(tx, scope, post.id, draft);
      await this.replaceMedia(tx, scope, post.id, draft.mediaIds);
      // Any change sends a post that needs approval back to the client: what they approved is gone.
      await tx.updateOwned(
        scope,
        Post,
        { id: post.id },
        {
          text: draft.text,
          scheduledAt: draft.scheduledAt,
          status: draft.scheduledAt ? 'scheduled' : 'draft',
          approvalRequired: draft.needsApproval,
          approvalState: draft.needsApproval ? 'pending' : null,
          approvalOverdueNotifiedAt: null,
        },
      );
      await refreshPostStatuses(tx, scope, [post.id]);
      if (draft.needsApproval && draft.scheduledAt) {
        const again = post.approvalRequired && post.status === 'scheduled';
        await this.approval.submitted(tx, actor, actor.profile?.name ?? 'The agency', post, again);
      }
      await this.record(tx, actor, 'post.updated', post.id, {
        scheduledAt: draft.scheduledAt?.toISOString() ?? null,
      });
    });
    return this.get(actor, post.id);
  }

  async cancel(actor: Actor, id: string): Promise<PostView> {
    const { scope } = actor;
    const post = await this.owned(scope, id);
    if (post.status !== 'scheduled') {
      throw new ConflictException(
        post.status === 'publishing'
          ? 'This post is being published right now and can no longer be cancelled.'
          : `Only scheduled posts can be cancelled (this one is ${post.status}).`,
      );
    }
    await this.tenant.transaction(async (tx) => {
      await lockPosts(tx, scope, [post.id]);
      await tx.updateOwned(
        scope,
        PostTarget,
        { postId: post.id, state: In(['pending', 'held']) },
        { state: 'cancelled', claimToken: null },
      );
      await refreshPostStatuses(tx, scope, [post.id]);
      await this.record(tx, actor, 'post.cancelled', post.id);
    });
    return this.get(actor, post.id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const { scope } = actor;
    const post = await this.owned(scope, id);
    await this.tenant.transaction(async (tx) => {
      // Re-checked under the post's lock: an edit or the publisher may have moved it meanwhile.
      await lockPosts(tx, scope, [post.id]);
      const current = await tx.findOwned(scope, Post, post.id, { notFound: 'Post not found' });
      if (!['draft', 'cancelled', 'failed'].includes(current.status)) {
        throw new ConflictException('Only drafts, cancelled and failed posts can be deleted; cancel it first.');
      }
      const busy = await tx.countOwned(scope, PostTarget, {
        postId: post.id,
        state: In(['pending', 'queued', 'sending']),
      });
      if (busy > 0) throw new ConflictException('This post is being published right now.');
      await tx.deleteOwned(scope, PostTarget, { postId: post.id });
      await tx.deleteOwned(scope, Post, { id: post.id });
      await this.record(tx, actor, 'post.deleted', post.id);
    });
  }

  private owned(scope: TenantScope, id: string): Promise<Post> {
    return this.tenant.findOwned(scope, Post, id, { notFound: 'Post not found' });
  }

  /** The posts as people see them, with thumbnails signed for the viewer. */
  private async views(viewer: Actor, posts: Post[]): Promise<PostView[]> {
    if (posts.length === 0) return [];
    const { scope } = viewer;
    const targets = await this.tenant.listOwned(scope, PostTarget, { where: { postId: In(posts.map((p) => p.id)) } });
    const accounts = await this.accounts.byIds(scope, [...new Set(targets.map((t) => t.socialAccountId))]);
    const clientIds = [...new Set(posts.map((p) => p.clientId))];
    const clients = await this.tenant.listOwned(scope, Client, { where: { id: In(clientIds) } });
    const creatorIds = [...new Set(posts.map((p) => p.createdByUserId).filter((v): v is string => v !== null))];
    // The authors are the agency's people, whose rows only the agency scope reads; the ids come
    // from posts this scope reached, so only their names are shown.
    const creators = creatorIds.length
      ? await this.tenant.listOwned(agencyScope(scope.agencyId), User, { where: { id: In(creatorIds) } })
      : [];
    const accountById = new Map(accounts.map((a) => [a.id, a]));
    // Grouped once: filtering every post's targets out of the whole list is quadratic in a crowded week.
    const targetsByPost = new Map<string, PostTarget[]>();
    for (const target of targets) {
      const ofPost = targetsByPost.get(target.postId);
      if (ofPost) ofPost.push(target);
      else targetsByPost.set(target.postId, [target]);
    }
    const media = await this.attached.of(
      scope,
      posts.map((p) => p.id),
    );
    const viewerUserId = viewer.userId ?? '';
    const approvals = await this.approval.approvalsFor(scope, posts);
    const commentCounts = await this.approval.countsFor(
      scope,
      posts.map((p) => p.id),
    );
    return posts.map((post) => ({
      id: post.id,
      clientId: post.clientId,
      clientName: clients.find((c) => c.id === post.clientId)?.name ?? '',
      text: post.text,
      media: (media.get(post.id) ?? []).map((asset) => ({
        id: asset.id,
        filename: asset.filename,
        mimeType: asset.mimeType,
        thumbnailUrl: this.signer.thumbnailUrl(asset, viewerUserId),
      })),
      status: post.status,
      scheduledAt: post.scheduledAt?.toISOString() ?? null,
      publishedAt: post.publishedAt?.toISOString() ?? null,
      failureReason: post.failureReason,
      approval: approvals.get(post.id) ?? null,
      commentCount: commentCounts.get(post.id) ?? 0,
      createdByName: creators.find((u) => u.id === post.createdByUserId)?.name ?? null,
      createdAt: post.createdAt.toISOString(),
      updatedAt: post.updatedAt.toISOString(),
      targets: (targetsByPost.get(post.id) ?? []).map((t) => {
        const account = accountById.get(t.socialAccountId);
        return {
          accountId: t.socialAccountId,
          provider: account?.provider ?? 'local',
          accountName: account?.displayName ?? 'Removed account',
          accountHandle: account?.handle ?? null,
          status: publicTargetStatus(t.state),
          url: t.externalUrl,
          failureReason: t.failureReason,
          publishedAt: t.publishedAt?.toISOString() ?? null,
        };
      }),
    }));
  }

  /** Checks a post as a whole and answers 400 naming each field that is wrong. */
  private async validated(scope: TenantScope, draft: PostDraft): Promise<PostDraft> {
    const client = await this.tenant.liveClient(scope, draft.clientId);
    const accountIds = [...new Set(draft.accountIds)];
    const accounts = (await this.accounts.byIds(scope, accountIds)).filter((a) => a.clientId === draft.clientId);
    const problems: Array<{ field: string; messages: string[] }> = [];
    const mediaIds = [...new Set(draft.mediaIds)];
    const media = await this.library.usableForPost(scope, draft.clientId, mediaIds);
    if (media.length !== mediaIds.length) {
      problems.push({
        field: 'mediaIds',
        messages: ["every file must be in the library, the client's or the agency's own"],
      });
    }
    if (mediaIds.length > MAX_MEDIA) problems.push({ field: 'mediaIds', messages: [`at most ${MAX_MEDIA} files`] });
    const images = media.filter((m) => m.kind === 'image');
    const usable = accounts.filter((a) => a.status !== 'disconnected');
    if (usable.length !== accountIds.length) {
      problems.push({ field: 'accountIds', messages: ['every account must be a connected account of this client'] });
    }
    if (draft.scheduledAt && accountIds.length === 0) {
      problems.push({ field: 'accountIds', messages: ['choose at least one account to schedule the post'] });
    }
    for (const account of usable) {
      const adapter = this.registry.find(account.provider);
      if (!adapter) {
        problems.push({
          field: 'accountIds',
          messages: [`${account.displayName}: this platform is no longer offered`],
        });
        continue;
      }
      // Characters as people count them (code points), as the composer's counter does.
      const characters = [...draft.text].length;
      if (characters > adapter.maxTextLength) {
        problems.push({
          field: 'text',
          messages: [
            `${adapter.name} allows at most ${adapter.maxTextLength} characters (this text has ${characters})`,
          ],
        });
      }
      if (adapter.requiresMedia && images.length === 0) {
        problems.push({ field: 'mediaIds', messages: [`${adapter.name} posts need an image: attach one`] });
      }
      if (media.length > 0 && !adapter.acceptsMedia) {
        problems.push({
          field: 'mediaIds',
          messages: [`${adapter.name}: posts with files are not supported yet; remove the files or this account`],
        });
      }
      const limits = adapter.mediaLimits;
      if (limits && adapter.acceptsMedia && media.length > limits.maxFiles) {
        const files = limits.maxFiles === 1 ? 'one file' : `${limits.maxFiles} files`;
        problems.push({ field: 'mediaIds', messages: [`${adapter.name} takes ${files} per post`] });
      }
      if (limits && adapter.acceptsMedia && media.some((m) => !limits.mimeTypes.includes(m.mimeType))) {
        problems.push({ field: 'mediaIds', messages: [`${adapter.name} takes ${limits.typesLabel} only`] });
      }
    }
    if (draft.needsApproval && !client.permissions.includes('posts.approve')) {
      problems.push({
        field: 'needsApproval',
        messages: [`turn on Approvals for ${client.name} first (Clients › Permissions)`],
      });
    }
    if (draft.scheduledAt) {
      const delta = draft.scheduledAt.getTime() - Date.now();
      if (delta < -PAST_TOLERANCE_MS) problems.push({ field: 'scheduledAt', messages: ['must not be in the past'] });
      if (delta > MAX_AHEAD_MS) problems.push({ field: 'scheduledAt', messages: ['must be within two years'] });
    }
    if (problems.length) throw new ValidationFailedException(problems);
    return { ...draft, accountIds, mediaIds };
  }

  private assertEditable(status: PostStatus): void {
    if (status === 'publishing') throw new ConflictException('This post is being published right now.');
    if (status === 'published') throw new ConflictException('This post is already published; it can no longer change.');
  }

  /**
   * Removes the targets nobody is working on and inserts the new ones. If the publisher claimed
   * any target meanwhile (or some already went out), the whole change rolls back with a 409.
   */
  private async replaceTargets(tx: TenantTransaction, scope: TenantScope, postId: string, draft: PostDraft) {
    await tx.deleteOwned(scope, PostTarget, {
      postId,
      state: In(['draft', 'held', 'pending', 'failed', 'cancelled']),
    });
    const claimed = await tx.countOwned(scope, PostTarget, { postId });
    if (claimed > 0) {
      throw new ConflictException(
        'Part of this post is already published or being published, so it can no longer change. Write a new post instead.',
      );
    }
    await this.insertTargets(tx, scope, postId, draft);
  }

  private async replaceMedia(tx: TenantTransaction, scope: TenantScope, postId: string, mediaIds: string[]) {
    await tx.deleteOwned(scope, PostMedia, { postId });
    if (mediaIds.length === 0) return;
    // The files were checked before this transaction; a deletion from the library may have won
    // the race since. Locking them makes a concurrent delete wait for this post (and then refuse).
    const stillThere = await this.library.lockForAttaching(tx, scope, mediaIds);
    if (stillThere.length !== mediaIds.length) {
      throw new ValidationFailedException([{ field: 'mediaIds', messages: ['a file was deleted from the library'] }]);
    }
    for (const [position, mediaAssetId] of mediaIds.entries()) {
      await tx.insertOwned(scope, PostMedia, { postId, mediaAssetId, position });
    }
  }

  private async insertTargets(tx: TenantTransaction, scope: TenantScope, postId: string, draft: PostDraft) {
    for (const socialAccountId of draft.accountIds) {
      await tx.insertOwned(scope, PostTarget, {
        postId,
        clientId: draft.clientId,
        socialAccountId,
        // Waiting for the client's approval first, when it needs one.
        state: !draft.scheduledAt ? 'draft' : draft.needsApproval ? 'held' : 'pending',
        scheduledAt: draft.scheduledAt,
      });
    }
  }

  private record(
    tx: TenantTransaction,
    actor: Actor,
    action: string,
    postId: string,
    details?: Record<string, unknown>,
  ) {
    return this.audit.recordFor(actor, { action, targetType: 'post', targetId: postId, details }, tx);
  }
}
