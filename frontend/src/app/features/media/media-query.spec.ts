import type { MediaAssetView } from '@atrium/shared';
import {
  AGENCY_FILES,
  ALL_CLIENTS,
  NO_FILTERS,
  acceptedTypesLabel,
  attribution,
  filtersToQuery,
  formatBytes,
  hasFilters,
  matchesFilters,
  queryParams,
} from './media-query';

const asset = (overrides: Partial<MediaAssetView> = {}): MediaAssetView => ({
  id: 'm1',
  filename: 'Summer-Menu.jpg',
  mimeType: 'image/jpeg',
  kind: 'image',
  size: 1000,
  width: 800,
  height: 600,
  status: 'ready',
  clientId: 'c-acme',
  clientName: 'Acme Coffee',
  uploadedBy: { id: 'u-anna', name: 'Anna Acme', kind: 'client' },
  source: 'portal',
  createdAt: '2026-03-01T10:00:00Z',
  thumbnailUrl: '/api/v1/files/t',
  viewUrl: '/api/v1/files/v',
  downloadUrl: '/api/v1/files/d',
  ...overrides,
});

describe('filtersToQuery', () => {
  it('sends nothing for the unfiltered library', () => {
    expect(filtersToQuery(NO_FILTERS)).toEqual({});
    expect(queryParams(filtersToQuery({ ...NO_FILTERS, q: '   ' }))).toEqual({});
  });

  it('maps each filter to its parameter, the agency’s own files as clientId=agency', () => {
    expect(
      queryParams(
        filtersToQuery({ q: ' menu ', client: AGENCY_FILES, uploaderId: 'u-mia', kind: 'video' }, 'cursor-2', 40),
      ),
    ).toEqual({ q: 'menu', clientId: 'agency', uploaderId: 'u-mia', kind: 'video', cursor: 'cursor-2', limit: '40' });
    expect(filtersToQuery({ ...NO_FILTERS, client: 'c-acme' })).toEqual({ clientId: 'c-acme' });
    expect(filtersToQuery({ ...NO_FILTERS, client: ALL_CLIENTS }, null)).toEqual({});
  });

  it('knows when anything is filtered', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, q: 'x' })).toBe(true);
    expect(hasFilters({ ...NO_FILTERS, kind: 'document' })).toBe(true);
  });
});

describe('matchesFilters', () => {
  it('puts a new upload in the list only when the filters would show it', () => {
    const upload = asset();
    expect(matchesFilters(upload, NO_FILTERS)).toBe(true);
    expect(matchesFilters(upload, { ...NO_FILTERS, q: 'summer' })).toBe(true);
    expect(matchesFilters(upload, { ...NO_FILTERS, q: 'winter' })).toBe(false);
    expect(matchesFilters(upload, { ...NO_FILTERS, client: 'c-acme' })).toBe(true);
    expect(matchesFilters(upload, { ...NO_FILTERS, client: 'c-blue' })).toBe(false);
    expect(matchesFilters(upload, { ...NO_FILTERS, client: AGENCY_FILES })).toBe(false);
    expect(matchesFilters(asset({ clientId: null }), { ...NO_FILTERS, client: AGENCY_FILES })).toBe(true);
    expect(matchesFilters(upload, { ...NO_FILTERS, uploaderId: 'u-mia' })).toBe(false);
    expect(matchesFilters(upload, { ...NO_FILTERS, kind: 'video' })).toBe(false);
  });
});

describe('attribution', () => {
  it('says who uploaded a file and for which client', () => {
    expect(attribution(asset())).toBe('Anna Acme · Acme Coffee (portal)');
    expect(
      attribution(
        asset({
          source: 'agency',
          clientId: null,
          clientName: null,
          uploadedBy: { id: 'u', name: 'Mia Member', kind: 'agency' },
        }),
      ),
    ).toBe('Mia Member · agency');
    expect(attribution(asset({ source: 'agency', uploadedBy: { id: 'u', name: 'Mia Member', kind: 'agency' } }))).toBe(
      'Mia Member · agency, for Acme Coffee',
    );
  });
});

describe('formatting', () => {
  it('writes sizes the way people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(14 * 1024)).toBe('14 KB');
    expect(formatBytes(3.45 * 1024 * 1024)).toBe('3.5 MB');
    expect(formatBytes(100 * 1024 * 1024)).toBe('100 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
  });

  it('names accepted types', () => {
    expect(acceptedTypesLabel(['image/jpeg', 'image/png', 'video/mp4', 'application/pdf'])).toBe(
      'JPEG, PNG, MP4 and PDF',
    );
    expect(acceptedTypesLabel(['image/x-icon'])).toBe('ICON');
    expect(acceptedTypesLabel([])).toBe('');
  });
});
