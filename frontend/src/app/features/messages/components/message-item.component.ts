import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MESSAGE_BODY_MAX, type MessageView } from '@atrium/shared';
import { filter, switchMap } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { RelativeTimeComponent } from '../../../core/ui/relative-time.component';
import { ToastService } from '../../../core/ui/toast.service';
import { ConversationStore } from '../data-access/conversation.store';
import { MessageBodyComponent } from '../ui/message-body.component';
import { canChange, fileSize, nameList } from '../ui/timeline';

/** What each side is called beside an author's name. */
export interface SideLabels {
  readonly client: string;
  readonly agency: string;
}

/**
 * One message: its author and side, when it was written (the full date on hover), the text with its
 * links, its files, and "edited" or "deleted". The author may edit it in place or delete it for 15
 * minutes after writing it. Internal notes look different (and say so) wherever they appear.
 */
@Component({
  selector: 'atr-message-item',
  imports: [FormsModule, MatButtonModule, MatIconModule, MatMenuModule, MessageBodyComponent, RelativeTimeComponent],
  templateUrl: './message-item.component.html',
  styleUrl: './message-item.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class.mine]': 'mine()',
  },
})
export class MessageItemComponent {
  private readonly store = inject(ConversationStore);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);

  readonly message = input.required<MessageView>();
  readonly mine = input(false);
  readonly meId = input<string | null>(null);
  readonly sides = input<SideLabels>({ client: 'Client', agency: 'Agency' });
  readonly timeZone = input<string | null>(null);
  /** Ticks every so often, so the edit menu goes away when the 15 minutes are over. */
  readonly now = input(Date.now());
  readonly highlighted = input(false);
  /** The other side's readers of this message, when it carries the "Seen by" line. */
  readonly seenBy = input<readonly string[] | null>(null);

  protected readonly max = MESSAGE_BODY_MAX;
  protected readonly note = computed(() => this.message().kind === 'note');
  protected readonly deleted = computed(() => this.message().deletedAt !== null);
  protected readonly side = computed(() => this.sides()[this.message().author.side]);
  protected readonly changeable = computed(() => canChange(this.message(), this.meId(), this.now()));
  protected readonly images = computed(() =>
    this.message().attachments.filter((file) => file.kind === 'image' && file.thumbnailUrl),
  );
  protected readonly files = computed(() =>
    this.message().attachments.filter((file) => !(file.kind === 'image' && file.thumbnailUrl)),
  );
  protected readonly seenLine = computed(() => {
    const names = this.seenBy();
    return names && names.length > 0 ? `Seen by ${nameList(names)}` : null;
  });
  protected readonly fileSize = fileSize;

  protected readonly editing = signal(false);
  protected readonly draft = signal('');
  protected readonly saving = signal(false);
  protected readonly editError = signal<string | null>(null);

  protected startEdit(): void {
    this.draft.set(this.message().body);
    this.editError.set(null);
    this.editing.set(true);
  }

  protected cancelEdit(): void {
    this.editing.set(false);
  }

  protected onEditKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.cancelEdit();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.saveEdit();
    }
  }

  protected saveEdit(): void {
    const body = this.draft().trim();
    if (this.saving()) {
      return;
    }
    if (!body && this.message().attachments.length === 0) {
      this.editError.set('Write something, or delete the message instead.');
      return;
    }
    if (body.length > MESSAGE_BODY_MAX) {
      this.editError.set(`A message can be at most ${MESSAGE_BODY_MAX} characters long.`);
      return;
    }
    this.saving.set(true);
    this.store.edit(this.message().id, body).subscribe({
      next: () => {
        this.saving.set(false);
        this.editing.set(false);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.editError.set(toApiError(error).message);
      },
    });
  }

  protected remove(): void {
    confirmAction(this.dialog, {
      title: 'Delete this message?',
      message: 'Everyone in the conversation will see "This message was deleted" in its place.',
      confirmLabel: 'Delete message',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.store.remove(this.message())),
      )
      .subscribe({
        next: () => this.toast.show('Message deleted.'),
        error: (error: unknown) => this.toast.show(`The message was not deleted. ${toApiError(error).message}`),
      });
  }
}
