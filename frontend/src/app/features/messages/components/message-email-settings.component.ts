import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import type { MessageEmailMode } from '@atrium/shared';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { MessagesApi } from '../data-access/messages.api';

export const MESSAGE_EMAIL_CHOICES: ReadonlyArray<{ mode: MessageEmailMode; label: string; hint: string }> = [
  { mode: 'every', label: 'Every time', hint: 'One email when a message waits for you unread for a few minutes.' },
  { mode: 'daily', label: 'Daily digest', hint: 'At most one email a day with what you have not read.' },
  { mode: 'never', label: 'Never', hint: 'No emails about messages. You still see them here.' },
];

/** Settings › "Message emails": every time, a daily digest, or never (saved as soon as it is chosen). */
@Component({
  selector: 'atr-message-email-settings',
  imports: [MatButtonModule, MatProgressBarModule, MatRadioModule, NoticeComponent],
  template: `
    @if (loading()) {
      <div role="status">
        <mat-progress-bar mode="indeterminate" aria-label="Loading your message emails setting" />
      </div>
    } @else if (loadError()) {
      <atr-notice kind="error" [message]="'We could not load this setting. ' + loadError()">
        <button mat-stroked-button type="button" (click)="load()">Try again</button>
      </atr-notice>
    } @else {
      <mat-radio-group
        class="choices"
        aria-labelledby="message-emails-label"
        [value]="mode()"
        [disabled]="saving()"
        (change)="save($event.value)"
      >
        <span id="message-emails-label" class="atr-visually-hidden">Message emails</span>
        @for (choice of choices; track choice.mode) {
          <mat-radio-button [value]="choice.mode" [attr.aria-describedby]="'message-emails-' + choice.mode">
            {{ choice.label }}
          </mat-radio-button>
          <p class="hint atr-muted" [id]="'message-emails-' + choice.mode">{{ choice.hint }}</p>
        }
      </mat-radio-group>
      <atr-notice [kind]="notice()?.kind ?? 'success'" [message]="notice()?.text ?? null" />
    }
  `,
  styles: `
    .choices {
      display: flex;
      flex-direction: column;
    }
    .hint {
      margin: -8px 0 8px 40px;
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageEmailSettingsComponent {
  private readonly api = inject(MessagesApi);

  protected readonly choices = MESSAGE_EMAIL_CHOICES;
  protected readonly mode = signal<MessageEmailMode>('every');
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly notice = signal<{ kind: 'success' | 'error'; text: string } | null>(null);
  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .emailSettings()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (settings) => {
          this.mode.set(settings.mode);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toApiError(error).message);
          this.loading.set(false);
        },
      });
  }

  protected save(mode: MessageEmailMode): void {
    const before = this.mode();
    this.mode.set(mode);
    this.saving.set(true);
    this.notice.set(null);
    this.api.saveEmailSettings({ mode }).subscribe({
      next: (settings) => {
        this.mode.set(settings.mode);
        this.saving.set(false);
        this.notice.set({ kind: 'success', text: 'Saved.' });
      },
      error: (error: unknown) => {
        this.mode.set(before);
        this.saving.set(false);
        this.notice.set({ kind: 'error', text: `Not saved. ${toApiError(error).message}` });
      },
    });
  }
}
