import { HttpClient } from '@angular/common/http';
import { Injectable, Injector, inject, signal } from '@angular/core';
import { MESSAGES_PATHS, REALTIME_EVENTS, type UnreadSummaryResponse } from '@atrium/shared';
import {
  Observable,
  Subject,
  catchError,
  debounceTime,
  filter,
  interval,
  map,
  merge,
  of,
  startWith,
  switchMap,
  tap,
} from 'rxjs';
import { RealtimeService } from './realtime.service';

/** The unread counts are read again this often while the live connection is down. */
export const UNREAD_POLL_MS = 30_000;

export type UnreadAudience = 'portal' | 'agency';

/**
 * Unread messages for the navigation badge (portal and workspace). Kept tiny: the shells load it
 * with the navigation; everything else about messages is lazy. It reads the counts again when the
 * server hints (`unread`), when a message arrives, after a reconnection, when a page has just read
 * something, and every 30 seconds while the connection is down.
 */
@Injectable({ providedIn: 'root' })
export class UnreadService {
  private readonly http = inject(HttpClient);
  /** Resolved on first follow: pages that only read the counts never open a connection. */
  private readonly injector = inject(Injector);
  private readonly nudges = new Subject<void>();
  private readonly summary = signal<UnreadSummaryResponse>({ conversations: 0, messages: 0 });

  readonly messages = signal(0);
  readonly conversations = signal(0);
  readonly counts = this.summary.asReadonly();

  /** Follows the counts while subscribed (the shell holds the subscription). */
  follow(audience: UnreadAudience): Observable<UnreadSummaryResponse> {
    const realtime = this.injector.get(RealtimeService);
    const url = audience === 'portal' ? `${MESSAGES_PATHS.portal}/unread` : `${MESSAGES_PATHS.agency}/unread`;
    return merge(
      realtime.on(REALTIME_EVENTS.unread),
      realtime.on(REALTIME_EVENTS.message),
      realtime.on(REALTIME_EVENTS.read),
      realtime.connects$,
      this.nudges,
      interval(UNREAD_POLL_MS).pipe(filter(() => !realtime.live())),
    ).pipe(
      map(() => undefined),
      debounceTime(400),
      startWith(undefined),
      switchMap(() => this.http.get<UnreadSummaryResponse>(url).pipe(catchError(() => of(null)))),
      filter((summary): summary is UnreadSummaryResponse => summary !== null),
      tap((summary) => {
        this.summary.set(summary);
        this.messages.set(summary.messages);
        this.conversations.set(summary.conversations);
      }),
    );
  }

  /** A page read or wrote something: the badge should follow now, not at the next hint. */
  refresh(): void {
    this.nudges.next();
  }

  /** Nothing to show (signed out, or the page is not open to the person). */
  clear(): void {
    this.summary.set({ conversations: 0, messages: 0 });
    this.messages.set(0);
    this.conversations.set(0);
  }
}

/** "Messages, 3 unread" for the navigation's accessible name; the label alone when nothing is unread. */
export function unreadLabel(label: string, unread: number): string {
  return unread > 0 ? `${label}, ${unread} unread` : label;
}
