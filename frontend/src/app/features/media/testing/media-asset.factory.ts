import type { MediaAssetView } from '@atrium/shared';

/** A file as the API describes it, for tests: an agency image, ready, unless `overrides` say otherwise. */
export function mediaAsset(id: string, overrides: Partial<MediaAssetView> = {}): MediaAssetView {
  return {
    id,
    filename: `${id}.jpg`,
    mimeType: 'image/jpeg',
    kind: 'image',
    size: 1000,
    width: null,
    height: null,
    status: 'ready',
    clientId: null,
    clientName: null,
    uploadedBy: { id: 'u1', name: 'Mia Member', kind: 'agency' },
    source: 'agency',
    createdAt: '2026-03-01T10:00:00Z',
    thumbnailUrl: null,
    viewUrl: null,
    downloadUrl: `/api/v1/files/download-${id}`,
    ...overrides,
  };
}
