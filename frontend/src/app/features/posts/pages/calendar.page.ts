import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { PostView, SocialProviderInfo } from '@atrium/shared';
import { Observable, Subscription, catchError, forkJoin, map, of } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { RelativeTimeComponent } from '../../../core/ui/relative-time.component';
import { fullDateTime } from '../../../core/ui/time';
import { ToastService } from '../../../core/ui/toast.service';
import { browserTimeZone } from '../../../core/ui/zoned-time';
import { ClientOption, ClientsApi } from '../../clients/data-access/clients.api';
import { SocialApi } from '../../social/data-access/social.api';
import {
  CalendarDay,
  CalendarView,
  calendarPieces,
  calendarRange,
  localDayKey,
  onDayAtTimeOf,
  shiftAnchor,
} from '../calendar-range';
import { CalendarToolbarComponent } from '../components/calendar-toolbar.component';
import { PostChipComponent } from '../components/post-chip.component';
import {
  PostEditorData,
  PostEditorDialogComponent,
  PostEditorResult,
} from '../components/post-editor-dialog.component';
import { dayPage, showMoreOn } from '../day-page';
import { DRAGGABLE_POSTS_PER_FRAME, drawInFrames } from '../draw-in-frames';
import { PostsApi } from '../data-access/posts.api';
import { preview, targetSummary } from '../post-status';
import { bucketByInstant } from '../week-buckets';

/** How many posts a day shows before "Show more", and how many more each click reveals. */
const DAY_LIMIT: Record<CalendarView, number> = { week: 50, month: 3 };
const SHOW_MORE_STEP = 50;

const WEEKDAY = new Intl.DateTimeFormat('en', { weekday: 'short' });
const DAY_LABEL = new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric' });
const WEEK_RANGE = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric' });
const MONTH = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric' });

interface DayView {
  readonly day: CalendarDay;
  readonly weekday: string;
  readonly label: string;
  /** Every post of the day. */
  readonly total: number;
  /** The ones on screen: the day's page, as far as drawn yet. */
  readonly posts: readonly PostView[];
  /** How many posts the day's page holds: the first ones, and more after "Show more". */
  readonly limit: number;
  readonly hidden: number;
  /** What "Show more" adds. */
  readonly more: number;
}

/**
 * The agency calendar: every client's posts by week or month, in the browser's time zone. Click a
 * post to edit it, an empty day (or its + button) to write one, drag a scheduled post to another
 * day to move it (same time of day). Drafts without a date are listed below.
 */
@Component({
  selector: 'atr-calendar-page',
  imports: [
    CalendarToolbarComponent,
    CdkDrag,
    CdkDropList,
    CdkDropListGroup,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    NoticeComponent,
    PostChipComponent,
    RelativeTimeComponent,
  ],
  templateUrl: './calendar.page.html',
  styleUrl: './calendar.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CalendarPage {
  private readonly postsApi = inject(PostsApi);
  private readonly socialApi = inject(SocialApi);
  private readonly clientsApi = inject(ClientsApi);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly timeZone = browserTimeZone();
  protected readonly view = signal<CalendarView>('week');
  private readonly anchor = signal(new Date());
  protected readonly clientFilter = signal<string | null>(null);
  protected readonly clients = signal<readonly ClientOption[]>([]);
  private readonly providers = signal<readonly SocialProviderInfo[]>([]);
  protected readonly posts = signal<LoadState<PostView[]>>({ status: 'loading' });
  protected readonly drafts = signal<LoadState<PostView[]>>({ status: 'loading' });
  /** Days whose "Show more" was used: how many posts they show now. */
  private readonly dayLimits = signal<ReadonlyMap<string, number>>(new Map());

  protected readonly range = computed(() => calendarRange(this.view(), this.anchor()));
  protected readonly periodLabel = computed(() => {
    const range = this.range();
    if (range.view === 'month') {
      return MONTH.format(this.anchor());
    }
    return WEEK_RANGE.formatRange(range.days[0].date, range.days[range.days.length - 1].date);
  });
  protected readonly monthView = computed(() => this.view() === 'month');
  protected readonly loadError = computed(() => {
    const state = this.posts();
    return state.status === 'error' ? state.error.message : null;
  });
  protected readonly draftList = computed(() => {
    const state = this.drafts();
    return state.status === 'ready' ? state.value : [];
  });
  protected readonly draftsError = computed(() => {
    const state = this.drafts();
    return state.status === 'error' ? state.error.message : '';
  });

  /** The period's posts by day, in time order: grouped once per answer, not again on "Show more". */
  private readonly byDay = computed(() => {
    const state = this.posts();
    const range = this.range();
    return bucketByInstant(
      state.status === 'ready' ? state.value : [],
      range.days.map((day) => day.date.getTime()),
      range.to.getTime(),
      instantOf,
    );
  });
  /** Day names depend on the period only. */
  private readonly dayHeads = computed(() =>
    this.range().days.map((day) => ({ day, weekday: WEEKDAY.format(day.date), label: DAY_LABEL.format(day.date) })),
  );
  /** Each day's page: its first posts, more after "Show more". */
  private readonly pages = computed(() => {
    const base = DAY_LIMIT[this.view()];
    const limits = this.dayLimits();
    const days = this.range().days;
    return this.byDay().map((posts, index) => dayPage(posts, limits.get(days[index].key) ?? base, SHOW_MORE_STEP));
  });
  /** Every load starts drawing afresh. */
  private readonly loads = signal(0);
  /** How many of each page's posts are on screen yet: they are drawn a few per frame. */
  private readonly drawn = drawInFrames(
    computed(() => this.pages().map((page) => page.shown.length)),
    this.loads,
    DRAGGABLE_POSTS_PER_FRAME,
  );
  protected readonly days = computed<DayView[]>(() => {
    const drawn = this.drawn();
    return this.dayHeads().map((head, index) => {
      const page = this.pages()[index];
      return {
        ...head,
        total: page.total,
        posts: page.shown.slice(0, drawn[index] ?? 0),
        limit: page.shown.length,
        hidden: page.hidden,
        more: page.more,
      };
    });
  });

  private loading: Subscription | null = null;
  private loadingDrafts: Subscription | null = null;

  protected readonly preview = preview;
  protected readonly targets = targetSummary;
  /** Only future days take a dropped post. */
  protected readonly canDrop = (_drag: CdkDrag, drop: CdkDropList<CalendarDay>) => !drop.data.isPast;

  constructor() {
    this.loadPosts();
    this.loadDrafts();
    this.clientsApi
      .listAll()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (clients) => this.clients.set(clients.map(({ id, name, permissions }) => ({ id, name, permissions }))),
        error: () => this.clients.set([]),
      });
    this.socialApi
      .providers()
      .pipe(
        catchError(() => of<SocialProviderInfo[]>([])),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((providers) => this.providers.set(providers));
    this.destroyRef.onDestroy(() => {
      this.loading?.unsubscribe();
      this.loadingDrafts?.unsubscribe();
    });
  }

  protected setView(view: CalendarView): void {
    if (view !== this.view()) {
      this.view.set(view);
      this.refresh();
    }
  }

  protected step(direction: -1 | 1): void {
    this.anchor.set(shiftAnchor(this.view(), this.anchor(), direction));
    this.refresh();
  }

  protected goToday(): void {
    this.anchor.set(new Date());
    this.refresh();
  }

  protected setClient(clientId: string | null): void {
    this.clientFilter.set(clientId);
    this.loadPosts();
    this.loadDrafts();
  }

  protected loadPosts(): void {
    this.loading?.unsubscribe();
    this.loads.update((count) => count + 1);
    const clientId = this.clientFilter() ?? undefined;
    // A crowded week comes a day at a time: thousands of posts in one answer are megabytes that the
    // browser would read in one long task, freezing the page; seven answers are read one by one.
    const pieces: Observable<PostView[]>[] = calendarPieces(this.range()).map(({ from, to }) =>
      this.postsApi.list({ from: from.toISOString(), to: to.toISOString(), clientId }).pipe(map((list) => list.items)),
    );
    this.loading = forkJoin(pieces)
      .pipe(
        map((lists) => lists.flat()),
        toLoadState,
      )
      .subscribe((state) => this.posts.set(state));
  }

  protected loadDrafts(): void {
    this.loadingDrafts?.unsubscribe();
    this.loadingDrafts = this.postsApi
      .list({ status: 'draft', clientId: this.clientFilter() ?? undefined })
      .pipe(
        map((list) => list.items),
        toLoadState,
      )
      .subscribe((state) => this.drafts.set(state));
  }

  protected showMore(cell: DayView): void {
    this.dayLimits.update((limits) => showMoreOn(limits, cell.day.key, cell.limit, SHOW_MORE_STEP));
  }

  protected compose(day?: CalendarDay): void {
    this.openEditor(null, day ? defaultTimeOn(day.date) : null);
  }

  protected openEditor(post: PostView | null, scheduledAt: Date | null = null): void {
    this.dialog
      .open<PostEditorDialogComponent, PostEditorData, PostEditorResult>(PostEditorDialogComponent, {
        ...DIALOG_SIZE,
        width: '600px',
        data: {
          post,
          scheduledAt,
          clientId: this.clientFilter(),
          clients: this.clients(),
          providers: this.providers(),
        },
      })
      .afterClosed()
      .subscribe((result) => {
        if (result) {
          this.apply(result);
        }
      });
  }

  /** A scheduled post dropped on another day keeps its time of day. */
  protected drop(event: CdkDragDrop<CalendarDay, CalendarDay, PostView>): void {
    const post = event.item.data;
    const target = event.container.data;
    if (event.previousContainer === event.container || post.status !== 'scheduled' || !post.scheduledAt) {
      return;
    }
    const moved = onDayAtTimeOf(target.date, new Date(post.scheduledAt));
    if (moved.getTime() <= Date.now()) {
      this.toast.show('A post cannot move into the past. Pick a later day.');
      return;
    }
    const optimistic: PostView = { ...post, scheduledAt: moved.toISOString() };
    this.replaceInRange(optimistic);
    this.postsApi.update(post.id, { scheduledAt: moved.toISOString() }).subscribe({
      next: (saved) => {
        this.replaceInRange(saved);
        this.toast.show(`Moved to ${fullDateTime(saved.scheduledAt ?? moved.toISOString())}.`);
      },
      error: (error: unknown) => {
        this.replaceInRange(post);
        this.toast.show(`The post was not moved. ${toApiError(error).message}`);
      },
    });
  }

  private refresh(): void {
    this.dayLimits.set(new Map());
    this.loadPosts();
  }

  private apply(result: PostEditorResult): void {
    if (result.kind === 'deleted') {
      this.removeEverywhere(result.postId);
      this.toast.show('Post deleted.');
      return;
    }
    const post = result.post;
    const matchesFilter = !this.clientFilter() || this.clientFilter() === post.clientId;
    const at = post.scheduledAt ? Date.parse(post.scheduledAt) : NaN;
    const range = this.range();
    const inRange = matchesFilter && at >= range.from.getTime() && at < range.to.getTime();
    this.posts.update((state) => upsert(state, post, inRange));
    this.drafts.update((state) => upsert(state, post, matchesFilter && post.status === 'draft'));
    this.toast.show(savedMessage(post));
  }

  private replaceInRange(post: PostView): void {
    this.posts.update((state) => upsert(state, post, true));
  }

  private removeEverywhere(postId: string): void {
    const remove = (state: LoadState<PostView[]>): LoadState<PostView[]> =>
      state.status === 'ready' ? { status: 'ready', value: state.value.filter((post) => post.id !== postId) } : state;
    this.posts.update(remove);
    this.drafts.update(remove);
  }
}

/** When a post shows on the calendar: its schedule, else when it went out (NaN without either). */
function instantOf(post: PostView): number {
  return Date.parse(post.scheduledAt ?? post.publishedAt ?? '');
}

/** Put the post in (replacing its old version) when `keep`, else take it out. */
function upsert(state: LoadState<PostView[]>, post: PostView, keep: boolean): LoadState<PostView[]> {
  if (state.status !== 'ready') {
    return state;
  }
  const others = state.value.filter((candidate) => candidate.id !== post.id);
  return { status: 'ready', value: keep ? [...others, post] : others };
}

/** 09:00 on the day; on today after 09:00, the next full hour. */
function defaultTimeOn(day: Date): Date {
  const nine = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 9, 0);
  const now = new Date();
  if (nine.getTime() > now.getTime()) {
    return nine;
  }
  const nextHour = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours() + 1, 0);
  return localDayKey(nextHour) === localDayKey(day) ? nextHour : nine;
}

function savedMessage(post: PostView): string {
  switch (post.status) {
    case 'draft':
      return 'Draft saved.';
    case 'scheduled':
      return post.scheduledAt ? `Scheduled for ${fullDateTime(post.scheduledAt)}.` : 'Post scheduled.';
    case 'cancelled':
      return 'Post cancelled. It will not be published.';
    default:
      return 'Post saved.';
  }
}
