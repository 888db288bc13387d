import type { WritableSignal } from '@angular/core';
import type { MediaAssetView } from '@atrium/shared';
import { toApiError } from '../../core/http/api-error';
import type { MediaList } from './media-list';

/** Starts a download the way a click on `<a href download>` would. */
export function startDownload(url: string, filename: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * A click on a Download link. Recent URLs: the link does its job. Old ones (signed URLs expire):
 * the click is held back, the file fetched again, and the download started with the new URL.
 */
export function downloadWithFreshUrl(
  list: MediaList,
  asset: MediaAssetView,
  event: MouseEvent,
  onError: (message: string) => void,
): void {
  if (!list.isStale(asset)) {
    return;
  }
  event.preventDefault();
  list.fresh(asset).subscribe({
    next: (fresh) => startDownload(fresh.downloadUrl, fresh.filename),
    error: (error: unknown) => onError(`${asset.filename} could not be downloaded. ${toApiError(error).message}`),
  });
}

/**
 * A media page's handler for its cards' Download clicks: the page's last error goes away, and a
 * download that fails says so in the same place.
 */
export function downloadClickHandler(
  list: MediaList,
  error: WritableSignal<string | null>,
): (asset: MediaAssetView, event: MouseEvent) => void {
  return (asset, event) => {
    error.set(null);
    downloadWithFreshUrl(list, asset, event, (message) => error.set(message));
  };
}
