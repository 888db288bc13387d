import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { MAX_AGENCY_CALENDAR_DAYS, type PostStatus, type PostView } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import { newId } from '../../core/database/columns';
import { locksRows } from '../../core/database/row-locks';
import { attachedMedia } from './attached-media';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { Client } from '../../core/tenancy/entities/client.entity';
import { SocialAccount } from '../social/entities/social-account.entity';
import { ProviderRegistry } from '../social/providers/provider-registry';
import type { Actor } from '../social/social-accounts.service';
import { User } from '../../core/tenancy/entities/user.entity';
import type { CreatePostDto, PostQueryDto, UpdatePostDto } from './dto/posts.dto';
import { Post } from './entities/post.entity';
import { PostTarget } from './entities/post-target.entity';
import { PostMedia } from './entities/post-media.entity';
import { MediaAsset } from '../media/entities/media-asset.entity';
import { MediaLibraryService } from '../media/media-library.service';
import { FileUrlSigner } from '../media/file-url-signer';
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
}

const MAX_MEDIA = 10;

/**
 * Composing and planning posts in the agency workspace. Changes never race the publisher: targets
 * are replaced only while none of them has been claimed, inside one transaction.
 */
@Injectable()
export class PostsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ProviderRegistry,
    private readonly audit: AuditService,
    private readonly library: MediaLibraryService,
    private readonly signer: FileUrlSigner,
  ) {}

  async list(agencyId: string, query: PostQueryDto, viewerUserId: string): Promise<PostView[]> {
    if (query.clientId) await this.liveClient(agencyId, query.clientId);
    const where = { agencyId, ...(query.clientId ? { clientId: query.clientId } : {}) };
    if (!query.from && !query.to && query.status === 'draft') {
      const drafts = await this.db
        .getRepository(Post)
        .find({ where: { ...where, status: 'draft' }, order: { updatedAt: 'DESC' }, take: 200 });
      return this.views(agencyId, drafts, viewerUserId);
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
    const posts = await this.db
      .getRepository(Post)
      .createQueryBuilder('p')
      .where('p.agencyId = :agencyId', { agencyId })
      .andWhere('p.scheduledAt >= :from AND p.scheduledAt < :to', { from, to })
      .andWhere(query.clientId ? 'p.clientId = :clientId' : '1=1', { clientId: query.clientId })
      .andWhere(query.status ? 'p.status = :status' : '1=1', { status: query.status })
      .orderBy('p.scheduledAt', 'ASC')
      .take(2000)
      .getMany();
    return this.views(agencyId, posts, viewerUserId);
  }

  async get(agencyId: string, id: string, viewerUserId: string): Promise<PostView> {
    const [view] = await this.views(agencyId, [await this.owned(agencyId, id)], viewerUserId);
    return view;
  }

  async create(actor: Actor, dto: CreatePostDto): Promise<PostView> {
    const draft = await this.validated(actor.agencyId, {
      clientId: dto.clientId,
      text: dto.text,
      accountIds: dto.accountIds,
      mediaIds: dto.mediaIds ?? [],
      scheduledAt: dto.scheduledAt ? new Date(dto.scheduledAt) : null,
    });
    const id = newId();
    await this.db.transaction(async (manager) => {
      const posts = manager.getRepository(Post);
      await posts.save(
        posts.create({
          id,
          agencyId: actor.agencyId,
          clientId: draft.clientId,
          text: draft.text,
          status: draft.scheduledAt ? 'scheduled' : 'draft',
          scheduledAt: draft.scheduledAt,
          createdByUserId: actor.userId,
        }),
      );
      await this.insertTargets(manager, actor.agencyId, id, draft);
      await this.replaceMedia(manager, actor.agencyId, id, draft.mediaIds);
      await this.record(manager, actor, draft.scheduledAt ? 'post.scheduled' : 'post.drafted', id, {
        scheduledAt: draft.scheduledAt?.toISOString() ?? null,
      });
    });
    return this.get(actor.agencyId, id, actor.userId ?? '');
  }

  async update(actor: Actor, id: string, dto: UpdatePostDto): Promise<PostView> {
    const post = await this.owned(actor.agencyId, id);
    this.assertEditable(post.status);
    const currentTargets = await this.db.getRepository(PostTarget).findBy({ postId: post.id });
    const draft = await this.validated(actor.agencyId, {
      clientId: post.clientId,
      text: dto.text ?? post.text,
      accountIds: dto.accountIds ?? currentTargets.map((t) => t.socialAccountId),
      mediaIds:
        dto.mediaIds ??
        (await this.db.getRepository(PostMedia).find({ where: { postId: post.id }, order: { position: 'ASC' } })).map(
          (m) => m.mediaAssetId,
        ),
      scheduledAt:
        dto.scheduledAt === undefined ? post.scheduledAt : dto.scheduledAt === null ? null : new Date(dto.scheduledAt),
    });
    await this.db.transaction(async (manager) => {
      await lockPosts(manager, [post.id]);
      await this.replaceTargets(manager, actor.agencyId, post.id, draft);
      await this.replaceMedia(manager, actor.agencyId, post.id, draft.mediaIds);
      await manager
        .getRepository(Post)
        .update(
          { id: post.id },
          { text: draft.text, scheduledAt: draft.scheduledAt, status: draft.scheduledAt ? 'scheduled' : 'draft' },
        );
      await refreshPostStatuses(manager, [post.id]);
      await this.record(manager, actor, 'post.updated', post.id, {
        scheduledAt: draft.scheduledAt?.toISOString() ?? null,
      });
    });
    return this.get(actor.agencyId, post.id, actor.userId ?? '');
  }

  async cancel(actor: Actor, id: string): Promise<PostView> {
    const post = await this.owned(actor.agencyId, id);
    if (post.status !== 'scheduled') {
      throw new ConflictException(
        post.status === 'publishing'
          ? 'This post is being published right now and can no longer be cancelled.'
          : `Only scheduled posts can be cancelled (this one is ${post.status}).`,
      );
    }
    await this.db.transaction(async (manager) => {
      await lockPosts(manager, [post.id]);
      await manager
        .getRepository(PostTarget)
        .update({ postId: post.id, state: 'pending' }, { state: 'cancelled', claimToken: null });
      await refreshPostStatuses(manager, [post.id]);
      await this.record(manager, actor, 'post.cancelled', post.id);
    });
    return this.get(actor.agencyId, post.id, actor.userId ?? '');
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const post = await this.owned(actor.agencyId, id);
    await this.db.transaction(async (manager) => {
      // Re-checked under the post's lock: an edit or the publisher may have moved it meanwhile.
      await lockPosts(manager, [post.id]);
      const current = await manager.getRepository(Post).findOneBy({ id: post.id, agencyId: actor.agencyId });
      if (!current) throw new NotFoundException('Post not found');
      if (!['draft', 'cancelled', 'failed'].includes(current.status)) {
        throw new ConflictException('Only drafts, cancelled and failed posts can be deleted; cancel it first.');
      }
      const busy = await manager
        .getRepository(PostTarget)
        .countBy({ postId: post.id, state: In(['pending', 'queued', 'sending']) });
      if (busy > 0) throw new ConflictException('This post is being published right now.');
      await manager.getRepository(PostTarget).delete({ postId: post.id });
      await manager.getRepository(Post).delete({ id: post.id, agencyId: actor.agencyId });
      await this.record(manager, actor, 'post.deleted', post.id);
    });
  }

  async owned(agencyId: string, id: string): Promise<Post> {
    const post = await this.db.getRepository(Post).findOneBy({ id, agencyId });
    if (!post) throw new NotFoundException('Post not found');
    return post;
  }

  async views(agencyId: string, posts: Post[], viewerUserId: string): Promise<PostView[]> {
    if (posts.length === 0) return [];
    const targets = await this.db.getRepository(PostTarget).findBy({ postId: In(posts.map((p) => p.id)) });
    const accountIds = [...new Set(targets.map((t) => t.socialAccountId))];
    const accounts = accountIds.length
      ? await this.db.getRepository(SocialAccount).findBy({ agencyId, id: In(accountIds) })
      : [];
    const clientIds = [...new Set(posts.map((p) => p.clientId))];
    const clients = await this.db.getRepository(Client).findBy({ agencyId, id: In(clientIds) });
    const creatorIds = [...new Set(posts.map((p) => p.createdByUserId).filter((v): v is string => v !== null))];
    const creators = creatorIds.length
      ? await this.db.getRepository(User).findBy({ agencyId, id: In(creatorIds) })
      : [];
    const accountById = new Map(accounts.map((a) => [a.id, a]));
    const media = await attachedMedia(
      this.db,
      agencyId,
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
      createdByName: creators.find((u) => u.id === post.createdByUserId)?.name ?? null,
      createdAt: post.createdAt.toISOString(),
      updatedAt: post.updatedAt.toISOString(),
      targets: targets
        .filter((t) => t.postId === post.id)
        .map((t) => {
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

  private async liveClient(agencyId: string, clientId: string): Promise<Client> {
    const client = await this.db.getRepository(Client).findOneBy({ id: clientId, agencyId, deletedAt: IsNull() });
    if (!client) throw new NotFoundException('Client not found');
    return client;
  }

  /** Checks a post as a whole and answers 400 naming each field that is wrong. */
  private async validated(agencyId: string, draft: PostDraft): Promise<PostDraft> {
    await this.liveClient(agencyId, draft.clientId);
    const accountIds = [...new Set(draft.accountIds)];
    const accounts = accountIds.length
      ? await this.db.getRepository(SocialAccount).findBy({ agencyId, id: In(accountIds), clientId: draft.clientId })
      : [];
    const problems: Array<{ field: string; messages: string[] }> = [];
    const mediaIds = [...new Set(draft.mediaIds)];
    const media = await this.library.usableForPost(agencyId, draft.clientId, mediaIds);
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
  private async replaceTargets(manager: EntityManager, agencyId: string, postId: string, draft: PostDraft) {
    const targets = manager.getRepository(PostTarget);
    await targets.delete({ postId, state: In(['draft', 'pending', 'failed', 'cancelled']) });
    const claimed = await targets.countBy({ postId });
    if (claimed > 0) {
      throw new ConflictException(
        'Part of this post is already published or being published, so it can no longer change. Write a new post instead.',
      );
    }
    await this.insertTargets(manager, agencyId, postId, draft);
  }

  private async replaceMedia(manager: EntityManager, agencyId: string, postId: string, mediaIds: string[]) {
    const repository = manager.getRepository(PostMedia);
    await repository.delete({ postId });
    if (mediaIds.length === 0) return;
    // The files were checked before this transaction; a deletion from the library may have won
    // the race since. Locking them makes a concurrent delete wait for this post (and then refuse).
    const query = manager
      .getRepository(MediaAsset)
      .createQueryBuilder('m')
      .select('m.id')
      .where('m.agencyId = :agencyId AND m.id IN (:...mediaIds)', { agencyId, mediaIds });
    if (locksRows(manager)) query.orderBy('m.id', 'ASC').setLock('pessimistic_write');
    const stillThere = await query.getMany();
    if (stillThere.length !== mediaIds.length) {
      throw new ValidationFailedException([{ field: 'mediaIds', messages: ['a file was deleted from the library'] }]);
    }
    await repository.save(
      mediaIds.map((mediaAssetId, position) => repository.create({ postId, agencyId, mediaAssetId, position })),
    );
  }

  private async insertTargets(manager: EntityManager, agencyId: string, postId: string, draft: PostDraft) {
    const targets = manager.getRepository(PostTarget);
    if (draft.accountIds.length === 0) return;
    await targets.save(
      draft.accountIds.map((socialAccountId) =>
        targets.create({
          postId,
          agencyId,
          clientId: draft.clientId,
          socialAccountId,
          state: draft.scheduledAt ? 'pending' : 'draft',
          scheduledAt: draft.scheduledAt,
        }),
      ),
    );
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    action: string,
    postId: string,
    details?: Record<string, unknown>,
  ) {
    return this.audit.record(
      {
        action,
        agencyId: actor.agencyId,
        actorUserId: actor.userId,
        targetType: 'post',
        targetId: postId,
        meta: actor.meta,
        details,
      },
      manager,
    );
  }
}
