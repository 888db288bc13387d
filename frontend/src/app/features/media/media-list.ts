import { HttpErrorResponse } from '@angular/common/http';
import { Signal, computed, signal } from '@angular/core';
import type { MediaAssetView, MediaPage } from '@atrium/shared';
import { Observable, Subscription, catchError, forkJoin, of, tap } from 'rxjs';
import { toApiError } from '../../core/http/api-error';

export interface MediaListSource {
  /** One page of the list as the page currently filters it; null cursor = the first page. */
  readonly fetchPage: (cursor: string | null) => Observable<MediaPage>;
  readonly fetchAsset: (id: string) => Observable<MediaAssetView>;
}

export type MediaListStatus = 'loading' | 'ready' | 'error';

/**
 * How long after a fetch a file's signed URLs are still trusted for a download. The server signs
 * them for about 15 minutes; after 12 a download asks for fresh ones first.
 */
export const URL_TRUST_MS = 12 * 60 * 1000;

/** Bounded polling for files whose thumbnail is still being made: about a minute in all. */
export const POLL_DELAYS_MS: readonly number[] = [2000, 3000, 5000, 8000, 13000, 21000];
const POLL_BATCH = 12;

/**
 * The state of a media grid: the pages loaded so far, "load more", and two chores a list of signed
 * URLs needs: files still `processing` are fetched again a few times until their thumbnail exists,
 * and a download with URLs older than URL_TRUST_MS fetches fresh ones first.
 */
export class MediaList {
  private readonly itemsState = signal<readonly MediaAssetView[]>([]);
  private readonly statusState = signal<MediaListStatus>('loading');
  private readonly errorState = signal<string | null>(null);
  private readonly cursorState = signal<string | null>(null);
  private readonly moreState = signal<'idle' | 'loading' | 'error'>('idle');
  private readonly moreErrorState = signal<string | null>(null);

  readonly items: Signal<readonly MediaAssetView[]> = this.itemsState.asReadonly();
  readonly status: Signal<MediaListStatus> = this.statusState.asReadonly();
  readonly error: Signal<string | null> = this.errorState.asReadonly();
  readonly hasMore = computed(() => this.cursorState() !== null);
  readonly loadingMore = computed(() => this.moreState() === 'loading');
  readonly moreError: Signal<string | null> = this.moreErrorState.asReadonly();

  /** When each file's URLs were signed (as far as we know: when we fetched it). */
  private readonly fetchedAt = new Map<string, number>();
  /** Thumbnails that failed to load, by the URL that failed: each is renewed once. */
  private readonly renewed = new Set<string>();
  private pageRequest: Subscription | null = null;
  private pollRequest: Subscription | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private pollRound = 0;

  constructor(
    private readonly source: MediaListSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** The first page again (a new search or filter, or "Try again"). */
  reload(): void {
    this.pageRequest?.unsubscribe();
    this.statusState.set('loading');
    this.errorState.set(null);
    this.moreState.set('idle');
    this.moreErrorState.set(null);
    this.pageRequest = this.source.fetchPage(null).subscribe({
      next: (page) => {
        this.fetchedAt.clear();
        this.stamp(page.items);
        this.itemsState.set(page.items);
        this.cursorState.set(page.nextCursor);
        this.statusState.set('ready');
        this.restartPolling();
      },
      error: (error: unknown) => {
        this.errorState.set(toApiError(error).message);
        this.statusState.set('error');
      },
    });
  }

  loadMore(): void {
    const cursor = this.cursorState();
    if (!cursor || this.moreState() === 'loading') {
      return;
    }
    this.moreState.set('loading');
    this.moreErrorState.set(null);
    this.pageRequest = this.source.fetchPage(cursor).subscribe({
      next: (page) => {
        this.stamp(page.items);
        const known = new Set(this.itemsState().map((item) => item.id));
        this.itemsState.update((items) => [...items, ...page.items.filter((item) => !known.has(item.id))]);
        this.cursorState.set(page.nextCursor);
        this.moreState.set('idle');
        this.restartPolling();
      },
      error: (error: unknown) => {
        this.moreErrorState.set(toApiError(error).message);
        this.moreState.set('error');
      },
    });
  }

  /** A file just uploaded goes first. */
  prepend(asset: MediaAssetView): void {
    this.stamp([asset]);
    this.itemsState.update((items) => [asset, ...items.filter((item) => item.id !== asset.id)]);
    if (this.statusState() !== 'ready' && this.statusState() !== 'loading') {
      this.statusState.set('ready');
    }
    this.restartPolling();
  }

  remove(id: string): void {
    this.fetchedAt.delete(id);
    this.itemsState.update((items) => items.filter((item) => item.id !== id));
  }

  replace(asset: MediaAssetView): void {
    this.stamp([asset]);
    this.itemsState.update((items) => items.map((item) => (item.id === asset.id ? asset : item)));
  }

  /** Whether a file's URLs are old enough that a download should fetch fresh ones first. */
  isStale(asset: MediaAssetView): boolean {
    const at = this.fetchedAt.get(asset.id);
    return at === undefined || this.now() - at > URL_TRUST_MS;
  }

  /** The file with URLs fit for use now: itself when recent, else fetched again (and replaced). */
  fresh(asset: MediaAssetView): Observable<MediaAssetView> {
    if (!this.isStale(asset)) {
      return of(asset);
    }
    return this.source.fetchAsset(asset.id).pipe(tap((updated) => this.replace(updated)));
  }

  /** A thumbnail that would not load (its URL expired, most likely): fetch the file again, once per URL. */
  renewUrls(asset: MediaAssetView): void {
    const url = asset.thumbnailUrl ?? asset.downloadUrl;
    if (this.renewed.has(url)) {
      return;
    }
    this.renewed.add(url);
    this.source.fetchAsset(asset.id).subscribe({
      next: (updated) => this.replace(updated),
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 404) {
          this.remove(asset.id);
        }
      },
    });
  }

  destroy(): void {
    this.pageRequest?.unsubscribe();
    this.stopPolling();
  }

  private stamp(items: readonly MediaAssetView[]): void {
    const at = this.now();
    for (const item of items) {
      this.fetchedAt.set(item.id, at);
    }
  }

  private restartPolling(): void {
    this.stopPolling();
    this.pollRound = 0;
    this.schedulePoll();
  }

  private stopPolling(): void {
    if (this.pollTimer !== null) {
      clearTimeout(this.pollTimer);
      this.pollTimer = null;
    }
    this.pollRequest?.unsubscribe();
    this.pollRequest = null;
  }

  private schedulePoll(): void {
    const delay = POLL_DELAYS_MS[this.pollRound];
    if (delay === undefined || !this.itemsState().some((item) => item.status === 'processing')) {
      return;
    }
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.pollRound++;
      this.poll();
    }, delay);
  }

  private poll(): void {
    const processing = this.itemsState()
      .filter((item) => item.status === 'processing')
      .slice(0, POLL_BATCH);
    if (processing.length === 0) {
      return;
    }
    this.pollRequest = forkJoin(
      processing.map((item) =>
        this.source.fetchAsset(item.id).pipe(
          catchError((error: unknown) =>
            // Deleted meanwhile: it leaves the list. Anything else: try again next round.
            of(error instanceof HttpErrorResponse && error.status === 404 ? ('gone' as const) : null),
          ),
        ),
      ),
    ).subscribe((results) => {
      results.forEach((result, index) => {
        if (result === 'gone') {
          this.remove(processing[index].id);
        } else if (result) {
          this.replace(result);
        }
      });
      this.schedulePoll();
    });
  }
}
