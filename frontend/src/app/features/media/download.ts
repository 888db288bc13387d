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
