import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { DevMailboxEntry } from '@atrium/shared';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { DevMailboxApi } from '../data-access/dev-mailbox.api';

export const NO_MAILBOX_MESSAGE = 'Email is delivered over SMTP on this server; there is no captured mailbox.';

@Component({
  selector: 'atr-mailbox-list-page',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatListModule, MatProgressBarModule, RouterLink, NoticeComponent],
  template: `
    <div class="heading">
      <h1>Captured emails</h1>
      <button mat-stroked-button type="button" (click)="load()">
        <mat-icon aria-hidden="true">refresh</mat-icon>
        Refresh
      </button>
    </div>
    <p class="atr-muted">This server keeps outgoing email here instead of sending it. Newest first.</p>

    @switch (state().status) {
      @case ('loading') {
        <div role="status">
          <mat-progress-bar mode="indeterminate" aria-label="Loading emails" />
          <span class="atr-visually-hidden">Loading emails…</span>
        </div>
      }
      @case ('error') {
        <atr-notice [kind]="unavailable() ? 'info' : 'error'" [message]="errorMessage()" />
      }
      @case ('ready') {
        @if (entries().length === 0) {
          <div class="empty">
            <mat-icon aria-hidden="true">drafts</mat-icon>
            <p>No emails captured yet. Sign up or ask for a reset link, and the email lands here.</p>
          </div>
        } @else {
          <mat-nav-list aria-label="Captured emails">
            @for (entry of entries(); track entry.id) {
              <a mat-list-item [routerLink]="entry.id" lines="3">
                <span matListItemTitle>{{ entry.subject }}</span>
                <span matListItemLine>To {{ entry.to }}</span>
                <span matListItemLine class="atr-muted">
                  <time [attr.datetime]="entry.createdAt">{{ entry.createdAt | date: 'medium' }}</time>
                  · {{ entry.status }}
                </span>
              </a>
            }
          </mat-nav-list>
        }
      }
    }
  `,
  styles: `
    .heading {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      justify-content: space-between;
    }
    h1 {
      font: var(--mat-sys-headline-small);
    }
    .empty {
      display: flex;
      gap: 12px;
      padding: 16px;
      border: 1px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .empty p {
      margin: 0;
    }
    .empty mat-icon {
      flex: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxListPage {
  private readonly api = inject(DevMailboxApi);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<LoadState<DevMailboxEntry[]>>({ status: 'loading' });
  protected readonly entries = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : [];
  });
  /** The endpoint answers 404 when the server sends real email over SMTP. */
  protected readonly unavailable = computed(() => {
    const state = this.state();
    return state.status === 'error' && state.error.statusCode === 404;
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    if (state.status !== 'error') {
      return null;
    }
    return state.error.statusCode === 404
      ? NO_MAILBOX_MESSAGE
      : `We could not load the mailbox. ${state.error.message}`;
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.api
      .list()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }
}
