import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { WEB_PATHS, type ConversationView } from '@atrium/shared';
import { Subscription } from 'rxjs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { RelativeTimeComponent } from '../../../core/ui/relative-time.component';
import { MessagesApi } from '../data-access/messages.api';
import { UnreadService } from '../realtime/unread.service';

/** Conversations listed on the dashboard at most; the inbox has the rest. */
const LISTED = 5;

/**
 * The agency dashboard's "Unread messages": the conversations with something unread, each a link
 * into it. Follows the unread count, so it changes as messages arrive or are read.
 */
@Component({
  selector: 'atr-unread-conversations',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, NoticeComponent, RelativeTimeComponent, RouterLink],
  template: `
    <section class="card" aria-labelledby="unread-messages-title">
      <div class="card__head">
        <h2 id="unread-messages-title" class="card__title">Unread messages</h2>
        <a mat-button [routerLink]="inboxPath">Open inbox</a>
      </div>
      @switch (status()) {
        @case ('loading') {
          <div role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Loading unread messages" />
          </div>
        }
        @case ('error') {
          <atr-notice kind="error" message="We could not check your messages.">
            <button mat-stroked-button type="button" (click)="load()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (conversations().length === 0) {
            <p class="card__empty"><mat-icon aria-hidden="true">mark_chat_read</mat-icon>All messages are read.</p>
          } @else {
            <ul class="list">
              @for (conversation of conversations(); track conversation.clientId) {
                <li>
                  <a class="item" [routerLink]="[inboxPath, conversation.clientId]">
                    <span class="item__name">{{ conversation.clientName }}</span>
                    <span class="item__count">{{ conversation.unread }} unread</span>
                    @if (conversation.lastMessage; as last) {
                      <span class="item__preview">{{ last.authorName }}: {{ last.preview }}</span>
                      <atr-relative-time class="item__time" [value]="last.at" />
                    }
                  </a>
                </li>
              }
            </ul>
          }
        }
      }
    </section>
  `,
  styles: `
    .card {
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
    }
    .card__head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      margin-bottom: 8px;
    }
    .card__title {
      margin: 0;
      font: var(--mat-sys-title-large);
    }
    .card__empty {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .item {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 2px 8px;
      padding: 8px;
      border-radius: var(--mat-sys-corner-medium);
      color: inherit;
      text-decoration: none;
    }
    .item:hover {
      background: var(--mat-sys-surface-container-high);
    }
    .item:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
    }
    .item__name {
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
    .item__count {
      color: var(--mat-sys-error);
      font: var(--mat-sys-label-large);
    }
    .item__preview {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font: var(--mat-sys-body-small);
    }
    .item__time {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UnreadConversationsComponent {
  private readonly api = inject(MessagesApi);
  private readonly unread = inject(UnreadService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly inboxPath = WEB_PATHS.agencyMessages;
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly conversations = signal<ConversationView[]>([]);

  constructor() {
    effect(() => {
      this.unread.counts();
      untracked(() => this.load());
    });
  }

  protected load(): void {
    this.request?.unsubscribe();
    // A refresh keeps the list on screen rather than flashing a progress bar.
    if (this.status() === 'error') {
      this.status.set('loading');
    }
    this.request = this.api
      .inbox({ unread: true })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.conversations.set(page.conversations.filter((c) => c.unread > 0).slice(0, LISTED));
          this.status.set('ready');
        },
        error: () => {
          if (this.status() !== 'ready') {
            this.status.set('error');
          }
        },
      });
  }
}
