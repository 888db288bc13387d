import { HttpErrorResponse } from '@angular/common/http';
import type { MediaAssetView, MediaPage } from '@atrium/shared';
import { Observable, of, throwError } from 'rxjs';
import { MediaList, POLL_DELAYS_MS, URL_TRUST_MS } from './media-list';
import { mediaAsset } from './testing/media-asset.factory';

const asset = (id: string, status: MediaAssetView['status'] = 'ready'): MediaAssetView =>
  mediaAsset(id, { status, thumbnailUrl: status === 'ready' ? `/api/v1/files/thumb-${id}` : null });

describe('MediaList', () => {
  let now: number;
  let pages: Record<string, MediaPage>;
  let fetchAsset: jest.Mock<Observable<MediaAssetView>, [string]>;
  let list: MediaList;

  beforeEach(() => {
    jest.useFakeTimers();
    now = 1_000_000;
    pages = {
      first: { items: [asset('a'), asset('b', 'processing')], nextCursor: 'c2' },
      c2: { items: [asset('c')], nextCursor: null },
    };
    fetchAsset = jest.fn((id: string) => of(asset(id, 'processing')));
    list = new MediaList({ fetchPage: (cursor) => of(pages[cursor ?? 'first']), fetchAsset }, () => now);
  });

  afterEach(() => {
    list.destroy();
    jest.useRealTimers();
  });

  it('loads the first page, then more, without repeating files', () => {
    list.reload();
    expect(list.status()).toBe('ready');
    expect(list.hasMore()).toBe(true);
    list.loadMore();
    expect(list.items().map((item) => item.id)).toEqual(['a', 'b', 'c']);
    expect(list.hasMore()).toBe(false);
  });

  it('shows the error of a failed first page', () => {
    list = new MediaList({
      fetchPage: () => throwError(() => new HttpErrorResponse({ status: 0 })),
      fetchAsset,
    });
    list.reload();
    expect(list.status()).toBe('error');
    expect(list.error()).toMatch(/could not reach/i);
  });

  it('fetches files still being processed again until they are ready, a bounded number of times', () => {
    list.reload();
    jest.advanceTimersByTime(POLL_DELAYS_MS[0]);
    expect(fetchAsset).toHaveBeenCalledTimes(1);
    expect(fetchAsset).toHaveBeenCalledWith('b');

    // Never ready: it gives up after the last delay.
    jest.advanceTimersByTime(POLL_DELAYS_MS.reduce((sum, delay) => sum + delay, 0) * 2);
    expect(fetchAsset).toHaveBeenCalledTimes(POLL_DELAYS_MS.length);
  });

  it('stops polling once the thumbnail exists', () => {
    fetchAsset.mockImplementation((id: string) => of(asset(id, 'ready')));
    list.reload();
    jest.advanceTimersByTime(POLL_DELAYS_MS[0]);
    expect(list.items()[1]).toMatchObject({ status: 'ready', thumbnailUrl: '/api/v1/files/thumb-b' });
    jest.advanceTimersByTime(60_000);
    expect(fetchAsset).toHaveBeenCalledTimes(1);
  });

  it('drops a file deleted meanwhile', () => {
    fetchAsset.mockImplementation(() => throwError(() => new HttpErrorResponse({ status: 404 })));
    list.reload();
    jest.advanceTimersByTime(POLL_DELAYS_MS[0]);
    expect(list.items().map((item) => item.id)).toEqual(['a']);
  });

  it('fetches fresh URLs for a download once the signed ones are old', () => {
    list.reload();
    const first = list.items()[0];
    expect(list.isStale(first)).toBe(false);

    now += URL_TRUST_MS + 1;
    expect(list.isStale(first)).toBe(true);
    fetchAsset.mockImplementation((id: string) => of({ ...asset(id), downloadUrl: '/api/v1/files/new' }));
    let fresh: MediaAssetView | undefined;
    list.fresh(first).subscribe((value) => (fresh = value));
    expect(fresh?.downloadUrl).toBe('/api/v1/files/new');
    expect(list.items()[0].downloadUrl).toBe('/api/v1/files/new');
    expect(list.isStale(list.items()[0])).toBe(false);
  });

  it('renews a thumbnail that failed to load once per URL', () => {
    fetchAsset.mockImplementation((id: string) => of(asset(id)));
    list.reload();
    list.renewUrls(list.items()[0]);
    list.renewUrls(list.items()[0]);
    expect(fetchAsset).toHaveBeenCalledTimes(1);
  });
});
