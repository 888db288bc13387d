import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import {
  AUTH_PATHS,
  INVITATION_PATHS,
  TWO_FACTOR_PATHS,
  VIEW_AS_PATHS,
  WEB_PATHS,
  isTwoFactorChallenge,
  type AcceptInvitationRequest,
  type LoginRequest,
  type MeResponse,
  type RecoveryCodesResponse,
  type SessionResponse,
  type SignInResponse,
  type TokenRequest,
  type TwoFactorChallengeResponse,
  type TwoFactorEnrolFinishRequest,
  type TwoFactorEnrolledSessionResponse,
  type TwoFactorVerifyRequest,
} from '@atrium/shared';
import {
  Observable,
  catchError,
  defer,
  finalize,
  firstValueFrom,
  from,
  map,
  of,
  shareReplay,
  tap,
  throwError,
  timeout,
} from 'rxjs';
import { homeFor } from './return-url';
import { captureViewAsToken, forgetViewAsToken, storedViewAsToken, tabStorage } from './view-as-token';

interface Session {
  readonly accessToken: string;
  readonly me: MeResponse;
}

/**
 * How a sign-in ends: signed in, or with a second step to take first (a code from the
 * authenticator app, or setting two-step verification up when the agency requires it).
 */
export type SignInOutcome =
  | { readonly kind: 'signed-in'; readonly me: MeResponse }
  | { readonly kind: 'two-factor'; readonly challenge: TwoFactorChallengeResponse };

/** A sign-in finished by setting two-step verification up: the user, and the recovery codes to keep. */
export interface EnrolledSignIn extends RecoveryCodesResponse {
  readonly me: MeResponse;
}

/**
 * How long the refresh waits before each new try while the server answers 503 (its database is
 * briefly away): about seven seconds in all, a little longer than the `Retry-After` it sends.
 * Tests make them zero.
 */
export const REFRESH_RETRY_DELAYS_MS = new InjectionToken<readonly number[]>('REFRESH_RETRY_DELAYS_MS', {
  providedIn: 'root',
  factory: () => [1000, 2000, 4000],
});

/** A 503 says "not now", never "not you": the session stays and the call is tried again. */
export function isRetryLater(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 503;
}

/** Name of the Web Lock that serialises refreshes across the tabs of one browser. */
const REFRESH_LOCK = 'atrium-auth-refresh';
const RESTORE_TIMEOUT_MS = 10_000;

/**
 * The signed-in session. The access token and the user live in memory only (never in
 * localStorage); a reload restores them through the httpOnly refresh cookie.
 *
 * A "View as client" tab is different: it holds the view's own read-only token (sessionStorage,
 * this tab only) and never uses the refresh cookie, which belongs to the agency user's session in
 * their other tabs: it neither refreshes nor signs out on the server.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly session = signal<Session | null>(null);
  private refreshInFlight: Observable<boolean> | null = null;
  private avatarRenewedFor: string | null = null;
  private readonly viewToken = signal<string | null>(null);
  private readonly retryDelaysMs = inject(REFRESH_RETRY_DELAYS_MS);

  readonly accessToken = computed(() => this.session()?.accessToken ?? null);
  readonly me = computed(() => this.session()?.me ?? null);
  readonly isSignedIn = computed(() => this.session() !== null);
  /** This tab shows a client's portal to an agency user ("View as client"), with this token. */
  readonly viewAsToken = this.viewToken.asReadonly();
  readonly isViewAs = computed(() => this.viewToken() !== null);
  /** The user's home (`/app` or `/portal`), or the sign-in page when signed out. */
  readonly homeUrl = computed(() => {
    const me = this.me();
    return me ? homeFor(me.audience) : WEB_PATHS.login;
  });

  login(credentials: LoginRequest): Observable<SignInOutcome> {
    return this.startSession(AUTH_PATHS.login, credentials);
  }

  /** Accepting an invitation signs the person in, exactly like a sign-in. */
  acceptInvitation(body: AcceptInvitationRequest): Observable<SignInOutcome> {
    return this.startSession(INVITATION_PATHS.accept, body);
  }

  /** Spends a one-time sign-in link (only ever on an explicit click: mail scanners prefetch links). */
  signInWithMagicLink(body: TokenRequest): Observable<SignInOutcome> {
    return this.startSession(AUTH_PATHS.magicLink, body);
  }

  /** The second step of a sign-in: a code from the authenticator app, or a recovery code. */
  verifyTwoFactor(body: TwoFactorVerifyRequest): Observable<MeResponse> {
    return this.http.post<SessionResponse>(TWO_FACTOR_PATHS.verify, body, { withCredentials: true }).pipe(
      tap((session) => this.setSession(session)),
      map((session) => session.me),
    );
  }

  /** Ends a sign-in that had to set two-step verification up: the first code opens the session. */
  finishTwoFactorEnrolment(body: TwoFactorEnrolFinishRequest): Observable<EnrolledSignIn> {
    return this.http
      .post<TwoFactorEnrolledSessionResponse>(TWO_FACTOR_PATHS.enrolFinish, body, { withCredentials: true })
      .pipe(
        tap((session) => this.setSession(session)),
        map((session) => ({ me: session.me, recoveryCodes: session.recoveryCodes })),
      );
  }

  /**
   * Trades the refresh cookie for a new access token. Concurrent callers share ONE request: the
   * server rotates the cookie on every refresh and treats a second use of the old one as token
   * theft, which would end the session.
   *
   * Emits true when the session was renewed and false when the server refused it (the local
   * session is then cleared). A 503 (the server's database briefly away) is tried again a few
   * times with growing waits. Errors when the server could not be reached or stayed unavailable,
   * leaving the session as it was: a network blip or an outage is not a sign-out.
   */
  refresh(): Observable<boolean> {
    if (this.isViewAs()) {
      // A view cannot be renewed; the refresh cookie is the agency user's own session, not this tab's.
      this.endViewAs();
      return of(false);
    }
    this.refreshInFlight ??= defer(() => from(this.exclusive(() => this.requestRefresh()))).pipe(
      map((session) => {
        this.setSession(session);
        return true;
      }),
      catchError((error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status >= 400 && error.status < 500) {
          this.clearSession();
          return of(false);
        }
        return throwError(() => error);
      }),
      finalize(() => {
        this.refreshInFlight = null;
      }),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshInFlight;
  }

  /** Run once at start-up so that a reload keeps the session. Never rejects. */
  restoreSession(): Promise<void> {
    const storage = tabStorage();
    const viewToken = captureViewAsToken(window, storage) ?? storedViewAsToken(storage);
    if (viewToken) {
      return this.openViewAs(viewToken);
    }
    return firstValueFrom(
      this.refresh().pipe(
        timeout(RESTORE_TIMEOUT_MS),
        map(() => undefined),
        catchError(() => of(undefined)),
      ),
    );
  }

  /** Signs out on the server (clears the cookie) and locally; local state goes whatever happens. */
  logout(): Observable<void> {
    if (this.isViewAs()) {
      // Signing out of a view ends the view; the agency user stays signed in everywhere else.
      this.endViewAs();
      return of(undefined);
    }
    return this.http.post<void>(AUTH_PATHS.logout, null, { withCredentials: true }).pipe(
      catchError(() => of(undefined)),
      // Cleared before anyone hears about it, so a navigation to /login sees a signed-out user.
      map(() => this.clearSession()),
    );
  }

  /** Re-reads the user (for instance after the email was confirmed). */
  reloadMe(): Observable<MeResponse> {
    return this.http.get<MeResponse>(AUTH_PATHS.me).pipe(tap((me) => this.setMe(me)));
  }

  /**
   * Takes the user as an API call answered it (a profile or picture change), so every page that
   * reads `me` (the user menu, the portal calendar's timezone) follows at once.
   */
  setMe(me: MeResponse): void {
    const current = this.session();
    if (current) {
      this.session.set({ ...current, me });
    }
  }

  /**
   * The avatar URL is signed and lives about 15 minutes: an <img> that can no longer load it asks
   * for a fresh one, once per URL (a picture that fails for another reason must not loop).
   */
  renewAvatarUrl(staleUrl: string): void {
    if (this.me()?.avatarUrl !== staleUrl || this.avatarRenewedFor === staleUrl) {
      return;
    }
    this.avatarRenewedFor = staleUrl;
    this.reloadMe().subscribe({ error: () => undefined });
  }

  clearSession(): void {
    this.session.set(null);
  }

  /** Ends the view this tab shows: its token is forgotten here, and nothing else changes. */
  endViewAs(): void {
    forgetViewAsToken(tabStorage());
    this.viewToken.set(null);
    this.session.set(null);
  }

  /**
   * Starts this tab on a view's token. A token the server no longer takes (the view ran out, or the
   * agency user who opened it left) leaves the tab on the "view ended" page.
   */
  private async openViewAs(token: string): Promise<void> {
    this.viewToken.set(token);
    try {
      const me = await firstValueFrom(this.http.get<MeResponse>(AUTH_PATHS.me).pipe(timeout(RESTORE_TIMEOUT_MS)));
      this.session.set({ accessToken: token, me });
    } catch {
      this.endViewAs();
      window.history.replaceState(null, '', VIEW_AS_PATHS.ended);
    }
  }

  /**
   * Every way of signing in answers a SessionResponse (and sets the refresh cookie), or, when a
   * second factor is needed, a challenge: no session until the second step is done.
   */
  private startSession(url: string, body: unknown): Observable<SignInOutcome> {
    return this.http.post<SignInResponse>(url, body, { withCredentials: true }).pipe(
      map((response): SignInOutcome => {
        if (isTwoFactorChallenge(response)) {
          return { kind: 'two-factor', challenge: response };
        }
        this.setSession(response);
        return { kind: 'signed-in', me: response.me };
      }),
    );
  }

  private setSession(session: SessionResponse): void {
    this.session.set({ accessToken: session.accessToken, me: session.me });
  }

  private async requestRefresh(): Promise<SessionResponse> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await firstValueFrom(
          this.http.post<SessionResponse>(AUTH_PATHS.refresh, null, { withCredentials: true }),
        );
      } catch (error) {
        // The server kept the cookie (a 503 is never a rotation), so sending it again is safe.
        if (!isRetryLater(error) || attempt >= this.retryDelaysMs.length) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.retryDelaysMs[attempt]));
      }
    }
  }

  /**
   * Two tabs refreshing at the same moment would send the same cookie twice. Where the browser
   * has Web Locks, refreshes take turns, so the second tab sends the already rotated cookie.
   */
  private async exclusive<T>(task: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks ? await locks.request(REFRESH_LOCK, task) : task();
  }
}
