import type { MediaAssetView, MediaKind, MediaQuery } from '@atrium/shared';

/** The library filter for "the agency's own files" (no client); the API takes it as `clientId=agency`. */
export const AGENCY_FILES = 'agency';
/** The library filter for every file, whoever it belongs to. */
export const ALL_CLIENTS = 'all';

/** What the agency's media page filters by, as the controls hold it. */
export interface MediaFilters {
  /** Part of the filename; blank = any. */
  readonly q: string;
  /** ALL_CLIENTS, AGENCY_FILES, or a client id. */
  readonly client: string;
  readonly uploaderId: string | null;
  readonly kind: MediaKind | null;
}

export const NO_FILTERS: MediaFilters = { q: '', client: ALL_CLIENTS, uploaderId: null, kind: null };

export function hasFilters(filters: MediaFilters): boolean {
  return (
    filters.q.trim() !== '' || filters.client !== ALL_CLIENTS || filters.uploaderId !== null || filters.kind !== null
  );
}

/** The filters as the API's query: blank and "all" values are left out rather than sent empty. */
export function filtersToQuery(filters: MediaFilters, cursor?: string | null, limit?: number): MediaQuery {
  const query: MediaQuery = {};
  const q = filters.q.trim();
  if (q) {
    query.q = q;
  }
  if (filters.client && filters.client !== ALL_CLIENTS) {
    query.clientId = filters.client;
  }
  if (filters.uploaderId) {
    query.uploaderId = filters.uploaderId;
  }
  if (filters.kind) {
    query.kind = filters.kind;
  }
  if (cursor) {
    query.cursor = cursor;
  }
  if (limit) {
    query.limit = limit;
  }
  return query;
}

/** A MediaQuery as URL parameters (strings only, nothing empty). */
export function queryParams(query: MediaQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(query) as Array<[string, string | number | undefined]>) {
    if (value !== undefined && value !== null && String(value) !== '') {
      params[key] = String(value);
    }
  }
  return params;
}

/**
 * Whether a file just uploaded belongs in the list the filters show (so it can be put at the top
 * without reloading). Mirrors the server's filters: filename contains the search, case-insensitive.
 */
export function matchesFilters(asset: MediaAssetView, filters: MediaFilters): boolean {
  const q = filters.q.trim().toLowerCase();
  if (q && !asset.filename.toLowerCase().includes(q)) {
    return false;
  }
  if (filters.client === AGENCY_FILES && asset.clientId !== null) {
    return false;
  }
  if (filters.client !== ALL_CLIENTS && filters.client !== AGENCY_FILES && asset.clientId !== filters.client) {
    return false;
  }
  if (filters.uploaderId && asset.uploadedBy.id !== filters.uploaderId) {
    return false;
  }
  return !filters.kind || asset.kind === filters.kind;
}

/**
 * Who uploaded a file and for whom: "Anna Acme · Acme Coffee (portal)" for a client's upload from
 * the portal, "Mia Member · agency" for the agency's own, "Mia Member · agency, for Acme Coffee"
 * when the agency uploaded it for a client.
 */
export function attribution(asset: MediaAssetView): string {
  const who = asset.uploadedBy.name || 'Someone';
  if (asset.source === 'portal') {
    return `${who} · ${asset.clientName ?? 'client'} (portal)`;
  }
  return asset.clientName ? `${who} · agency, for ${asset.clientName}` : `${who} · agency`;
}

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** "512 B", "14 KB", "3.4 MB": one decimal below 10, none above. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) {
    return `${Math.max(0, Math.round(bytes || 0))} B`;
  }
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown} ${UNITS[unit]}`;
}

/** A Material Symbol for files without a thumbnail. */
export function fileIcon(kind: MediaKind, mimeType: string): string {
  if (kind === 'image') {
    return 'image';
  }
  if (kind === 'video') {
    return 'movie';
  }
  return mimeType === 'application/pdf' ? 'picture_as_pdf' : 'description';
}

const KIND_LABELS: Record<MediaKind, string> = { image: 'Images', video: 'Videos', document: 'Documents' };

export const MEDIA_KINDS: ReadonlyArray<{ readonly value: MediaKind; readonly label: string }> = (
  Object.keys(KIND_LABELS) as MediaKind[]
).map((value) => ({ value, label: KIND_LABELS[value] }));

const TYPE_NAMES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'image/avif': 'AVIF',
  'video/mp4': 'MP4',
  'video/quicktime': 'MOV',
  'video/webm': 'WebM',
  'application/pdf': 'PDF',
};

/** "JPEG, PNG, MP4 and PDF" for the accepted MIME types. */
export function acceptedTypesLabel(types: readonly string[]): string {
  const names = [
    ...new Set(types.map((type) => TYPE_NAMES[type] ?? (type.split('/')[1] ?? type).replace(/^x-/, '').toUpperCase())),
  ];
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
