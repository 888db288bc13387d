import type { AgencyScope, TenantScope } from '../../core/tenancy/tenant-scope';
import type { TenantDataAccess } from '../../core/tenancy/tenant-data';
import { PostMedia } from './entities/post-media.entity';
import { Post } from './entities/post.entity';

/** A post a library file is attached to: enough to tell whose it is and whether it has gone out. */
export type PostUsingMedia = Pick<Post, 'id' | 'clientId' | 'status'>;

/**
 * The posts of the scope a library file is attached to (for a client scope: that client's posts).
 * Posts' public API for media, which asks "is this file on a post" without reading posts' tables.
 * Pass the transaction (`tx`) to see a change made in it.
 */
export function postsUsingMedia(
  data: TenantDataAccess,
  scope: TenantScope,
  mediaAssetId: string,
): Promise<PostUsingMedia[]> {
  return data
    .query(scope, Post, 'post')
    .innerJoin(PostMedia, 'attached', 'attached.postId = post.id AND attached.agencyId = post.agencyId')
    .andWhere('attached.mediaAssetId = :mediaAssetId', { mediaAssetId })
    .select(['post.id', 'post.clientId', 'post.status'])
    .getMany();
}

/** Takes a library file off every post of the agency it is attached to; returns how many it left. */
export function detachMediaFromPosts(
  data: TenantDataAccess,
  scope: AgencyScope,
  mediaAssetId: string,
): Promise<number> {
  return data.deleteOwned(scope, PostMedia, { mediaAssetId });
}
