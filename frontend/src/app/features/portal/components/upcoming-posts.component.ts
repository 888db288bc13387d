import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { WEB_PATHS, type PortalCalendarPost, type PortalUpcomingResponse } from '@atrium/shared';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { fullDateTime } from '../../../core/ui/time';
import { safeTimeZone } from '../../../core/ui/zoned-time';
import { PostThumbnailsComponent } from '../../posts/components/post-thumbnails.component';
import { PortalCalendarApi } from '../../posts/data-access/portal-calendar.api';
import { preview } from '../../posts/post-status';
import { providerIcon } from '../../social/provider-ui';

/** How many coming posts the dashboard lists; the calendar has the rest. */
const SHOWN = 5;

interface UpcomingItem {
  readonly post: PortalCalendarPost;
  readonly when: string;
  readonly fullWhen: string;
  readonly excerpt: string;
}

/** Portal dashboard: the client's next scheduled posts, with their pictures (calendar.view). */
@Component({
  selector: 'atr-upcoming-posts',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, NoticeComponent, PostThumbnailsComponent],
  template: `
    <section class="atr-stack" aria-labelledby="upcoming-title">
      <div class="section-head">
        <h2 id="upcoming-title" class="section-title">Coming up</h2>
        <a mat-button [routerLink]="calendarLink">Open calendar</a>
      </div>
      @switch (state().status) {
        @case ('loading') {
          <div role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Loading the next posts" />
            <span class="atr-visually-hidden">Loading the next posts…</span>
          </div>
        }
        @case ('error') {
          <atr-notice kind="error" [message]="'We could not load the next posts. ' + errorMessage()">
            <button mat-stroked-button type="button" (click)="load()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (items().length === 0) {
            <p class="empty">
              <mat-icon aria-hidden="true">event_available</mat-icon>
              <span>Nothing is scheduled yet. New posts appear here as soon as they are planned.</span>
            </p>
          } @else {
            <ul class="posts">
              @for (item of items(); track item.post.id) {
                <li class="post">
                  <time class="post__when" [attr.datetime]="item.post.scheduledAt" [title]="item.fullWhen">
                    {{ item.when }}
                  </time>
                  <p class="post__text">{{ item.excerpt }}</p>
                  <ul class="post__accounts" aria-label="Goes to">
                    @for (account of item.post.accounts; track account.id) {
                      <li>
                        <mat-icon aria-hidden="true">{{ icon(account.provider) }}</mat-icon>
                        {{ account.displayName }}
                      </li>
                    }
                  </ul>
                  @if (item.post.media.length > 0) {
                    <atr-post-thumbnails [media]="item.post.media" [size]="56" />
                  }
                </li>
              }
            </ul>
          }
        }
      }
    </section>
  `,
  styleUrl: './dashboard-section.scss',
  styles: `
    .posts {
      display: grid;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .post {
      display: grid;
      gap: 4px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface);
    }
    .post__when {
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-primary);
    }
    .post__text {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .post__accounts {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      margin: 0;
      padding: 0;
      list-style: none;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      li {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      mat-icon {
        width: 16px;
        height: 16px;
        font-size: 16px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UpcomingPostsComponent {
  private readonly api = inject(PortalCalendarApi);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly calendarLink = WEB_PATHS.portalCalendar;
  protected readonly state = signal<LoadState<PortalUpcomingResponse>>({ status: 'loading' });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });
  protected readonly items = computed<UpcomingItem[]>(() => {
    const state = this.state();
    if (state.status !== 'ready') return [];
    const timeZone = safeTimeZone(state.value.timezone);
    const format = new Intl.DateTimeFormat('en', {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
    });
    return state.value.items.map((post) => ({
      post,
      when: format.format(new Date(post.scheduledAt)),
      fullWhen: fullDateTime(post.scheduledAt, timeZone),
      excerpt: preview(post.text, 160),
    }));
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.api
      .upcoming(SHOWN)
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }

  protected icon(provider: string): string {
    return providerIcon(provider);
  }
}
