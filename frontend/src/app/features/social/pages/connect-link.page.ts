import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router } from '@angular/router';
import type { ConnectLinkPreview, SocialProviderInfo } from '@atrium/shared';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { fullDateTime } from '../../../core/ui/time';
import { SocialApi } from '../data-access/social.api';
import { ConnectFlowService } from '../oauth/connect-flow.service';
import { handleLabel, nameList, providerIcon } from '../provider-ui';
import type { ConnectedNavigationState } from './oauth-callback.page';

type View =
  | { readonly kind: 'missing' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ready'; readonly preview: ConnectLinkPreview };

function isConnectedState(value: unknown): value is ConnectedNavigationState {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { connected?: unknown }).connected) &&
    (value as { connected: unknown[] }).connected.every((name) => typeof name === 'string')
  );
}

/**
 * `/connect?token=…` [000][001]: a Client Connect Link. Someone at the client, without portal
 * access or an account, connects their social accounts; they land on that client. Opening the
 * page only reads the link; nothing happens before a Connect button is pressed.
 */
@Component({
  selector: 'atr-connect-link-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, MatProgressSpinnerModule, NoticeComponent],
  template: `
    @switch (view().kind) {
      @case ('missing') {
        <div class="atr-auth-heading"><h1>Connect your accounts</h1></div>
        <atr-notice
          kind="warning"
          message="This connect link is incomplete. Open the link you were sent again, or ask for a new one."
        />
      }
      @case ('loading') {
        <div class="atr-auth-heading"><h1>Connect your accounts</h1></div>
        <div role="status">
          <mat-progress-bar mode="indeterminate" aria-label="Opening the connect link" />
          <span class="atr-visually-hidden">Opening the connect link…</span>
        </div>
      }
      @case ('invalid') {
        <section class="atr-stack" aria-labelledby="connect-title">
          <mat-icon class="state-icon" aria-hidden="true">link_off</mat-icon>
          <h1 id="connect-title">This link no longer works</h1>
          <p>{{ invalidMessage() }}</p>
          <p class="atr-muted">
            Connect links work for a limited time and can be withdrawn. Ask the person who sent it to you for a new one.
          </p>
        </section>
      }
      @case ('failed') {
        <div class="atr-auth-heading"><h1>Connect your accounts</h1></div>
        <atr-notice kind="error" [message]="'We could not open this link. ' + failedMessage()">
          <button mat-stroked-button type="button" (click)="load()">Try again</button>
        </atr-notice>
      }
      @case ('ready') {
        @if (preview(); as link) {
          <div class="atr-auth-heading">
            <h1>{{ link.agencyName }} asks you to connect social accounts for {{ link.clientName }}</h1>
            <p>
              Choose a platform and sign in there. {{ link.agencyName }} can then post for {{ link.clientName }}; it
              never sees your password.
            </p>
          </div>

          <div class="atr-stack">
            <atr-notice kind="success" [message]="justConnected()" />
            <atr-notice kind="error" [message]="startError()" />

            @if (link.providers.length > 0) {
              <div class="providers" role="group" aria-label="Platforms">
                @for (provider of link.providers; track provider.id) {
                  <button
                    mat-stroked-button
                    type="button"
                    class="provider"
                    [disabled]="starting() !== null"
                    [attr.aria-busy]="starting() === provider.id ? 'true' : null"
                    (click)="connect(provider)"
                  >
                    @if (starting() === provider.id) {
                      <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
                    } @else {
                      <mat-icon aria-hidden="true">{{ icon(provider.id) }}</mat-icon>
                    }
                    Connect {{ provider.name }}
                  </button>
                }
              </div>
            } @else {
              <atr-notice kind="info" message="No platforms can be connected right now. Please try again later." />
            }

            <section aria-labelledby="connected-title">
              <h2 id="connected-title" class="section-title">Connected through this link</h2>
              @if (link.accounts.length > 0) {
                <ul class="accounts">
                  @for (account of link.accounts; track account.id) {
                    <li>
                      <mat-icon aria-hidden="true">{{ icon(account.provider) }}</mat-icon>
                      <span class="account__text">
                        <span class="account__name">{{ account.displayName }}</span>
                        <span class="atr-muted">
                          {{ account.providerName }}
                          @if (account.handle) {
                            · {{ handle(account.handle) }}
                          }
                        </span>
                      </span>
                    </li>
                  }
                </ul>
              } @else {
                <p class="atr-muted none">Nothing yet.</p>
              }
            </section>

            <p class="atr-muted expiry">
              <mat-icon aria-hidden="true">schedule</mat-icon>
              This link works until {{ expires() }}.
            </p>
          </div>
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
      overflow-wrap: anywhere;
    }
    p {
      margin: 0;
    }
    .providers {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .provider {
      min-height: 48px;
    }
    .provider mat-progress-spinner {
      display: inline-block;
      margin-right: 8px;
      vertical-align: middle;
      --mat-progress-spinner-active-indicator-color: currentColor;
    }
    .section-title {
      margin: 8px 0;
      font: var(--mat-sys-title-medium);
    }
    .accounts {
      display: flex;
      flex-direction: column;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .accounts li {
      display: flex;
      gap: 12px;
      align-items: center;
    }
    .account__text {
      display: flex;
      flex-direction: column;
      min-width: 0;
      overflow-wrap: anywhere;
      font: var(--mat-sys-body-medium);
    }
    .account__name {
      font: var(--mat-sys-title-small);
    }
    .none {
      font: var(--mat-sys-body-medium);
    }
    .expiry {
      display: flex;
      gap: 8px;
      align-items: center;
      font: var(--mat-sys-body-small);
    }
    .expiry mat-icon {
      flex: none;
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectLinkPage implements OnInit {
  private readonly flow = inject(ConnectFlowService);
  private readonly api = inject(SocialApi);
  private readonly destroyRef = inject(DestroyRef);
  /** This page's path (`/connect` or the agency's branded `/a/<slug>/connect`), to come back to. */
  private readonly page = inject(Router).url.split(/[?#]/)[0];

  readonly token = input<string | undefined>();

  protected readonly view = signal<View>({ kind: 'loading' });
  protected readonly starting = signal<string | null>(null);
  protected readonly startError = signal<string | null>(null);
  /** What the OAuth callback just connected, when it sent the person back here. */
  protected readonly justConnected = signal<string | null>(connectedNote(inject(Router)));
  protected readonly icon = providerIcon;
  protected readonly handle = handleLabel;

  protected readonly preview = computed(() => {
    const view = this.view();
    return view.kind === 'ready' ? view.preview : null;
  });
  protected readonly invalidMessage = computed(() => {
    const view = this.view();
    return view.kind === 'invalid' ? view.message : '';
  });
  protected readonly failedMessage = computed(() => {
    const view = this.view();
    return view.kind === 'failed' ? view.message : '';
  });
  protected readonly expires = computed(() => {
    const preview = this.preview();
    return preview ? fullDateTime(preview.expiresAt) : '';
  });

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    const token = this.token();
    if (!token) {
      this.view.set({ kind: 'missing' });
      return;
    }
    this.view.set({ kind: 'loading' });
    this.api
      .linkPreview(token)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (preview) => this.view.set({ kind: 'ready', preview }),
        error: (error: unknown) => {
          const apiError = toApiError(error);
          // A mangled token (validation error) reads like any other dead link.
          this.view.set(
            apiError.statusCode === 404 || apiError.statusCode === 400
              ? { kind: 'invalid', message: apiError.details?.length ? 'This link is not valid.' : apiError.message }
              : { kind: 'failed', message: apiError.message },
          );
        },
      });
  }

  protected connect(provider: SocialProviderInfo): void {
    const token = this.token();
    if (!token || this.starting()) {
      return;
    }
    this.starting.set(provider.id);
    this.startError.set(null);
    this.justConnected.set(null);
    this.flow
      .startFromLink(token, provider.id, this.page)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        // On success the browser is leaving: the button stays busy until it has.
        error: (error: unknown) => {
          this.starting.set(null);
          const apiError = toApiError(error);
          if (apiError.statusCode === 404) {
            this.view.set({ kind: 'invalid', message: apiError.message });
          } else {
            this.startError.set(apiError.message);
          }
        },
      });
  }
}

function connectedNote(router: Router): string | null {
  const state: unknown = router.currentNavigation()?.extras.state;
  if (!isConnectedState(state)) {
    return null;
  }
  return state.connected.length > 0
    ? `Connected ${nameList(state.connected)}. You can connect more accounts, or close this page.`
    : 'The platform did not share any account. Try again, or choose another platform.';
}
