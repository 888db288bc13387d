import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { WEB_PATHS, type PortalCalendarPost, type PortalCalendarResponse } from '@atrium/shared';
import { Subscription } from 'rxjs';
import { ActiveClientService } from '../../../core/auth/active-client.service';
import { AuthService } from '../../../core/auth/auth.service';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import {
  CivilDate,
  ZonedWeek,
  civilDateAt,
  dayKeyAt,
  monthGrid,
  startOfDay,
  safeTimeZone,
  shiftMonth,
  shiftWeek,
  weekContaining,
} from '../../../core/ui/zoned-time';
import { handleLabel, providerIcon } from '../../social/provider-ui';
import type { CalendarView } from '../calendar-range';
import { CalendarToolbarComponent } from '../components/calendar-toolbar.component';
import { PostThumbnailsComponent } from '../components/post-thumbnails.component';
import { PortalCalendarApi } from '../data-access/portal-calendar.api';
import { dayPage, showMoreOn } from '../day-page';
import { drawInFrames } from '../draw-in-frames';
import { StatusInfo, postStatus } from '../post-status';
import { bucketByDay } from '../week-buckets';

/** Posts a day shows at first in each view (the month's cells are small), and how many more each "Show more" adds. */
const DAY_LIMIT: Record<CalendarView, number> = { week: 50, month: 3 };
const SHOW_MORE_STEP = 50;

interface ShownPost {
  readonly post: PortalCalendarPost;
  readonly time: string;
  readonly status: StatusInfo;
  readonly media: PortalCalendarPost['media'];
}

interface DayColumn {
  readonly key: string;
  readonly label: string;
  readonly shortLabel: string;
  readonly isToday: boolean;
  /** False for the days of the neighbouring months that fill a month view's first and last weeks. */
  readonly inMonth: boolean;
  readonly total: number;
  /** The posts on screen (the page's, as far as drawn yet). */
  readonly shown: readonly ShownPost[];
  /** How many posts the day's page holds. */
  readonly limit: number;
  readonly hidden: number;
  /** What "Show more" adds. */
  readonly more: number;
}

/** A civil date written out in words; noon UTC keeps it on the same day whatever the formatter. */
function civilFormat(format: Intl.DateTimeFormat, date: CivilDate): string {
  return format.format(new Date(Date.UTC(date.year, date.month - 1, date.day, 12)));
}

/**
 * Portal > Calendar [000] (calendar.view): the active client's scheduled and recently published
 * posts by week or by month, drawn in the user's own timezone (from their profile), with the same
 * bar, status symbols and pictures as the agency's calendar. Read-only: no edit, approve or
 * reschedule. Seven columns on wide screens, a list by day on small ones.
 */
@Component({
  selector: 'atr-portal-calendar-page',
  imports: [
    RouterLink,
    CalendarToolbarComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    NoticeComponent,
    PostThumbnailsComponent,
  ],
  templateUrl: './portal-calendar.page.html',
  styleUrl: './portal-calendar.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalCalendarPage {
  private readonly api = inject(PortalCalendarApi);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);

  private readonly activeClient = inject(ActiveClientService);
  protected readonly timeZone = safeTimeZone(this.auth.me()?.timezone);
  /** Posts waiting for approval link to the review list when the person may approve. */
  protected readonly canReview = this.activeClient.client()?.permissions.includes('posts.approve') ?? false;
  protected readonly reviewsLink = WEB_PATHS.portalReviews;
  /** "America/New_York (EST)". */
  protected readonly zoneLabel = zoneLabel(this.timeZone);
  private readonly timeFormat = new Intl.DateTimeFormat('en', {
    timeZone: this.timeZone,
    hour: 'numeric',
    minute: '2-digit',
  });
  private readonly dayLong = new Intl.DateTimeFormat('en', {
    timeZone: 'UTC',
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  });
  private readonly weekdayShort = new Intl.DateTimeFormat('en', { timeZone: 'UTC', weekday: 'short' });
  private readonly rangeFormat = new Intl.DateTimeFormat('en', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  });
  private readonly monthFormat = new Intl.DateTimeFormat('en', { timeZone: 'UTC', month: 'long', year: 'numeric' });

  protected readonly view = signal<CalendarView>('week');
  /** A day in the period shown: the week that holds it, or its month. */
  private readonly anchor = signal<CivilDate>(civilDateAt(Date.now(), this.timeZone));
  /** The days on screen: one week, or the whole weeks of the month. */
  protected readonly week = computed<ZonedWeek>(() =>
    this.view() === 'month'
      ? monthGrid(this.anchor(), this.timeZone)
      : weekContaining(this.startOf(this.anchor()), this.timeZone),
  );
  protected readonly monthView = computed(() => this.view() === 'month');
  protected readonly state = signal<LoadState<PortalCalendarResponse>>({ status: 'loading' });
  /** Per day: how many posts are on screen after "Show more". */
  private readonly dayLimits = signal<ReadonlyMap<string, number>>(new Map());
  private loading: Subscription | null = null;

  protected readonly weekLabel = computed(() => {
    if (this.monthView()) return civilFormat(this.monthFormat, this.anchor());
    const days = this.week().days;
    const first = days[0].date;
    const last = days[days.length - 1].date;
    return this.rangeFormat.formatRange(
      new Date(Date.UTC(first.year, first.month - 1, first.day, 12)),
      new Date(Date.UTC(last.year, last.month - 1, last.day, 12)),
    );
  });
  protected readonly response = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });
  private readonly buckets = computed(() => bucketByDay(this.response()?.items ?? [], this.week()));
  protected readonly total = computed(() => this.buckets().reduce((sum, bucket) => sum + bucket.length, 0));
  /** The days' headings depend on the week only, not on the posts or "Show more". */
  private readonly dayHeads = computed(() => {
    const today = dayKeyAt(Date.now(), this.timeZone);
    const month = this.monthView() ? this.anchor().month : null;
    return this.week().days.map((day) => ({
      key: day.key,
      label: civilFormat(this.dayLong, day.date),
      shortLabel: `${civilFormat(this.weekdayShort, day.date)} ${day.date.day}`,
      isToday: day.key === today,
      inMonth: month === null || day.date.month === month,
    }));
  });
  /** Each day's page: its first posts, more after "Show more". */
  private readonly pages = computed(() => {
    const limits = this.dayLimits();
    const base = DAY_LIMIT[this.view()];
    return this.buckets().map((posts, index) =>
      dayPage(posts, limits.get(this.week().days[index].key) ?? base, SHOW_MORE_STEP),
    );
  });
  /** Every load starts drawing afresh. */
  private readonly loads = signal(0);
  /** How many of each page's posts are on screen yet: they are drawn a few per frame. */
  private readonly drawn = drawInFrames(
    computed(() => this.pages().map((page) => page.shown.length)),
    this.loads,
  );
  protected readonly columns = computed<DayColumn[]>(() => {
    const drawn = this.drawn();
    return this.dayHeads().map((head, index) => {
      const page = this.pages()[index];
      const shown = page.shown.slice(0, drawn[index] ?? 0);
      return { ...head, ...page, shown: shown.map((post) => this.shownPost(post)), limit: page.shown.length };
    });
  });
  /**
   * What a post shows, formatted once per post: "Show more" and other changes reuse it, so only
   * newly shown posts cost formatting, and unchanged rows keep their identity (nothing to update).
   */
  private readonly shownPosts = new WeakMap<PortalCalendarPost, ShownPost>();

  protected readonly icon = providerIcon;
  protected readonly handle = handleLabel;

  constructor() {
    this.load();
    this.destroyRef.onDestroy(() => this.loading?.unsubscribe());
  }

  protected step(direction: -1 | 1): void {
    const anchor = this.anchor();
    this.show(
      this.monthView()
        ? shiftMonth(anchor, direction)
        : civilDateAt(shiftWeek(this.week(), direction).from, this.timeZone),
    );
  }

  protected goToday(): void {
    this.show(civilDateAt(Date.now(), this.timeZone));
  }

  protected setView(view: CalendarView): void {
    if (view === this.view()) return;
    this.view.set(view);
    this.show(this.anchor());
  }

  protected showMore(column: DayColumn): void {
    this.dayLimits.update((limits) => showMoreOn(limits, column.key, column.limit, SHOW_MORE_STEP));
  }

  protected load(): void {
    this.loading?.unsubscribe();
    this.loads.update((count) => count + 1);
    const week = this.week();
    this.loading = this.api
      .week(week.from, week.to)
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }

  private shownPost(post: PortalCalendarPost): ShownPost {
    let shown = this.shownPosts.get(post);
    if (!shown) {
      shown = {
        post,
        time: this.timeFormat.format(new Date(post.scheduledAt)),
        status: postStatus(post.status),
        media: post.media ?? [],
      };
      this.shownPosts.set(post, shown);
    }
    return shown;
  }

  private show(anchor: CivilDate): void {
    this.anchor.set(anchor);
    this.dayLimits.set(new Map());
    this.load();
  }

  private startOf(date: CivilDate): number {
    return startOfDay(date, this.timeZone);
  }
}

/** The zone's name with its short name now ("CET", "GMT+2"), for the page's subtitle. */
function zoneLabel(timeZone: string): string {
  const short = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date())
    .find((candidate) => candidate.type === 'timeZoneName')?.value;
  return short && short !== timeZone ? `${timeZone} (${short})` : timeZone;
}
