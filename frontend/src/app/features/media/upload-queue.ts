import { HttpEvent, HttpEventType } from '@angular/common/http';
import { Signal, computed, signal } from '@angular/core';
import type { MediaAssetView, UploadResult } from '@atrium/shared';
import { Observable, OperatorFunction, Subscription, filter, map } from 'rxjs';
import { toApiError } from '../../core/http/api-error';

export type UploadStatus = 'waiting' | 'uploading' | 'done' | 'rejected' | 'failed';

/** One file on its way to the library, as the upload list shows it. */
export interface UploadItem {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  readonly status: UploadStatus;
  /** 0–100 while uploading; 100 means sent, with the server's answer still to come. */
  readonly progress: number;
  /** Why the file was rejected (the server's reason) or why the upload failed. */
  readonly message: string | null;
  /** The stored file, once done. */
  readonly asset: MediaAssetView | null;
  /** Where it goes, when that needs saying ("for Acme Coffee"). */
  readonly note: string | null;
}

/** What an upload request reports: progress, then the server's answer. */
export type UploadStep =
  | { readonly kind: 'progress'; readonly loaded: number; readonly total: number }
  | { readonly kind: 'result'; readonly result: UploadResult };

/** Sends one file (one request per file, so each gets its own progress). */
export type Uploader = (file: File) => Observable<UploadStep>;

export interface UploadQueueOptions {
  /** Requests under way at once. */
  readonly concurrency?: number;
  /** A refusal known before sending (a size limit, say): the reason, or null to send the file. */
  readonly precheck?: (file: File) => string | null;
  /** Called for every file the server stored. */
  readonly onStored?: (asset: MediaAssetView) => void;
}

export interface UploadSummary {
  readonly waiting: number;
  readonly uploading: number;
  readonly done: number;
  readonly rejected: number;
  readonly failed: number;
  /** Waiting or uploading. */
  readonly active: number;
}

interface Entry {
  item: UploadItem;
  readonly file: File;
  readonly upload: Uploader;
  subscription: Subscription | null;
}

const DEFAULT_CONCURRENCY = 3;

/** HttpClient upload events (`reportProgress: true, observe: 'events'`) as upload steps. */
export function toUploadSteps(file: File): OperatorFunction<HttpEvent<UploadResult>, UploadStep> {
  return (events) =>
    events.pipe(
      filter((event) => event.type === HttpEventType.UploadProgress || event.type === HttpEventType.Response),
      map((event): UploadStep => {
        if (event.type === HttpEventType.UploadProgress) {
          return { kind: 'progress', loaded: event.loaded, total: event.total || file.size };
        }
        if (event.type === HttpEventType.Response && event.body) {
          return { kind: 'result', result: event.body };
        }
        return { kind: 'result', result: { stored: [], rejected: [] } };
      }),
    );
}

/**
 * Whether another try could help: the network, a timeout, rate limiting and server errors are
 * worth a retry; any other refusal (too large, quota full, wrong type, no permission) is final.
 */
export function classifyUploadError(error: unknown): { status: 'rejected' | 'failed'; message: string } {
  const apiError = toApiError(error);
  const code = apiError.statusCode;
  const retryable = code === 0 || code === 408 || code === 429 || code >= 500;
  return { status: retryable ? 'failed' : 'rejected', message: apiError.message };
}

function percent(loaded: number, total: number): number {
  if (!(total > 0)) {
    return 0;
  }
  return Math.max(0, Math.min(100, Math.round((loaded / total) * 100)));
}

/**
 * Uploads files one request each, a few at a time, in the order they were added, and keeps the
 * state of every file for the upload list: waiting, uploading (n %), done, rejected (the server's
 * reason; final) or failed (can be retried). Plain TypeScript with signals: no DI, so pages create
 * one each and tests drive it with fake uploaders.
 */
export class UploadQueue {
  private readonly entries = new Map<number, Entry>();
  private readonly state = signal<readonly UploadItem[]>([]);
  private readonly concurrency: number;
  private nextId = 1;
  private pumping = false;
  private pumpAgain = false;

  readonly items: Signal<readonly UploadItem[]> = this.state.asReadonly();
  readonly summary: Signal<UploadSummary> = computed(() => {
    const counts = { waiting: 0, uploading: 0, done: 0, rejected: 0, failed: 0 };
    for (const item of this.state()) {
      counts[item.status]++;
    }
    return { ...counts, active: counts.waiting + counts.uploading };
  });

  constructor(private readonly options: UploadQueueOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  }

  /** Queues files; `upload` is kept with each, so a retry goes to the same place. */
  add(files: Iterable<File>, upload: Uploader, note: string | null = null): void {
    for (const file of files) {
      const refusal = this.options.precheck?.(file) ?? null;
      const id = this.nextId++;
      this.entries.set(id, {
        file,
        upload,
        subscription: null,
        item: {
          id,
          name: file.name || 'Untitled file',
          size: file.size,
          status: refusal ? 'rejected' : 'waiting',
          progress: 0,
          message: refusal,
          asset: null,
          note,
        },
      });
    }
    this.publish();
    this.pump();
  }

  /** Sends a failed file again (at the back of the line). */
  retry(id: number): void {
    const entry = this.entries.get(id);
    if (!entry || entry.item.status !== 'failed') {
      return;
    }
    // Re-inserted so that it waits behind the files already waiting.
    this.entries.delete(id);
    this.entries.set(id, entry);
    this.patch(entry, { status: 'waiting', progress: 0, message: null });
    this.pump();
  }

  /** Drops a file that is waiting or uploading (the request is aborted). */
  cancel(id: number): void {
    const entry = this.entries.get(id);
    if (!entry || (entry.item.status !== 'waiting' && entry.item.status !== 'uploading')) {
      return;
    }
    entry.subscription?.unsubscribe();
    this.entries.delete(id);
    this.publish();
    this.pump();
  }

  /** Takes done and rejected files off the list (failed ones stay, to be retried). */
  clearFinished(): void {
    for (const [id, entry] of this.entries) {
      if (entry.item.status === 'done' || entry.item.status === 'rejected') {
        this.entries.delete(id);
      }
    }
    this.publish();
  }

  /**
   * For a page's `(window:beforeunload)` listener: closing or reloading the tab would cancel the
   * uploads under way, so while there are any the browser asks first.
   */
  warnBeforeLeaving(event: BeforeUnloadEvent): void {
    if (this.summary().active > 0) {
      event.preventDefault();
    }
  }

  /** Aborts everything (the page is going away). */
  destroy(): void {
    for (const entry of this.entries.values()) {
      entry.subscription?.unsubscribe();
    }
    this.entries.clear();
    this.publish();
  }

  private running(): number {
    let count = 0;
    for (const entry of this.entries.values()) {
      if (entry.item.status === 'uploading') {
        count++;
      }
    }
    return count;
  }

  /** Starts waiting files while there is room. Re-entrant calls (uploads that end at once) loop instead. */
  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        for (const entry of this.entries.values()) {
          if (this.running() >= this.concurrency) {
            break;
          }
          if (entry.item.status === 'waiting') {
            this.start(entry);
          }
        }
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  private start(entry: Entry): void {
    this.patch(entry, { status: 'uploading', progress: 0, message: null });
    const id = entry.item.id;
    const settle = (patch: Partial<UploadItem>) => {
      if (this.entries.get(id) === entry && entry.item.status === 'uploading') {
        this.patch(entry, patch);
        this.pump();
      }
    };
    entry.subscription = entry.upload(entry.file).subscribe({
      next: (step) => {
        if (entry.item.status !== 'uploading') {
          return;
        }
        if (step.kind === 'progress') {
          this.patch(entry, { progress: percent(step.loaded, step.total) });
          return;
        }
        const stored = step.result.stored[0];
        const rejected = step.result.rejected[0];
        if (stored) {
          settle({ status: 'done', progress: 100, asset: stored });
          this.options.onStored?.(stored);
        } else if (rejected) {
          settle({ status: 'rejected', message: rejected.reason });
        } else {
          settle({ status: 'failed', message: 'The server did not confirm the upload. Try again.' });
        }
      },
      error: (error: unknown) => {
        const { status, message } = classifyUploadError(error);
        settle({ status, message });
      },
      complete: () => settle({ status: 'failed', message: 'The upload ended without an answer. Try again.' }),
    });
  }

  private patch(entry: Entry, patch: Partial<UploadItem>): void {
    entry.item = { ...entry.item, ...patch };
    this.publish();
  }

  private publish(): void {
    this.state.set([...this.entries.values()].map((entry) => entry.item));
  }
}
