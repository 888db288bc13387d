import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  InjectionToken,
  OnInit,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Params, Router, RouterLink } from '@angular/router';
import { WEB_PATHS, type Audience, type CompleteConnectResponse, type MeResponse } from '@atrium/shared';
import { Observable, firstValueFrom } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { protectedReturnUrl, resolveReturnUrl } from '../../../core/auth/return-url';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ToastService } from '../../../core/ui/toast.service';
import { SocialApi } from '../data-access/social.api';
import { PendingConnection, takePendingConnection } from '../oauth/pending-connection';
import { connectedMessage } from '../provider-ui';

/**
 * Sends the browser on to an agency's custom domain, replacing this page in the history (its
 * one-time answer is spent); replaced in tests.
 */
export const HANDBACK_REDIRECT = new InjectionToken<(url: string) => void>('HANDBACK_REDIRECT', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    return (url: string) => document.defaultView?.location.replace(url);
  },
});

interface BackLink {
  readonly path: string;
  readonly queryParams: Params | null;
  readonly label: string;
}

type View =
  | { readonly kind: 'working' }
  | { readonly kind: 'cancelled'; readonly detail: string; readonly back: BackLink }
  | { readonly kind: 'failed'; readonly message: string; readonly back: BackLink | null }
  | { readonly kind: 'signed-out'; readonly message: string; readonly returnUrl: string | null };

/** State the connect page reads to say what was just connected. */
export interface ConnectedNavigationState {
  readonly connected: readonly string[];
}

/** Where each audience manages its accounts. */
function accountsPageFor(audience: Audience): string {
  return audience === 'agency' ? WEB_PATHS.agencyAccounts : WEB_PATHS.portalAccounts;
}

function backLinkFor(pending: PendingConnection | null, me: MeResponse | null): BackLink {
  if (pending?.kind === 'connect_link') {
    return { path: pending.page, queryParams: { token: pending.token }, label: 'Back to the connect page' };
  }
  const audience: Audience | null =
    me?.audience ?? (pending ? (pending.kind === 'agency' ? 'agency' : 'client') : null);
  if (!audience) {
    return { path: '/', queryParams: null, label: 'Go to the home page' };
  }
  const path = resolveReturnUrl(pending?.returnUrl ?? accountsPageFor(audience), audience);
  return {
    path,
    queryParams: null,
    label: audience === 'agency' ? 'Back to social accounts' : 'Back to accounts',
  };
}

/**
 * `/oauth/callback`: where providers send the browser back after the consent screen. Finishes what
 * this tab started (see pending-connection.ts): a signed-in connection from the agency workspace or
 * the portal, or a connection through a Client Connect Link. The code is spent at once (it lives
 * seconds) and the page replaces itself in the history, so Back never replays it.
 *
 * Providers only ever return to APP_URL. A round trip begun on an agency's custom domain (its
 * session lives there) is handed back: the server keeps the provider's answer and names the
 * domain, and the page on that domain finishes with the one-time `code` alone (no `state`).
 */
@Component({
  selector: 'atr-oauth-callback-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, NoticeComponent],
  template: `
    @switch (view().kind) {
      @case ('working') {
        <div class="atr-auth-heading">
          <h1>Connecting your account</h1>
          <p>One moment while we finish with the platform.</p>
        </div>
        <div role="status">
          <mat-progress-bar mode="indeterminate" aria-label="Connecting your account" />
          <span class="atr-visually-hidden">Connecting your account…</span>
        </div>
      }
      @case ('cancelled') {
        @if (cancelled(); as state) {
          <section class="atr-stack" aria-labelledby="callback-title">
            <mat-icon class="state-icon" aria-hidden="true">block</mat-icon>
            <h1 id="callback-title">Connection cancelled</h1>
            <p>{{ state.detail }}</p>
            <a mat-flat-button [routerLink]="state.back.path" [queryParams]="state.back.queryParams">
              {{ state.back.label }}
            </a>
          </section>
        }
      }
      @case ('failed') {
        @if (failed(); as state) {
          <section class="atr-stack" aria-labelledby="callback-title">
            <h1 id="callback-title">We could not connect the account</h1>
            <atr-notice kind="error" [message]="state.message" />
            @if (state.back; as back) {
              <a mat-flat-button [routerLink]="back.path" [queryParams]="back.queryParams">Try again</a>
            }
          </section>
        }
      }
      @case ('signed-out') {
        @if (signedOut(); as state) {
          <section class="atr-stack" aria-labelledby="callback-title">
            <h1 id="callback-title">Sign in to connect accounts</h1>
            <atr-notice kind="warning" [message]="state.message" />
            <a
              mat-flat-button
              [routerLink]="paths.login"
              [queryParams]="state.returnUrl ? { returnUrl: state.returnUrl } : null"
              >Sign in</a
            >
          </section>
        }
      }
    }
  `,
  styles: `
    .state-icon {
      width: 48px;
      height: 48px;
      font-size: 48px;
      color: var(--mat-sys-primary);
    }
    h1 {
      font: var(--mat-sys-headline-small);
    }
    p {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OAuthCallbackPage implements OnInit {
  private readonly api = inject(SocialApi);
  private readonly auth = inject(AuthService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly handBack = inject(HANDBACK_REDIRECT);

  protected readonly paths = WEB_PATHS;
  protected readonly view = signal<View>({ kind: 'working' });

  ngOnInit(): void {
    void this.finish();
  }

  protected cancelled() {
    const view = this.view();
    return view.kind === 'cancelled' ? view : null;
  }

  protected failed() {
    const view = this.view();
    return view.kind === 'failed' ? view : null;
  }

  protected signedOut() {
    const view = this.view();
    return view.kind === 'signed-out' ? view : null;
  }

  private async finish(): Promise<void> {
    const query = this.route.snapshot.queryParamMap;
    const code = query.get('code');
    const state = query.get('state');
    const error = query.get('error');
    // Read (and forget) first, whatever the outcome: the entry is good for one callback.
    const pending = takePendingConnection(state);

    // Nothing was started in this tab on this address: perhaps on an agency's custom domain.
    if (state && !pending && (code || error) && (await this.handedBack(state, code, error))) {
      return;
    }

    if (error) {
      this.view.set({
        kind: 'cancelled',
        detail:
          error === 'access_denied'
            ? 'You did not allow access on the platform, so nothing was connected.'
            : `The platform stopped the connection: ${query.get('error_description') || error}. Nothing was connected.`,
        back: backLinkFor(pending, this.auth.me()),
      });
      return;
    }
    if (!code) {
      this.view.set({
        kind: 'failed',
        message:
          'This page is the last step of connecting an account, and the platform’s answer is missing. Start the connection again.',
        back: pending || this.auth.me() ? backLinkFor(pending, this.auth.me()) : null,
      });
      return;
    }
    if (pending?.kind === 'connect_link') {
      // Connect links begin and end on APP_URL (never handed back): without a state the server refuses.
      this.finishLink(pending, code, state ?? '');
      return;
    }

    // A full page load restores the session before the first navigation; if that could not reach
    // the server, one more try here before giving up.
    if (!this.auth.isSignedIn()) {
      await this.auth.restoreSession();
    }
    const me = this.auth.me();
    if (!me) {
      this.view.set(
        pending
          ? {
              kind: 'signed-out',
              message: 'Your session has ended, so the account was not connected. Sign in, then connect it again.',
              returnUrl: protectedReturnUrl(pending.returnUrl),
            }
          : {
              kind: 'signed-out',
              message:
                'We could not finish connecting: you are not signed in, or this browser did not start the connection. Start again from the page you came from.',
              returnUrl: null,
            },
      );
      return;
    }
    // Without a state, `code` is the one-time code of a hand-back to this custom domain.
    this.finishSignedIn(me, pending, state ? this.api.complete({ state, code }) : this.api.completeHandback({ code }));
  }

  /** Asks where to hand the round trip back to and goes there; false when it was not begun elsewhere. */
  private async handedBack(state: string, code: string | null, error: string | null): Promise<boolean> {
    try {
      const { url } = await firstValueFrom(this.api.handback(error ? { state, error } : { state, code: code ?? '' }));
      if (!isHttpsUrl(url)) {
        return false;
      }
      this.handBack(url);
      return true;
    } catch {
      return false;
    }
  }

  private finishSignedIn(
    me: MeResponse,
    pending: PendingConnection | null,
    completion: Observable<CompleteConnectResponse>,
  ): void {
    completion.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (result) => {
        void this.router.navigateByUrl(this.returnUrl(me, pending, result), { replaceUrl: true });
        this.toast.show(connectedMessage(result.accounts));
      },
      error: (error: unknown) =>
        this.view.set({ kind: 'failed', message: toApiError(error).message, back: backLinkFor(pending, me) }),
    });
  }

  private finishLink(pending: Extract<PendingConnection, { kind: 'connect_link' }>, code: string, state: string): void {
    this.api
      .linkComplete({ token: pending.token, binding: pending.binding, state, code })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          const navigationState: ConnectedNavigationState = {
            connected: result.accounts.map((account) => account.displayName),
          };
          void this.router.navigate([pending.page], {
            queryParams: { token: pending.token },
            replaceUrl: true,
            state: { ...navigationState },
          });
        },
        error: (error: unknown) =>
          this.view.set({ kind: 'failed', message: toApiError(error).message, back: backLinkFor(pending, null) }),
      });
  }

  /** Back where the person started, on their own side of the app only. */
  private returnUrl(me: MeResponse, pending: PendingConnection | null, result: CompleteConnectResponse): string {
    if (pending && pending.kind !== 'connect_link') {
      return resolveReturnUrl(pending.returnUrl, me.audience);
    }
    const started = result.returnTo === 'agency' ? WEB_PATHS.agencyAccounts : WEB_PATHS.portalAccounts;
    return resolveReturnUrl(started, me.audience);
  }
}

function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
