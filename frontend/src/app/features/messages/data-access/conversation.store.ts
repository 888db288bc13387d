import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  REALTIME_EVENTS,
  type ConversationReaderView,
  type ConversationView,
  type MessageKind,
  type MessageView,
  type RealtimeConversationEvent,
  type RealtimeReadEvent,
} from '@atrium/shared';
import {
  EMPTY,
  Observable,
  Subscription,
  catchError,
  concatMap,
  exhaustMap,
  filter,
  interval,
  map,
  merge,
  tap,
} from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { highestChange, mergeMessages, mergeReaders } from '../realtime/merge';
import { RealtimeService } from '../realtime/realtime.service';
import { UnreadService } from '../realtime/unread.service';
import { MessagesApi, type ConversationBase } from './messages.api';

/** While the live connection is down, the conversation asks for what changed this often. */
export const CHANGES_POLL_MS = 5000;

export type ConversationStatus = 'loading' | 'ready' | 'error';

/**
 * One open conversation: its messages (merged by id and `change`, so live events, polling and
 * catch-up never leave gaps or duplicates), who has read how far, and the actions on it. Provided
 * by the conversation component, so it lives exactly as long as the conversation is shown.
 */
@Injectable()
export class ConversationStore {
  private readonly api = inject(MessagesApi);
  private readonly realtime = inject(RealtimeService);
  private readonly unread = inject(UnreadService);
  private readonly destroyRef = inject(DestroyRef);

  private base: ConversationBase = '';
  private clientId = '';
  private cursor = 0;
  private subscriptions = new Subscription();
  /** Live events that came while the first page was loading, merged once it is there. */
  private early: MessageView[] = [];

  readonly status = signal<ConversationStatus>('loading');
  readonly error = signal<string | null>(null);
  readonly conversation = signal<ConversationView | null>(null);
  readonly messages = signal<readonly MessageView[]>([]);
  readonly readers = signal<readonly ConversationReaderView[]>([]);
  readonly olderBefore = signal<number | null>(null);
  readonly loadingOlder = signal(false);
  readonly olderError = signal<string | null>(null);
  /** Where the person had read up to when the conversation opened (the "Unread messages" line). */
  readonly unreadAfterSeq = signal<number | null>(null);
  readonly lastSeq = computed(() => {
    const messages = this.messages();
    return messages.length > 0 ? messages[messages.length - 1].seq : 0;
  });

  constructor() {
    this.destroyRef.onDestroy(() => this.subscriptions.unsubscribe());
  }

  /** Opens the conversation at `base` (the client's id filters the live events). */
  open(base: ConversationBase, clientId: string): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.base = base;
    this.clientId = clientId;
    this.cursor = 0;
    this.early = [];
    this.messages.set([]);
    this.readers.set([]);
    this.conversation.set(null);
    this.olderBefore.set(null);
    this.olderError.set(null);
    this.unreadAfterSeq.set(null);
    this.listen();
    this.load();
  }

  /** Reads the conversation again from scratch (the error state's "Try again"). */
  load(): void {
    this.status.set('loading');
    this.error.set(null);
    const base = this.base;
    this.subscriptions.add(
      // The conversation first: its `change` is the cursor, and anything written while the page
      // loads is newer than it, so the next catch-up brings it.
      this.api
        .conversation(base)
        .pipe(concatMap((conversation) => this.api.items(base, null).pipe(map((page) => ({ conversation, page })))))
        .subscribe({
          next: ({ conversation, page }) => {
            this.conversation.set(conversation);
            this.readers.set(conversation.readers);
            this.unreadAfterSeq.set(conversation.unread > 0 ? conversation.lastReadSeq : null);
            this.olderBefore.set(page.olderBefore);
            const loaded = mergeMessages([], page.messages);
            this.messages.set(mergeMessages(loaded, this.early, this.floor(loaded, page.olderBefore)));
            this.early = [];
            this.cursor = conversation.change;
            this.status.set('ready');
          },
          error: (error: unknown) => {
            this.error.set(toApiError(error).message);
            this.status.set('error');
          },
        }),
    );
  }

  loadOlder(): void {
    const before = this.olderBefore();
    if (before === null || this.loadingOlder()) {
      return;
    }
    this.loadingOlder.set(true);
    this.olderError.set(null);
    this.subscriptions.add(
      this.api.items(this.base, before).subscribe({
        next: (page) => {
          this.messages.update((messages) => mergeMessages(messages, page.messages));
          this.olderBefore.set(page.olderBefore);
          this.loadingOlder.set(false);
        },
        error: (error: unknown) => {
          this.olderError.set(toApiError(error).message);
          this.loadingOlder.set(false);
        },
      }),
    );
  }

  send(body: string, attachmentIds: string[], kind: MessageKind): Observable<MessageView> {
    return this.api
      .send(this.base, { body, attachmentIds: attachmentIds.length > 0 ? attachmentIds : undefined, kind })
      .pipe(tap((message) => this.take([message])));
  }

  edit(id: string, body: string): Observable<MessageView> {
    return this.api.edit(this.base, id, { body }).pipe(tap((message) => this.take([message])));
  }

  remove(message: MessageView): Observable<void> {
    return this.api.delete(this.base, message.id).pipe(
      tap((answer) => {
        // The server may answer the deleted message or nothing; the live event follows either way.
        this.take([answer ?? { ...message, body: '', attachments: [], deletedAt: new Date().toISOString() }]);
      }),
      map(() => undefined),
    );
  }

  search(q: string): Observable<MessageView[]> {
    return this.api.search(this.base, q).pipe(map((response) => response.messages));
  }

  /** The person has seen everything up to `seq` (never called in a read-only "View as client" tab). */
  markRead(seq: number): void {
    const conversation = this.conversation();
    if (!conversation || seq <= conversation.lastReadSeq) {
      return;
    }
    // Optimistic: two quick calls for the same position would otherwise both go out.
    this.conversation.set({ ...conversation, lastReadSeq: seq, unread: 0 });
    this.subscriptions.add(
      this.api.markRead(this.base, { seq }).subscribe({
        next: (view) => {
          this.conversation.update((current) => ({
            ...view,
            lastReadSeq: Math.max(view.lastReadSeq, current?.lastReadSeq ?? 0),
          }));
          this.readers.update((readers) => mergeReaders(readers, view.readers));
          this.unread.refresh();
        },
        error: () => {
          // Not read after all: the next visit (or the next message) tries again.
          this.conversation.update((current) =>
            current ? { ...current, lastReadSeq: conversation.lastReadSeq } : current,
          );
        },
      }),
    );
  }

  setAssignee(assignee: ConversationView['assignee']): void {
    this.conversation.update((conversation) => (conversation ? { ...conversation, assignee } : conversation));
  }

  /** What changed since the highest change seen: after a reconnection, and while polling. */
  catchUp(): Observable<void> {
    const since = this.cursor;
    return this.api.changes(this.base, since).pipe(
      map((changes) => {
        this.take(changes.messages);
        this.cursor = Math.max(this.cursor, changes.change);
        this.readers.update((readers) => mergeReaders(readers, changes.readers));
      }),
    );
  }

  private listen(): void {
    const mine = <T extends { clientId: string }>(source: Observable<T>) =>
      source.pipe(filter((event) => event.clientId === this.clientId));
    this.subscriptions.add(
      mine(this.realtime.on<MessageView>(REALTIME_EVENTS.message)).subscribe((message) => this.take([message])),
    );
    this.subscriptions.add(
      mine(this.realtime.on<RealtimeReadEvent>(REALTIME_EVENTS.read)).subscribe((event) =>
        this.readers.update((readers) => mergeReaders(readers, [event.reader])),
      ),
    );
    this.subscriptions.add(
      mine(this.realtime.on<RealtimeConversationEvent>(REALTIME_EVENTS.conversation)).subscribe((event) =>
        this.setAssignee(event.assignee),
      ),
    );
    this.subscriptions.add(
      merge(this.realtime.connects$, interval(CHANGES_POLL_MS).pipe(filter(() => !this.realtime.live())))
        .pipe(
          filter(() => this.status() === 'ready'),
          exhaustMap(() => this.catchUp().pipe(catchError(() => EMPTY))),
        )
        .subscribe({ error: () => undefined }),
    );
  }

  private take(incoming: readonly MessageView[]): void {
    if (incoming.length === 0) {
      return;
    }
    if (this.status() !== 'ready') {
      this.early.push(...incoming);
      return;
    }
    this.cursor = highestChange(this.cursor, incoming);
    this.messages.update((messages) => mergeMessages(messages, incoming, this.floor(messages, this.olderBefore())));
  }

  /** Older messages than the loaded ones are left for their page, unless there is no older page. */
  private floor(messages: readonly MessageView[], olderBefore: number | null): number | null {
    return olderBefore === null || messages.length === 0 ? null : messages[0].seq;
  }
}
