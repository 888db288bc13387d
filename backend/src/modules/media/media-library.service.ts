import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { Brackets, In } from 'typeorm';
import type { MediaAssetView, MediaPage, MediaQuery } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import { FileStorage } from '../../core/storage/file-storage';
import { TenantData, type TenantTransaction } from '../../core/tenancy/tenant-data';
import type { Actor, AgencyScope, TenantScope } from '../../core/tenancy/tenant-scope';
import { detachMediaFromPosts, postsUsingMedia } from '../posts/post-media-uses';
import { MediaAsset } from './entities/media-asset.entity';
import { MediaViews, type Viewer } from './media-views';
import { deleteStoredBytes } from './stored-bytes';

/**
 * `clientId`: a client id, `agency` for the agency's own files, or nothing for all. Only an agency
 * scope filters by client; a client scope is its client already.
 */
export type LibraryFilter = MediaQuery;

/** Posts that have not gone out keep their files. */
const WAITING_STATUSES = ['draft', 'scheduled', 'publishing', 'failed'];

/**
 * Listing, reading and deleting library files. An agency scope sees the whole library; a client
 * scope (the portal) sees only what its client's people uploaded from the portal, not what the
 * agency filed under the client.
 */
@Injectable()
export class MediaLibraryService {
  private readonly logger = new Logger(MediaLibraryService.name);

  constructor(
    private readonly tenant: TenantData,
    private readonly views: MediaViews,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {}

  async list(viewer: Viewer, filter: LibraryFilter): Promise<MediaPage> {
    const { scope } = viewer;
    const limit = Math.min(Math.max(filter.limit ?? 40, 1), 100);
    const query = this.tenant.query(scope, MediaAsset, 'm').andWhere('m.purpose = :purpose', { purpose: 'library' });
    if (scope.kind === 'client') {
      query.andWhere('m.source = :portal', { portal: 'portal' });
    } else if (filter.clientId === 'agency') {
      query.andWhere('m.clientId IS NULL');
    } else if (filter.clientId) {
      await this.tenant.liveClient(scope, filter.clientId);
      query.andWhere('m.clientId = :clientId', { clientId: filter.clientId });
    }
    if (filter.uploaderId) query.andWhere('m.uploadedByUserId = :uploaderId', { uploaderId: filter.uploaderId });
    if (filter.kind) query.andWhere('m.kind = :kind', { kind: filter.kind });
    if (filter.q?.trim()) {
      // `!` escapes LIKE's wildcards: a backslash means different things in MySQL and SQLite literals.
      const pattern = `%${filter.q
        .trim()
        .toLowerCase()
        .replace(/[!%_]/g, (c) => `!${c}`)}%`;
      query.andWhere("LOWER(m.filename) LIKE :pattern ESCAPE '!'", { pattern });
    }
    const after = filter.cursor ? decodeCursor(filter.cursor) : null;
    if (after) {
      query.andWhere(
        new Brackets((q) =>
          q
            .where('m.createdAt < :at', { at: after.at })
            .orWhere('m.createdAt = :at AND m.id < :id', { at: after.at, id: after.id }),
        ),
      );
    }
    const rows = await query
      .orderBy('m.createdAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.views.build(viewer, page),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  /** One library file of the scope; anything else (unknown, other agency, other client, avatar) is 404. */
  async owned(scope: TenantScope, id: string): Promise<MediaAsset> {
    return this.tenant.findOwned(scope, MediaAsset, id, {
      where: { purpose: 'library', ...(scope.kind === 'client' ? { source: 'portal' as const } : {}) },
      notFound: 'File not found',
    });
  }

  /** One library file of the viewer's scope, as the API shows it. */
  async view(viewer: Viewer, id: string): Promise<MediaAssetView> {
    const asset = await this.owned(viewer.scope, id);
    return (await this.views.build(viewer, [asset]))[0];
  }

  /** Files attached to posts that have not gone out stay; the rest go, bytes included. */
  async remove(actor: Actor & { scope: AgencyScope }, id: string): Promise<void> {
    const { scope } = actor;
    const asset = await this.owned(scope, id);
    await this.tenant.transaction(async (tx) => {
      // Posts being saved lock the files they attach: this waits for them, then sees their use.
      await tx.findOwnedOrNull(scope, MediaAsset, asset.id, { select: { id: true }, lock: 'update' });
      const posts = await postsUsingMedia(tx, scope, asset.id);
      if (posts.some((post) => WAITING_STATUSES.includes(post.status))) {
        throw new ConflictException(
          'This file is attached to a post that has not gone out. Remove it from the post first.',
        );
      }
      if (posts.length > 0) await detachMediaFromPosts(tx, scope, asset.id);
      await tx.deleteOwned(scope, MediaAsset, { id: asset.id });
      await this.audit.recordFor(
        actor,
        {
          action: 'media.deleted',
          targetType: 'media_asset',
          targetId: asset.id,
          details: { filename: asset.filename, clientId: asset.clientId },
        },
        tx,
      );
    });
    await deleteStoredBytes(this.storage, this.logger, asset);
  }

  /**
   * Library files usable in a post of `clientId` (an agency scope's client): the client's own and
   * the agency's.
   */
  async usableForPost(scope: TenantScope, clientId: string, ids: string[]): Promise<MediaAsset[]> {
    if (ids.length === 0) return [];
    const assets = await this.tenant.listOwned(scope, MediaAsset, { where: { id: In(ids), purpose: 'library' } });
    return assets.filter((a) => a.clientId === null || a.clientId === clientId);
  }

  /** Files of the scope by id, whatever their purpose (those attached to posts); others are left out. */
  async byIds(scope: TenantScope, ids: string[]): Promise<MediaAsset[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return this.tenant.listOwned(scope, MediaAsset, { where: { id: In(unique) } });
  }

  /**
   * Locks files a post is about to attach (in id order, until `tx` ends) and answers the ids still
   * there: a deletion racing the post waits for it, then sees the use (see remove()).
   */
  async lockForAttaching(tx: TenantTransaction, scope: TenantScope, ids: string[]): Promise<string[]> {
    const present: string[] = [];
    for (const id of [...new Set(ids)].sort()) {
      const asset = await tx.findOwnedOrNull(scope, MediaAsset, id, { select: { id: true }, lock: 'update' });
      if (asset) present.push(asset.id);
    }
    return present;
  }
}

function encodeCursor(asset: MediaAsset): string {
  return Buffer.from(`${asset.createdAt.toISOString()}|${asset.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  return id && !Number.isNaN(date.getTime()) ? { at: date, id } : null;
}
