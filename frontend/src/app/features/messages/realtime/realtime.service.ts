import { Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { REALTIME_PATH } from '@atrium/shared';
import { Observable, Subject, defer, filter, firstValueFrom, map } from 'rxjs';
import type { Socket } from 'socket.io-client';
import { ActiveClientService } from '../../../core/auth/active-client.service';
import { AuthService } from '../../../core/auth/auth.service';

/** off: nobody asked yet (or signed out); live: connected; down: pages poll until it is back. */
export type RealtimeStatus = 'off' | 'connecting' | 'live' | 'down';

/** After the server refused the socket (an expired token, say): the first retry, then up to the last. */
const RETRY_DELAYS_MS = [1000, 5000, 15_000, 30_000];
/** A token that ends sooner than this is renewed before it is sent. */
const TOKEN_MARGIN_MS = 30_000;

/**
 * The tab's one live connection (socket.io), opened the first time a page or the unread badge
 * listens, with the current access token (renewed first when it is about to run out) and, for
 * client users, the active client. It follows the session: a new active client reconnects, a
 * sign-out closes it. socket.io-client itself is loaded on first use, so it stays out of the
 * initial bundle.
 *
 * Pages never rely on it alone: while `live()` is false they poll, and every (re)connection is
 * announced on `connects$` so they catch up with one `changes?since=` call.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService {
  private readonly auth = inject(AuthService);
  private readonly activeClient = inject(ActiveClientService);
  private readonly state = signal<RealtimeStatus>('off');
  private readonly events = new Subject<{ readonly name: string; readonly payload: unknown }>();
  private readonly connected = new Subject<void>();
  private socket: Socket | null = null;
  private starting: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retries = 0;
  private forceRefresh = false;
  private generation = 0;

  readonly status = this.state.asReadonly();
  readonly live = computed(() => this.state() === 'live');
  /** Every successful (re)connection: time to catch up on what happened while away. */
  readonly connects$: Observable<void> = this.connected.asObservable();

  constructor() {
    let lastClient: string | null | undefined;
    effect(() => {
      const signedIn = this.auth.isSignedIn();
      const clientId = this.activeClient.clientId();
      untracked(() => {
        if (!signedIn) {
          this.stop();
        } else if (lastClient !== undefined && clientId !== lastClient && this.socket) {
          // The server decides what a socket receives from the client it was opened for.
          this.reconnectNow();
        }
        lastClient = clientId;
      });
    });
  }

  /** The payloads of one event (REALTIME_EVENTS); subscribing opens the connection if need be. */
  on<T>(event: string): Observable<T> {
    return defer(() => {
      this.start();
      return this.events.pipe(
        filter((received) => received.name === event),
        map((received) => received.payload as T),
      );
    });
  }

  start(): void {
    if (this.socket || this.starting || !this.auth.isSignedIn()) {
      return;
    }
    const generation = this.generation;
    this.state.set('connecting');
    this.starting = import('socket.io-client')
      .then(({ io }) => {
        if (generation !== this.generation || !this.auth.isSignedIn()) {
          return;
        }
        const socket = io({
          path: REALTIME_PATH,
          // WebSocket only: long-polling would need sticky sessions across backend instances, and
          // when WebSocket cannot get through, the pages poll the REST API instead.
          transports: ['websocket'],
          auth: (callback) => {
            void this.handshake().then(callback);
          },
        });
        socket.on('connect', () => {
          this.retries = 0;
          this.state.set('live');
          this.connected.next();
        });
        socket.on('connect_error', () => {
          this.state.set('down');
          // Refused by the server (not a network error): socket.io will not try again on its own.
          if (!socket.active) {
            this.forceRefresh = true;
            this.retryLater();
          }
        });
        socket.on('disconnect', (reason) => {
          this.state.set('down');
          if (reason === 'io server disconnect') {
            // The server ended it (a token that ran out, changed access): come back with a fresh token.
            this.forceRefresh = true;
            this.retryLater();
          }
        });
        socket.onAny((name: string, payload: unknown) => this.events.next({ name, payload }));
        this.socket = socket;
      })
      .catch(() => {
        this.state.set('down');
      })
      .finally(() => {
        this.starting = null;
      });
  }

  /** Closes the connection (sign-out); the next listener opens a new one. */
  stop(): void {
    this.generation++;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.retries = 0;
    this.state.set('off');
  }

  private reconnectNow(): void {
    const socket = this.socket;
    if (!socket) {
      return;
    }
    socket.disconnect();
    this.state.set('connecting');
    socket.connect();
  }

  private retryLater(): void {
    if (this.retryTimer) {
      return;
    }
    const delay = RETRY_DELAYS_MS[Math.min(this.retries, RETRY_DELAYS_MS.length - 1)];
    this.retries++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.socket && !this.socket.connected && this.auth.isSignedIn()) {
        this.socket.connect();
      }
    }, delay);
  }

  /** What the server checks on every (re)connection: a token that is still good, and the client. */
  private async handshake(): Promise<{ token: string | null; clientId?: string }> {
    let token = this.auth.accessToken();
    if (!this.auth.isViewAs() && (this.forceRefresh || !token || expiresSoon(token))) {
      this.forceRefresh = false;
      try {
        await firstValueFrom(this.auth.refresh());
      } catch {
        // Unreachable: the socket fails to connect and pages keep polling until it is back.
      }
      token = this.auth.accessToken();
    }
    const clientId = this.auth.me()?.audience === 'client' ? this.activeClient.clientId() : null;
    return clientId ? { token, clientId } : { token };
  }
}

/** Whether a JWT's `exp` is within the margin (an unreadable token is left to the server to judge). */
export function expiresSoon(token: string, now: number = Date.now()): boolean {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' && json.exp * 1000 - now < TOKEN_MARGIN_MS;
  } catch {
    return false;
  }
}
