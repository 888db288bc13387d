import { computed, signal } from '@angular/core';
import { MESSAGE_ATTACHMENTS_MAX, type MessageAttachmentView } from '@atrium/shared';
import { Observable, Subscription } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import type { AttachmentStep } from './messages.api';

export type PendingStatus = 'uploading' | 'done' | 'refused';

/** A file on its way into a message, as the composer lists it. */
export interface PendingAttachment {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  readonly status: PendingStatus;
  /** 0–100 while uploading. */
  readonly progress: number;
  /** Why it was refused, in plain words. */
  readonly reason: string | null;
  readonly attachment: MessageAttachmentView | null;
}

/**
 * The composer's files: each uploaded at once in its own request (with its own progress) and kept
 * until the message is sent or the person removes it. Plain TypeScript with signals, driven in tests
 * with a fake uploader.
 */
export class AttachmentQueue {
  private readonly state = signal<readonly PendingAttachment[]>([]);
  private readonly requests = new Map<number, Subscription>();
  private nextId = 1;

  readonly items = this.state.asReadonly();
  readonly uploading = computed(() => this.state().some((item) => item.status === 'uploading'));
  readonly ready = computed(() =>
    this.state()
      .filter((item) => item.status === 'done' && item.attachment)
      .map((item) => item.attachment as MessageAttachmentView),
  );

  constructor(private readonly upload: (file: File) => Observable<AttachmentStep>) {}

  add(files: Iterable<File>): void {
    for (const file of files) {
      const id = this.nextId++;
      const taken = this.state().filter((item) => item.status !== 'refused').length;
      const base: PendingAttachment = {
        id,
        name: file.name || 'Untitled file',
        size: file.size,
        status: 'uploading',
        progress: 0,
        reason: null,
        attachment: null,
      };
      if (taken >= MESSAGE_ATTACHMENTS_MAX) {
        this.state.update((items) => [
          ...items,
          { ...base, status: 'refused', reason: `A message can carry ${MESSAGE_ATTACHMENTS_MAX} files at most.` },
        ]);
        continue;
      }
      this.state.update((items) => [...items, base]);
      this.requests.set(
        id,
        this.upload(file).subscribe({
          next: (step) => {
            if (step.kind === 'progress') {
              const progress = step.total > 0 ? Math.min(100, Math.round((step.loaded / step.total) * 100)) : 0;
              this.patch(id, { progress });
              return;
            }
            const stored = step.result.attachments[0];
            const refused = step.result.rejected[0];
            if (stored) {
              this.patch(id, { status: 'done', progress: 100, attachment: stored });
            } else {
              this.patch(id, {
                status: 'refused',
                reason: refused?.reason ?? 'The file could not be added. Try again.',
              });
            }
            this.requests.delete(id);
          },
          error: (error: unknown) => {
            this.patch(id, { status: 'refused', reason: toApiError(error).message });
            this.requests.delete(id);
          },
        }),
      );
    }
  }

  /** Takes a file off the message (an upload under way is cancelled). */
  remove(id: number): void {
    this.requests.get(id)?.unsubscribe();
    this.requests.delete(id);
    this.state.update((items) => items.filter((item) => item.id !== id));
  }

  /** After sending: the message took the files. */
  clear(): void {
    for (const request of this.requests.values()) request.unsubscribe();
    this.requests.clear();
    this.state.set([]);
  }

  private patch(id: number, patch: Partial<PendingAttachment>): void {
    this.state.update((items) => items.map((item) => (item.id === id ? { ...item, ...patch } : item)));
  }
}
