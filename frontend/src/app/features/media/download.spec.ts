import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import type { MediaAssetView } from '@atrium/shared';
import { Observable, of, throwError } from 'rxjs';
import { downloadClickHandler } from './download';
import { MediaList, URL_TRUST_MS } from './media-list';
import { mediaAsset } from './testing/media-asset.factory';

describe('downloadClickHandler', () => {
  let now: number;
  let fetchAsset: jest.Mock<Observable<MediaAssetView>, [string]>;
  let list: MediaList;
  let clicked: string[];

  beforeEach(() => {
    now = 1_000_000;
    fetchAsset = jest.fn((id: string) => of(mediaAsset(id, { downloadUrl: `/api/v1/files/fresh-${id}` })));
    list = new MediaList(
      { fetchPage: () => of({ items: [mediaAsset('a')], nextCursor: null }), fetchAsset },
      () => now,
    );
    list.reload();
    clicked = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.getAttribute('href') ?? '');
    });
  });

  afterEach(() => {
    list.destroy();
    jest.restoreAllMocks();
  });

  const click = () => new MouseEvent('click', { cancelable: true });

  it('lets a recent link do its job and clears the last error', () => {
    const error = signal<string | null>('An older problem.');
    const event = click();

    downloadClickHandler(list, error)(mediaAsset('a'), event);

    expect(event.defaultPrevented).toBe(false);
    expect(fetchAsset).not.toHaveBeenCalled();
    expect(error()).toBeNull();
  });

  it('downloads with a fresh URL once the old one may have expired', () => {
    const error = signal<string | null>(null);
    const event = click();
    now += URL_TRUST_MS + 1;

    downloadClickHandler(list, error)(mediaAsset('a'), event);

    expect(event.defaultPrevented).toBe(true);
    expect(clicked).toEqual(['/api/v1/files/fresh-a']);
    expect(error()).toBeNull();
  });

  it('says which file could not be downloaded', () => {
    const error = signal<string | null>(null);
    fetchAsset.mockReturnValue(
      throwError(() => new HttpErrorResponse({ status: 404, error: { statusCode: 404, message: 'Not found.' } })),
    );
    now += URL_TRUST_MS + 1;

    downloadClickHandler(list, error)(mediaAsset('a'), click());

    expect(error()).toBe('a.jpg could not be downloaded. Not found.');
    expect(clicked).toEqual([]);
  });
});
