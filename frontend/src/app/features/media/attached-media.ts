import type { MediaAssetView, PostMediaView } from '@atrium/shared';

/** Files a post can carry (the server checks the same number). */
export const MAX_POST_MEDIA = 10;

/**
 * A file attached to a post in the composer. Files picked from the library remember their client
 * (null = the agency's own): when the post's client changes, the other client's files must go.
 */
export interface AttachedMedia extends PostMediaView {
  readonly clientId?: string | null;
}

export function toAttached(asset: MediaAssetView): AttachedMedia {
  return {
    id: asset.id,
    filename: asset.filename,
    mimeType: asset.mimeType,
    thumbnailUrl: asset.thumbnailUrl,
    clientId: asset.clientId,
  };
}

/** What stays attached when the post moves to another client: the agency's own files and the post's own. */
export function keepForClient(media: readonly AttachedMedia[], clientId: string | null): AttachedMedia[] {
  return media.filter((item) => item.clientId === undefined || item.clientId === null || item.clientId === clientId);
}

export function isImage(media: Pick<PostMediaView, 'mimeType'>): boolean {
  return media.mimeType.startsWith('image/');
}
