import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { REALTIME_EVENTS, WEB_PATHS, type ClientSummary, type ConversationView } from '@atrium/shared';
import { Subscription, debounceTime, filter, interval, map, merge } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { RelativeTimeComponent } from '../../../core/ui/relative-time.component';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { ClientsApi } from '../../clients/data-access/clients.api';
import { MessagesApi, type InboxQuery } from '../data-access/messages.api';
import { RealtimeService } from '../realtime/realtime.service';
import { UNREAD_POLL_MS } from '../realtime/unread.service';

/** Wide enough for the list and the conversation side by side. */
const WIDE_QUERY = '(min-width: 1100px)';
export const AGENCY_MESSAGES_PATH = WEB_PATHS.agencyMessages;

/**
 * The agency's inbox: every client's conversation, unread first, filtered by client, "assigned to
 * me" and unread. New messages, reads and assignments move rows and counts live (or within 30
 * seconds while the live connection is down).
 */
@Component({
  selector: 'atr-agency-inbox-page',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSelectModule,
    NoticeComponent,
    RelativeTimeComponent,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  providers: [OUTLINED_FIELDS],
  templateUrl: './agency-inbox.page.html',
  styleUrl: './agency-inbox.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgencyInboxPage {
  private readonly api = inject(MessagesApi);
  private readonly clientsApi = inject(ClientsApi);
  private readonly realtime = inject(RealtimeService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly path = AGENCY_MESSAGES_PATH;
  protected readonly wide = toSignal(
    inject(BreakpointObserver)
      .observe(WIDE_QUERY)
      .pipe(map((s) => s.matches)),
    {
      initialValue: false,
    },
  );
  /** A conversation is open (the child route). */
  protected readonly open = signal(false);

  protected readonly clientFilter = signal<string | null>(null);
  protected readonly assignedToMe = signal(false);
  protected readonly unreadOnly = signal(false);

  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly error = signal<string | null>(null);
  protected readonly conversations = signal<readonly ConversationView[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly clients = signal<readonly ClientSummary[]>([]);
  protected readonly filtered = computed(() => !!this.clientFilter() || this.assignedToMe() || this.unreadOnly());
  protected readonly filteredClientName = computed(
    () => this.clients().find((client) => client.id === this.clientFilter())?.name ?? null,
  );

  private request: Subscription | null = null;

  constructor() {
    this.clientsApi
      .listAll()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (clients) => this.clients.set([...clients].sort((a, b) => a.name.localeCompare(b.name))),
        error: () => undefined,
      });
    this.load();
    merge(
      this.realtime.on(REALTIME_EVENTS.message),
      this.realtime.on(REALTIME_EVENTS.read),
      this.realtime.on(REALTIME_EVENTS.conversation),
      this.realtime.on(REALTIME_EVENTS.unread),
      this.realtime.connects$,
      interval(UNREAD_POLL_MS).pipe(filter(() => !this.realtime.live())),
    )
      .pipe(debounceTime(500), takeUntilDestroyed())
      .subscribe(() => this.load(true));
  }

  /** The first page again; a quiet refresh keeps the list on screen. */
  protected load(quiet = false): void {
    this.request?.unsubscribe();
    if (!quiet) {
      this.status.set('loading');
    }
    this.request = this.api
      .inbox(this.query(null))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.conversations.set(page.conversations);
          this.nextCursor.set(page.nextCursor);
          this.status.set('ready');
          this.error.set(null);
        },
        error: (error: unknown) => {
          if (!quiet || this.status() !== 'ready') {
            this.error.set(toApiError(error).message);
            this.status.set('error');
          }
        },
      });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) {
      return;
    }
    this.loadingMore.set(true);
    this.api
      .inbox(this.query(cursor))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          const known = new Set(this.conversations().map((c) => c.clientId));
          this.conversations.update((list) => [...list, ...page.conversations.filter((c) => !known.has(c.clientId))]);
          this.nextCursor.set(page.nextCursor);
          this.loadingMore.set(false);
        },
        error: () => this.loadingMore.set(false),
      });
  }

  protected setClient(clientId: string | null): void {
    this.clientFilter.set(clientId);
    this.load();
  }

  protected setAssignedToMe(value: boolean): void {
    this.assignedToMe.set(value);
    this.load();
  }

  protected setUnreadOnly(value: boolean): void {
    this.unreadOnly.set(value);
    this.load();
  }

  protected clearFilters(): void {
    this.clientFilter.set(null);
    this.assignedToMe.set(false);
    this.unreadOnly.set(false);
    this.load();
  }

  protected startWith(clientId: string): void {
    void this.router.navigate([AGENCY_MESSAGES_PATH, clientId]);
  }

  protected rowLabel(conversation: ConversationView): string {
    const parts = [conversation.clientName];
    if (conversation.unread > 0) parts.push(`${conversation.unread} unread`);
    if (conversation.assignee) parts.push(`assigned to ${conversation.assignee.name}`);
    return parts.join(', ');
  }

  private query(cursor: string | null): InboxQuery {
    return {
      clientId: this.clientFilter(),
      assignedToMe: this.assignedToMe(),
      unread: this.unreadOnly(),
      cursor,
    };
  }
}
