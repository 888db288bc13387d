import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { MessageView } from '@atrium/shared';
import { Subscription } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { fullDateTime } from '../../../core/ui/time';
import { ConversationStore } from '../data-access/conversation.store';

/** Search within the conversation: the matching messages with their dates; picking one shows it. */
@Component({
  selector: 'atr-conversation-search',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule],
  template: `
    <form role="search" class="search" (submit)="$event.preventDefault(); run()">
      <label class="atr-visually-hidden" for="conversation-search">Search this conversation</label>
      <input
        id="conversation-search"
        class="search__input"
        type="search"
        placeholder="Search this conversation"
        [value]="query()"
        (input)="query.set($any($event.target).value)"
        (keydown.escape)="close()"
      />
      <button mat-icon-button type="submit" aria-label="Search">
        <mat-icon>search</mat-icon>
      </button>
    </form>
    @if (open()) {
      <div class="results">
        <div class="results__head">
          <span role="status">{{ status() }}</span>
          <button mat-button type="button" (click)="close()">Close search</button>
        </div>
        @if (searching()) {
          <mat-progress-bar mode="indeterminate" aria-label="Searching" />
        }
        @if (results().length > 0) {
          <ul class="results__list" aria-label="Search results">
            @for (message of results(); track message.id) {
              <li>
                <button type="button" class="result" (click)="selected.emit(message)">
                  <span class="result__meta">{{ message.author.name }} · {{ date(message.createdAt) }}</span>
                  <span class="result__text">{{ message.body }}</span>
                </button>
              </li>
            }
          </ul>
        }
      </div>
    }
  `,
  styles: `
    .search {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .search__input {
      flex: 1;
      min-width: 0;
      height: 40px;
      padding: 0 12px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 20px;
      background: var(--mat-sys-surface-container-lowest);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-medium);
    }
    .search__input:focus-visible,
    .result:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 1px;
    }
    .results {
      margin-top: 8px;
      max-height: 40dvh;
      overflow-y: auto;
    }
    .results__head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      font: var(--mat-sys-label-large);
    }
    .results__list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .result {
      display: flex;
      flex-direction: column;
      gap: 2px;
      width: 100%;
      padding: 8px;
      border: 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      background: none;
      color: inherit;
      text-align: left;
      cursor: pointer;
      overflow-wrap: anywhere;
    }
    .result__meta {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .result__text {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      line-clamp: 2;
      overflow: hidden;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConversationSearchComponent {
  private readonly store = inject(ConversationStore);
  private request: Subscription | null = null;

  readonly timeZone = input<string | null>(null);
  readonly selected = output<MessageView>();

  protected readonly query = signal('');
  protected readonly open = signal(false);
  protected readonly searching = signal(false);
  protected readonly results = signal<MessageView[]>([]);
  protected readonly status = signal('');

  protected run(): void {
    const q = this.query().trim();
    if (!q) {
      this.close();
      return;
    }
    this.request?.unsubscribe();
    this.open.set(true);
    this.searching.set(true);
    this.status.set(`Searching for “${q}”…`);
    this.request = this.store.search(q).subscribe({
      next: (messages) => {
        this.searching.set(false);
        this.results.set(messages);
        this.status.set(
          messages.length === 0
            ? `No messages match “${q}”.`
            : `${messages.length} ${messages.length === 1 ? 'message matches' : 'messages match'} “${q}”.`,
        );
      },
      error: (error: unknown) => {
        this.searching.set(false);
        this.results.set([]);
        this.status.set(`The search did not work. ${toApiError(error).message}`);
      },
    });
  }

  protected close(): void {
    this.request?.unsubscribe();
    this.open.set(false);
    this.results.set([]);
    this.query.set('');
  }

  protected date(iso: string): string {
    return fullDateTime(iso, this.timeZone());
  }
}
