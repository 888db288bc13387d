import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { SocialAccountView, SocialProviderId, SocialProviderInfo } from '@atrium/shared';
import { filter, map, switchMap } from 'rxjs';
import { ActiveClientService } from '../../../core/auth/active-client.service';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ToastService } from '../../../core/ui/toast.service';
import { AccountAvatarComponent } from '../components/account-avatar.component';
import { AccountHealthComponent } from '../components/account-health.component';
import { SocialApi } from '../data-access/social.api';
import { ConnectFlowService } from '../oauth/connect-flow.service';
import { handleLabel, providerIcon } from '../provider-ui';

/**
 * Portal > Accounts [000] (accounts.manage): the active client's social accounts. Whatever is
 * connected here belongs to this client at once; removing disconnects it.
 */
@Component({
  selector: 'atr-portal-accounts-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    AccountAvatarComponent,
    AccountHealthComponent,
    NoticeComponent,
  ],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1>Accounts</h1>
          <p class="atr-muted">
            The social accounts {{ agencyName() }} posts to for {{ clientName() }}. You sign in on the platform; your
            password is never shared.
          </p>
        </div>
      </header>

      <atr-notice [message]="actionError()" kind="error" />

      <section class="connect" aria-labelledby="connect-title">
        <h2 id="connect-title" class="section-title">Connect an account</h2>
        @switch (providers().status) {
          @case ('loading') {
            <div role="status">
              <mat-progress-bar mode="indeterminate" aria-label="Loading platforms" />
              <span class="atr-visually-hidden">Loading platforms…</span>
            </div>
          }
          @case ('error') {
            <atr-notice kind="error" [message]="'We could not load the platforms. ' + providersError()">
              <button mat-stroked-button type="button" (click)="loadProviders()">Try again</button>
            </atr-notice>
          }
          @case ('ready') {
            <div class="providers">
              @for (provider of offered(); track provider.id) {
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="starting() !== null"
                  [attr.aria-busy]="starting() === provider.id ? 'true' : null"
                  (click)="connect(provider.id)"
                >
                  @if (starting() === provider.id) {
                    <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
                  } @else {
                    <mat-icon aria-hidden="true">{{ icon(provider.id) }}</mat-icon>
                  }
                  Connect {{ provider.name }}
                </button>
              } @empty {
                <p class="atr-muted">No platforms can be connected right now.</p>
              }
            </div>
          }
        }
      </section>

      <section aria-labelledby="accounts-title" class="atr-stack">
        <h2 id="accounts-title" class="section-title">Connected accounts</h2>
        @switch (state().status) {
          @case ('loading') {
            <div role="status">
              <mat-progress-bar mode="indeterminate" aria-label="Loading accounts" />
              <span class="atr-visually-hidden">Loading accounts…</span>
            </div>
          }
          @case ('error') {
            <atr-notice kind="error" [message]="'We could not load your accounts. ' + loadError()">
              <button mat-stroked-button type="button" (click)="load()">Try again</button>
            </atr-notice>
          }
          @case ('ready') {
            @if (accounts().length === 0) {
              <div class="empty">
                <mat-icon aria-hidden="true">share</mat-icon>
                <p>
                  No accounts yet. Connect the accounts {{ agencyName() }} should post to for {{ clientName() }}: pick
                  the platform above and sign in there.
                </p>
              </div>
            } @else {
              <ul class="accounts">
                @for (account of accounts(); track account.id) {
                  <li class="account" [class.is-busy]="busyId() === account.id">
                    <atr-account-avatar [name]="account.displayName" [avatarUrl]="account.avatarUrl" />
                    <div class="account__text">
                      <span class="account__name">{{ account.displayName }}</span>
                      <span class="account__meta">
                        <mat-icon aria-hidden="true">{{ icon(account.provider) }}</mat-icon>
                        {{ account.providerName }}
                        @if (account.handle) {
                          · {{ handle(account.handle) }}
                        }
                      </span>
                      <span class="account__health">
                        <atr-account-health [health]="account.health" [expiresAt]="account.expiresAt" />
                      </span>
                      @if (account.problem) {
                        <span class="problem">{{ account.problem }}</span>
                      }
                    </div>
                    <div class="account__actions">
                      @if (account.health !== 'connected') {
                        <button
                          mat-stroked-button
                          type="button"
                          [disabled]="starting() !== null || busyId() === account.id"
                          (click)="connect(account.provider)"
                        >
                          Reconnect<span class="atr-visually-hidden"> {{ account.displayName }}</span>
                        </button>
                      }
                      <button mat-button type="button" [disabled]="busyId() === account.id" (click)="remove(account)">
                        Remove<span class="atr-visually-hidden"> {{ account.displayName }}</span>
                      </button>
                    </div>
                  </li>
                }
              </ul>
            }
          }
        }
      </section>
    </div>
  `,
  styles: `
    .section-title {
      margin: 0 0 12px;
      font: var(--mat-sys-title-large);
    }
    .providers {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .providers button {
      min-height: 44px;
    }
    .providers mat-progress-spinner {
      display: inline-block;
      margin-right: 8px;
      vertical-align: middle;
      --mat-progress-spinner-active-indicator-color: currentColor;
    }
    .providers p {
      margin: 0;
    }
    .accounts {
      display: flex;
      flex-direction: column;
      gap: 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .account {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 16px;
      align-items: center;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
    }
    .account.is-busy {
      opacity: 0.6;
    }
    .account__text {
      display: flex;
      flex: 1 1 200px;
      flex-direction: column;
      align-items: flex-start;
      gap: 2px;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .account__name {
      font: var(--mat-sys-title-medium);
    }
    .account__meta {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 4px;
      align-items: center;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .account__meta mat-icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
    .account__health {
      margin-top: 4px;
    }
    .problem {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .account__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-left: auto;
    }
    .empty {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 16px;
      border: 1px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .empty mat-icon {
      flex: none;
    }
    .empty p {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalAccountsPage {
  private readonly api = inject(SocialApi);
  private readonly flow = inject(ConnectFlowService);
  private readonly auth = inject(AuthService);
  private readonly activeClient = inject(ActiveClientService);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<LoadState<SocialAccountView[]>>({ status: 'loading' });
  protected readonly providers = signal<LoadState<SocialProviderInfo[]>>({ status: 'loading' });
  protected readonly starting = signal<SocialProviderId | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);

  protected readonly agencyName = computed(() => this.auth.me()?.agency.name ?? 'Your agency');
  protected readonly clientName = computed(() => this.activeClient.client()?.name ?? 'you');
  protected readonly accounts = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : [];
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });
  protected readonly offered = computed(() => {
    const state = this.providers();
    return state.status === 'ready' ? state.value : [];
  });
  protected readonly providersError = computed(() => {
    const state = this.providers();
    return state.status === 'error' ? state.error.message : '';
  });
  protected readonly icon = providerIcon;
  protected readonly handle = handleLabel;

  constructor() {
    this.load();
    this.loadProviders();
  }

  protected load(): void {
    this.api
      .portalAccounts()
      .pipe(
        map((list) => list.items),
        toLoadState,
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected loadProviders(): void {
    this.api
      .providers()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.providers.set(state));
  }

  protected connect(provider: SocialProviderId): void {
    if (this.starting()) {
      return;
    }
    this.starting.set(provider);
    this.actionError.set(null);
    this.flow
      .startFromPortal(provider)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        // On success the browser leaves for the platform: the button stays busy until then.
        error: (error: unknown) => {
          this.starting.set(null);
          this.actionError.set(`We could not start the connection. ${toApiError(error).message}`);
        },
      });
  }

  protected remove(account: SocialAccountView): void {
    this.actionError.set(null);
    confirmAction(this.dialog, {
      title: `Remove ${account.displayName}?`,
      message: `${this.agencyName()} can no longer post to this ${account.providerName} account:`,
      consequences: ['Posts scheduled to it will not go out.', 'You can connect it again at any time.'],
      confirmLabel: 'Remove',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busyId.set(account.id);
          return this.api.portalRemove(account.id);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.busyId.set(null);
          this.state.update((state) =>
            state.status === 'ready'
              ? { status: 'ready', value: state.value.filter((candidate) => candidate.id !== account.id) }
              : state,
          );
          this.toast.show(`${account.displayName} removed.`);
        },
        error: (error: unknown) => {
          this.busyId.set(null);
          this.actionError.set(`${account.displayName} was not removed. ${toApiError(error).message}`);
        },
      });
  }
}
