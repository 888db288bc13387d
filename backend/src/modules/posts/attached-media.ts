import { Injectable } from '@nestjs/common';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope, type TenantScope } from '../../core/tenancy/tenant-scope';
import type { MediaAsset } from '../media/entities/media-asset.entity';
import { MediaLibraryService } from '../media/media-library.service';
import { Post } from './entities/post.entity';
import { PostMedia } from './entities/post-media.entity';

/** One file attached to one post. */
export interface Attachment {
  postId: string;
  mediaAssetId: string;
}

/** The library files attached to posts, in their order. */
@Injectable()
export class AttachedMedia {
  constructor(
    private readonly tenant: TenantData,
    private readonly library: MediaLibraryService,
  ) {}

  /**
   * The files of each of the scope's posts, with two queries for any number of posts. Posts without
   * files (and posts out of the scope) are missing from the map.
   */
  async of(scope: TenantScope, postIds: string[]): Promise<Map<string, MediaAsset[]>> {
    const byPost = new Map<string, MediaAsset[]>();
    if (postIds.length === 0) return byPost;
    // Attachments belong to the agency as a whole: reached through the scope's posts, so a client
    // scope sees the files of its own posts only.
    const attachments = await this.tenant
      .query(scope, Post, 'p')
      .innerJoin(PostMedia, 'pm', 'pm.postId = p.id AND pm.agencyId = p.agencyId')
      .select(['pm.postId AS "postId"', 'pm.mediaAssetId AS "mediaAssetId"'])
      .where('p.id IN (:...postIds)', { postIds: [...new Set(postIds)] })
      .orderBy('pm.position', 'ASC')
      .getRawMany<Attachment>();
    return this.filesOf(scope, attachments);
  }

  /**
   * The files of attachments the scope reached through its own posts (in their order), by post.
   * A post may show the agency's own files too, which a client scope cannot list: the post the
   * scope reached is what grants sight of them.
   */
  async filesOf(scope: TenantScope, attachments: readonly Attachment[]): Promise<Map<string, MediaAsset[]>> {
    const byPost = new Map<string, MediaAsset[]>();
    if (attachments.length === 0) return byPost;
    const assets = await this.library.byIds(
      agencyScope(scope.agencyId),
      attachments.map((a) => a.mediaAssetId),
    );
    const assetById = new Map(assets.map((asset) => [asset.id, asset]));
    for (const attachment of attachments) {
      const asset = assetById.get(attachment.mediaAssetId);
      if (!asset) continue;
      byPost.set(attachment.postId, [...(byPost.get(attachment.postId) ?? []), asset]);
    }
    return byPost;
  }
}
