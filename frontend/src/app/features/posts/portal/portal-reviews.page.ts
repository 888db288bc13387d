import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ReviewList, ReviewPostView } from '@atrium/shared';
import { AuthService } from '../../../core/auth/auth.service';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { fullDateTime } from '../../../core/ui/time';
import { safeTimeZone } from '../../../core/ui/zoned-time';
import { PortalReviewsApi } from '../data-access/portal-reviews.api';
import { ReviewCardComponent } from './review-card.component';

/**
 * Portal › To review (posts.approve): the posts the agency asked this client to approve, those
 * waiting for the client first. Approving one takes it off the list (it publishes at its time);
 * asking for changes keeps it here until the agency sends it again.
 */
@Component({
  selector: 'atr-portal-reviews-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, NoticeComponent, ReviewCardComponent],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1 tabindex="-1">To review</h1>
          <p class="atr-muted">
            Posts {{ agencyName() }} asked you to approve before they go out. Approve them, or ask for changes and say
            what should change. Times are in your time zone, {{ timeZone }}.
          </p>
        </div>
      </header>

      <atr-notice kind="success" [message]="confirmation()" />

      @switch (state().status) {
        @case ('loading') {
          <div role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Loading the posts to review" />
            <span class="atr-visually-hidden">Loading the posts to review…</span>
          </div>
        }
        @case ('error') {
          <atr-notice kind="error" [message]="'We could not load the posts to review. ' + errorMessage()">
            <button mat-stroked-button type="button" (click)="load()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (items().length === 0) {
            <div class="empty">
              <mat-icon aria-hidden="true">task_alt</mat-icon>
              <p>Nothing to review. When {{ agencyName() }} asks for your approval, the posts appear here.</p>
            </div>
          } @else {
            <p class="summary" role="status">{{ summary() }}</p>
            <ul class="reviews">
              @for (review of items(); track review.id) {
                <li>
                  <atr-review-card
                    [review]="review"
                    [agencyName]="agencyName()"
                    [timeZone]="timeZone"
                    (changed)="replace($event)"
                    (approved)="remove($event)"
                  />
                </li>
              }
            </ul>
          }
        }
      }
    </div>
  `,
  styles: `
    .reviews {
      display: grid;
      gap: 16px;
      max-width: 760px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .summary {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .empty {
      display: flex;
      gap: 12px;
      align-items: center;
      padding: 16px;
      border: 1px dashed var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      color: var(--mat-sys-on-surface-variant);
      p {
        margin: 0;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalReviewsPage {
  private readonly api = inject(PortalReviewsApi);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly timeZone = safeTimeZone(this.auth.me()?.timezone);
  protected readonly agencyName = computed(() => this.auth.me()?.agency.name ?? 'Your agency');
  protected readonly state = signal<LoadState<ReviewList>>({ status: 'loading' });
  /** "Approved. It goes out …": stays on the page (announced) after the post leaves the list. */
  protected readonly confirmation = signal<string | null>(null);
  protected readonly items = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value.items : [];
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });
  protected readonly summary = computed(() => {
    const waiting = this.items().filter((item) => item.approval.state === 'pending').length;
    if (waiting === 0) return `Nothing waits for you: ${this.agencyName()} is making the changes you asked for.`;
    return waiting === 1 ? 'One post waits for your approval.' : `${waiting} posts wait for your approval.`;
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

  protected replace(updated: ReviewPostView): void {
    this.confirmation.set(null);
    this.update((items) => items.map((item) => (item.id === updated.id ? updated : item)));
  }

  /** Approved: off the list; focus goes to the next post (or the heading), never to the page body. */
  protected remove(approved: ReviewPostView): void {
    const index = this.items().findIndex((item) => item.id === approved.id);
    this.update((items) => items.filter((item) => item.id !== approved.id));
    this.confirmation.set(approvedMessage(approved, this.timeZone));
    const next = this.items()[Math.min(index, this.items().length - 1)];
    afterNextRender(
      () => {
        const target = next ? `#review-${next.id}` : 'h1';
        this.host.nativeElement.querySelector<HTMLElement>(target)?.focus();
      },
      { injector: this.injector },
    );
  }

  private update(change: (items: ReviewPostView[]) => ReviewPostView[]): void {
    const state = this.state();
    if (state.status !== 'ready') return;
    this.state.set({ status: 'ready', value: { items: change(state.value.items) } });
  }
}

/** "Approved. It goes out …": when the approved post will publish, in the person's time zone. */
function approvedMessage(review: ReviewPostView, timeZone: string): string {
  return Date.parse(review.scheduledAt) <= Date.now()
    ? 'Approved. It goes out now.'
    : `Approved. It goes out ${fullDateTime(review.scheduledAt, timeZone)}.`;
}
