import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MESSAGE_BODY_MAX } from '@atrium/shared';
import { toApiError } from '../../../core/http/api-error';
import { AttachmentQueue } from '../data-access/attachment-queue';
import { ConversationStore } from '../data-access/conversation.store';
import { MessagesApi, type ConversationBase } from '../data-access/messages.api';
import { fileSize } from '../ui/timeline';

/** The counter shows from here on, so it is there when it matters and quiet otherwise. */
export const COUNTER_FROM = MESSAGE_BODY_MAX - 500;

/**
 * Where a message is written: Enter sends, Shift+Enter starts a new line, and the Send button does
 * the same. Files come with the attach button or by dropping them on the composer; each uploads at
 * once with its own progress, and can be taken off before sending. The agency can turn the message
 * into an internal note, which only its team ever sees.
 */
@Component({
  selector: 'atr-composer',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, MatSlideToggleModule],
  templateUrl: './composer.component.html',
  styleUrl: './composer.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class.note]': 'note()',
    '[class.over]': 'over()',
    '(dragenter)': 'onDrag($event)',
    '(dragover)': 'onDrag($event)',
    '(dragleave)': 'onDragLeave($event)',
    '(drop)': 'onDrop($event)',
  },
})
export class ComposerComponent {
  private readonly store = inject(ConversationStore);
  private readonly api = inject(MessagesApi);

  readonly base = input.required<ConversationBase>();
  /** The agency's composer offers internal notes. */
  readonly allowNotes = input(false);
  /** A read-only "View as client" tab cannot write. */
  readonly readOnly = input(false);
  /** Who reads it, for the placeholder ("Write to your team at Northwind"). */
  readonly placeholder = input('Write a message');

  protected readonly max = MESSAGE_BODY_MAX;
  protected readonly body = signal('');
  protected readonly note = signal(false);
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly over = signal(false);
  protected readonly length = computed(() => this.body().length);
  protected readonly showCounter = computed(() => this.length() >= COUNTER_FROM);
  protected readonly tooLong = computed(() => this.length() > MESSAGE_BODY_MAX);
  protected readonly queue = new AttachmentQueue((file) => this.api.upload(this.base(), file));
  protected readonly canSend = computed(
    () =>
      !this.sending() &&
      !this.readOnly() &&
      !this.tooLong() &&
      !this.queue.uploading() &&
      (this.body().trim().length > 0 || this.queue.ready().length > 0),
  );
  protected readonly fileSize = fileSize;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.queue.clear());
  }

  protected onInput(event: Event): void {
    this.body.set((event.target as HTMLTextAreaElement).value);
    this.error.set(null);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    }
  }

  protected onPicked(picker: HTMLInputElement): void {
    if (picker.files) {
      this.queue.add(Array.from(picker.files));
    }
    picker.value = '';
  }

  protected onDrag(event: DragEvent): void {
    if (!this.readOnly() && event.dataTransfer?.types.includes('Files')) {
      event.preventDefault();
      this.over.set(true);
    }
  }

  protected onDragLeave(event: DragEvent): void {
    const host = event.currentTarget as HTMLElement | null;
    if (!host || !(event.relatedTarget instanceof Node) || !host.contains(event.relatedTarget)) {
      this.over.set(false);
    }
  }

  protected onDrop(event: DragEvent): void {
    this.over.set(false);
    const files = event.dataTransfer?.files;
    if (this.readOnly() || !files || files.length === 0) {
      return;
    }
    event.preventDefault();
    this.queue.add(Array.from(files));
  }

  protected send(): void {
    if (this.tooLong()) {
      this.error.set(`A message can be at most ${MESSAGE_BODY_MAX} characters long. Shorten it a little.`);
      return;
    }
    if (this.queue.uploading()) {
      this.error.set('Wait until your files have finished uploading.');
      return;
    }
    if (!this.canSend()) {
      return;
    }
    this.sending.set(true);
    this.error.set(null);
    const ids = this.queue.ready().map((attachment) => attachment.id);
    this.store.send(this.body().trim(), ids, this.note() ? 'note' : 'message').subscribe({
      next: () => {
        this.sending.set(false);
        this.body.set('');
        this.queue.clear();
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.error.set(`Your message was not sent. ${toApiError(error).message}`);
      },
    });
  }
}
