import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { MessageSide, MessageView } from '@atrium/shared';
import { AuthService } from '../../../core/auth/auth.service';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { fullDateTime } from '../../../core/ui/time';
import { ConversationStore } from '../data-access/conversation.store';
import type { ConversationBase } from '../data-access/messages.api';
import { buildTimeline, seenBy } from '../ui/timeline';
import { ComposerComponent } from './composer.component';
import { ConversationSearchComponent } from './conversation-search.component';
import { MessageItemComponent, type SideLabels } from './message-item.component';

/** Scrolled within this many pixels of the end counts as "at the newest message". */
const NEAR_BOTTOM_PX = 96;
/** Older messages load when the reader scrolls this close to the top. */
const NEAR_TOP_PX = 120;
/** How long the conversation must stay in view before it counts as read. */
const READ_AFTER_MS = 800;

/**
 * One conversation, for both sides: the newest message at the bottom and older ones loading as the
 * reader scrolls up (keeping their place), day separators, the "Unread messages" line, "Seen by"
 * under the last message of the reader's side, search, and the composer. It marks what the person
 * has seen as read while the tab is visible and focused (never in a "View as client" tab).
 *
 * The page provides the ConversationStore, so that its header can show what the conversation
 * knows (the client, the assignee).
 */
@Component({
  selector: 'atr-conversation',
  imports: [
    ComposerComponent,
    ConversationSearchComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MessageItemComponent,
    NoticeComponent,
  ],
  templateUrl: './conversation.component.html',
  styleUrl: './conversation.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(window:focus)': 'onAttention()',
    '(document:visibilitychange)': 'onAttention()',
  },
})
export class ConversationComponent {
  protected readonly store = inject(ConversationStore);
  private readonly auth = inject(AuthService);
  private readonly injector = inject(Injector);
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');

  readonly base = input.required<ConversationBase>();
  readonly clientId = input.required<string>();
  /** The reader's side: "Seen by" lists the other side. */
  readonly side = input.required<MessageSide>();
  readonly sides = input<SideLabels>({ client: 'Client', agency: 'Agency' });
  readonly allowNotes = input(false);
  readonly placeholder = input('Write a message');

  protected readonly meId = computed(() => this.auth.me()?.id ?? null);
  protected readonly timeZone = computed(() => this.auth.me()?.timezone ?? null);
  /** A "View as client" tab only looks: it neither writes nor marks anything read. */
  protected readonly readOnly = computed(() => !!this.auth.me()?.viewAs);
  protected readonly now = signal(Date.now());
  protected readonly highlighted = signal<string | null>(null);
  protected readonly revealNote = signal<string | null>(null);
  protected readonly timeline = computed(() =>
    buildTimeline(this.store.messages(), {
      meId: this.meId(),
      unreadAfterSeq: this.store.unreadAfterSeq(),
      timeZone: this.timeZone(),
      now: this.now(),
    }),
  );
  protected readonly seen = computed(() => seenBy(this.store.messages(), this.store.readers(), this.side()));

  private atBottom = true;
  private placed = false;
  private olderAnchor: { height: number; top: number } | null = null;
  private lastId: string | null = null;
  private readTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    effect(() => {
      const base = this.base();
      const clientId = this.clientId();
      untracked(() => {
        this.placed = false;
        this.lastId = null;
        this.store.open(base, clientId);
      });
    });
    effect(() => {
      const messages = this.store.messages();
      if (this.store.status() !== 'ready') {
        return;
      }
      untracked(() => afterNextRender({ write: () => this.placeScroll(messages) }, { injector: this.injector }));
    });
    effect(() => {
      this.store.lastSeq();
      this.store.conversation();
      untracked(() => this.scheduleRead());
    });
    const ticker = setInterval(() => this.now.set(Date.now()), 30_000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(ticker);
      if (this.readTimer) clearTimeout(this.readTimer);
    });
  }

  protected onScroll(): void {
    const element = this.scroller()?.nativeElement;
    if (!element) {
      return;
    }
    this.atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    if (element.scrollTop < NEAR_TOP_PX && this.placed) {
      this.loadOlder();
    }
    if (this.atBottom) {
      this.scheduleRead();
    }
  }

  protected loadOlder(): void {
    const element = this.scroller()?.nativeElement;
    if (this.store.olderBefore() === null || this.store.loadingOlder()) {
      return;
    }
    this.olderAnchor = element ? { height: element.scrollHeight, top: element.scrollTop } : null;
    this.store.loadOlder();
  }

  protected onAttention(): void {
    this.scheduleRead();
  }

  /** A search result: shown in place when it is loaded; otherwise its date says where it is. */
  protected reveal(message: MessageView): void {
    const element = document.getElementById(`message-${message.id}`);
    if (!element) {
      this.highlighted.set(null);
      this.revealNote.set(
        `That message is further up, from ${fullDateTime(message.createdAt, this.timeZone())}. Load older messages to see it in place.`,
      );
      return;
    }
    this.revealNote.set(null);
    this.highlighted.set(message.id);
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
  }

  protected seenFor(id: string): readonly string[] | null {
    const seen = this.seen();
    return seen?.messageId === id ? seen.names : null;
  }

  private placeScroll(messages: readonly MessageView[]): void {
    const element = this.scroller()?.nativeElement;
    if (!element) {
      return;
    }
    const last = messages[messages.length - 1]?.id ?? null;
    if (!this.placed) {
      this.placed = true;
      this.lastId = last;
      const marker = element.querySelector<HTMLElement>('.unread-line');
      if (marker) {
        element.scrollTop = Math.max(0, marker.offsetTop - element.offsetTop - 16);
      } else {
        element.scrollTop = element.scrollHeight;
      }
      this.atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
      return;
    }
    if (this.olderAnchor) {
      // Older messages went in above: keep the reader's place.
      element.scrollTop = element.scrollHeight - this.olderAnchor.height + this.olderAnchor.top;
      this.olderAnchor = null;
    }
    if (last !== this.lastId) {
      this.lastId = last;
      const newest = messages[messages.length - 1];
      if (this.atBottom || (newest && newest.author.id === this.meId())) {
        element.scrollTop = element.scrollHeight;
        this.atBottom = true;
      }
    }
  }

  private scheduleRead(): void {
    if (this.readTimer) {
      clearTimeout(this.readTimer);
    }
    this.readTimer = setTimeout(() => {
      this.readTimer = null;
      if (this.readOnly() || this.store.status() !== 'ready') {
        return;
      }
      if (document.visibilityState !== 'visible' || !document.hasFocus()) {
        return;
      }
      this.store.markRead(this.store.lastSeq());
    }, READ_AFTER_MS);
  }
}
