import { DataSource, In } from 'typeorm';
import { MediaAsset } from '../media/entities/media-asset.entity';
import { PostMedia } from './entities/post-media.entity';

/**
 * The library files attached to each of the posts, in their order, with two queries for any number
 * of posts. Posts without files are missing from the map.
 */
export async function attachedMedia(
  db: DataSource,
  agencyId: string,
  postIds: string[],
): Promise<Map<string, MediaAsset[]>> {
  const byPost = new Map<string, MediaAsset[]>();
  if (postIds.length === 0) return byPost;
  const attachments = await db
    .getRepository(PostMedia)
    .find({ where: { agencyId, postId: In(postIds) }, order: { position: 'ASC' } });
  if (attachments.length === 0) return byPost;
  const assets = await db
    .getRepository(MediaAsset)
    .findBy({ agencyId, id: In([...new Set(attachments.map((a) => a.mediaAssetId))]) });
  const assetById = new Map(assets.map((asset) => [asset.id, asset]));
  for (const attachment of attachments) {
    const asset = assetById.get(attachment.mediaAssetId);
    if (!asset) continue;
    byPost.set(attachment.postId, [...(byPost.get(attachment.postId) ?? []), asset]);
  }
  return byPost;
}
