import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { locksRows } from '../../core/database/row-locks';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In } from 'typeorm';
import type { MediaPage, MediaQuery } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import { FileStorage } from '../../core/storage/file-storage';
import { Post } from '../posts/entities/post.entity';
import { PostMedia } from '../posts/entities/post-media.entity';
import type { Actor } from '../social/social-accounts.service';
import { MediaAsset } from './entities/media-asset.entity';
import { MediaViews } from './media-views';

/** `clientId`: a client id, `agency` for the agency's own files, or nothing for all. */
export type LibraryFilter = MediaQuery;

/** Where a list is scoped: the agency's whole library, or one client's portal uploads. */
export type LibraryScope = { agencyId: string } & ({ kind: 'agency' } | { kind: 'portal'; clientId: string });

/**
 * Listing, reading and deleting library files. Every query carries the agency, and for the
 * portal the client and the `portal` source: a client's people only ever see what they uploaded.
 */
@Injectable()
export class MediaLibraryService {
  private readonly logger = new Logger(MediaLibraryService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly views: MediaViews,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {}

  async list(scope: LibraryScope, filter: LibraryFilter, viewerUserId: string): Promise<MediaPage> {
    const limit = Math.min(Math.max(filter.limit ?? 40, 1), 100);
    const query = this.db
      .getRepository(MediaAsset)
      .createQueryBuilder('m')
      .where('m.agencyId = :agencyId AND m.purpose = :purpose', { agencyId: scope.agencyId, purpose: 'library' });
    if (scope.kind === 'portal') {
      query.andWhere('m.clientId = :clientId AND m.source = :portal', { clientId: scope.clientId, portal: 'portal' });
    } else if (filter.clientId === 'agency') {
      query.andWhere('m.clientId IS NULL');
    } else if (filter.clientId) {
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
      items: await this.views.build(page, viewerUserId),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  /** One library file in scope; anything else (unknown, other agency, other client, avatar) is 404. */
  async owned(scope: LibraryScope, id: string): Promise<MediaAsset> {
    const asset = await this.db.getRepository(MediaAsset).findOneBy({
      id,
      agencyId: scope.agencyId,
      purpose: 'library',
      ...(scope.kind === 'portal' ? { clientId: scope.clientId, source: 'portal' as const } : {}),
    });
    if (!asset) throw new NotFoundException('File not found');
    return asset;
  }

  /** Files attached to posts that have not gone out stay; the rest go, bytes included. */
  async remove(actor: Actor, id: string): Promise<void> {
    const asset = await this.owned({ agencyId: actor.agencyId, kind: 'agency' }, id);
    await this.db.transaction(async (manager) => {
      // Posts being saved lock the files they attach: this waits for them, then sees their use.
      if (locksRows(manager)) {
        await manager
          .getRepository(MediaAsset)
          .createQueryBuilder('m')
          .select('m.id')
          .where('m.id = :id', { id: asset.id })
          .setLock('pessimistic_write')
          .getOne();
      }
      const uses = await manager.getRepository(PostMedia).findBy({ agencyId: actor.agencyId, mediaAssetId: asset.id });
      if (uses.length > 0) {
        const waiting = await manager.getRepository(Post).countBy({
          id: In(uses.map((u) => u.postId)),
          status: In(['draft', 'scheduled', 'publishing', 'failed']),
        });
        if (waiting > 0) {
          throw new ConflictException(
            'This file is attached to a post that has not gone out. Remove it from the post first.',
          );
        }
        await manager.getRepository(PostMedia).delete({ agencyId: actor.agencyId, mediaAssetId: asset.id });
      }
      await manager.getRepository(MediaAsset).delete({ id: asset.id, agencyId: actor.agencyId });
      await this.audit.record(
        {
          action: 'media.deleted',
          agencyId: actor.agencyId,
          actorUserId: actor.userId,
          targetType: 'media_asset',
          targetId: asset.id,
          meta: actor.meta,
          details: { filename: asset.filename, clientId: asset.clientId },
        },
        manager,
      );
    });
    // The file is gone for everyone once the row is; bytes that storage fails to drop now are
    // only wasted space, not worth failing the request that succeeded.
    for (const key of [asset.storageKey, asset.thumbnailKey]) {
      if (!key) continue;
      await this.storage
        .delete(key)
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'Could not delete a stored file', key, error: String(error) }),
        );
    }
  }

  /** Library files usable in a post for this client: the client's own and the agency's. */
  async usableForPost(agencyId: string, clientId: string, ids: string[]): Promise<MediaAsset[]> {
    if (ids.length === 0) return [];
    const assets = await this.db.getRepository(MediaAsset).findBy({ agencyId, id: In(ids), purpose: 'library' });
    return assets.filter((a) => a.clientId === null || a.clientId === clientId);
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
