import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { SocialAccountView, SocialProviderInfo } from '@atrium/shared';
import { filter, map, switchMap } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { RelativeTimeComponent } from '../../../core/ui/relative-time.component';
import { ToastService } from '../../../core/ui/toast.service';
import { ClientOption, ClientsApi } from '../../clients/data-access/clients.api';
import { AccountAvatarComponent } from '../components/account-avatar.component';
import { AccountHealthComponent } from '../components/account-health.component';
import { SocialApi } from '../data-access/social.api';
import { ConnectFlowService } from '../oauth/connect-flow.service';
import { connectedViaLabel, handleLabel, providerIcon } from '../provider-ui';
import {
  ConnectAccountDialogComponent,
  ConnectAccountDialogData,
} from '../components/connect-account-dialog.component';

/** The filter: every account, the unassigned ones, or one client's. */
const ALL = '*';
const UNASSIGNED = '-';

/**
 * Social accounts (agency): every account the agency connected, whichever way; their health;
 * which client each belongs to; reconnect and disconnect.
 */
@Component({
  selector: 'atr-social-accounts-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    AccountAvatarComponent,
    AccountHealthComponent,
    NoticeComponent,
    RelativeTimeComponent,
  ],
  templateUrl: './social-accounts.page.html',
  styleUrl: './social-accounts.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SocialAccountsPage {
  private readonly api = inject(SocialApi);
  private readonly clientsApi = inject(ClientsApi);
  private readonly flow = inject(ConnectFlowService);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly ALL = ALL;
  protected readonly UNASSIGNED = UNASSIGNED;
  protected readonly state = signal<LoadState<SocialAccountView[]>>({ status: 'loading' });
  protected readonly providers = signal<LoadState<SocialProviderInfo[]>>({ status: 'loading' });
  protected readonly clients = signal<readonly ClientOption[]>([]);
  protected readonly clientsError = signal<string | null>(null);
  protected readonly filterValue = signal<string>(ALL);
  protected readonly actionError = signal<string | null>(null);
  /** Accounts with a request under way. */
  private readonly busyIds = signal<ReadonlySet<string>>(new Set());
  /** The client chosen in a row's select while its PATCH runs (reverted when it fails). */
  private readonly pendingClient = signal<ReadonlyMap<string, string | null>>(new Map());

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
  protected readonly visible = computed(() => {
    const chosen = this.filterValue();
    const accounts = this.accounts();
    if (chosen === ALL) {
      return accounts;
    }
    return accounts.filter((account) => (chosen === UNASSIGNED ? !account.clientId : account.clientId === chosen));
  });
  protected readonly filterLabel = computed(() => {
    const chosen = this.filterValue();
    if (chosen === UNASSIGNED) {
      return 'unassigned';
    }
    return this.clients().find((client) => client.id === chosen)?.name ?? 'this client';
  });

  protected readonly icon = providerIcon;
  protected readonly handle = handleLabel;
  protected readonly via = connectedViaLabel;

  constructor() {
    this.load();
    this.loadProviders();
    this.clientsApi
      .listAll()
      .pipe(
        map((clients) => clients.map(({ id, name }) => ({ id, name }))),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (clients) => this.clients.set(clients),
        error: (error: unknown) =>
          this.clientsError.set(
            `We could not load your clients, so accounts cannot be assigned now. ${toApiError(error).message}`,
          ),
      });
  }

  protected load(): void {
    this.api
      .accounts()
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

  protected isBusy(account: SocialAccountView): boolean {
    return this.busyIds().has(account.id);
  }

  protected clientValue(account: SocialAccountView): string | null {
    const pending = this.pendingClient();
    return pending.has(account.id) ? (pending.get(account.id) ?? null) : account.clientId;
  }

  /** The clients to offer in a row: the loaded ones, plus the account's own if the list missed it. */
  protected clientOptions(account: SocialAccountView): readonly ClientOption[] {
    const clients = this.clients();
    return account.clientId && account.clientName && !clients.some((client) => client.id === account.clientId)
      ? [...clients, { id: account.clientId, name: account.clientName }]
      : clients;
  }

  protected openConnect(provider: SocialProviderInfo): void {
    const chosen = this.filterValue();
    this.dialog.open<ConnectAccountDialogComponent, ConnectAccountDialogData>(ConnectAccountDialogComponent, {
      ...DIALOG_SIZE,
      data: {
        provider,
        clients: this.clients(),
        clientId: chosen === ALL || chosen === UNASSIGNED ? null : chosen,
        start: (clientId) => this.flow.startFromAgency(provider.id, clientId),
      },
    });
  }

  protected assign(account: SocialAccountView, clientId: string | null): void {
    if (clientId === account.clientId) {
      return;
    }
    this.actionError.set(null);
    this.pendingClient.update((pending) => new Map(pending).set(account.id, clientId));
    this.setBusy(account, true);
    this.api.assign(account.id, { clientId }).subscribe({
      next: (updated) => {
        this.settle(account);
        this.replace(updated);
        this.toast.show(
          updated.clientName
            ? `${updated.displayName} is now assigned to ${updated.clientName}.`
            : `${updated.displayName} is no longer assigned to a client.`,
        );
      },
      error: (error: unknown) => {
        this.settle(account);
        this.actionError.set(`${account.displayName} was not reassigned. ${toApiError(error).message}`);
      },
    });
  }

  protected reconnect(account: SocialAccountView): void {
    this.actionError.set(null);
    this.setBusy(account, true);
    this.flow.startFromAgency(account.provider, account.clientId).subscribe({
      // On success the browser leaves for the provider.
      error: (error: unknown) => {
        this.setBusy(account, false);
        this.actionError.set(`We could not start reconnecting ${account.displayName}. ${toApiError(error).message}`);
      },
    });
  }

  protected disconnect(account: SocialAccountView): void {
    this.actionError.set(null);
    confirmAction(this.dialog, {
      title: `Disconnect ${account.displayName}?`,
      message: `Atrium forgets this ${account.providerName} account and can no longer post to it:`,
      consequences: [
        'Posts scheduled to it will fail, with the reason shown in the calendar.',
        account.clientName
          ? `${account.clientName} no longer sees it in their portal.`
          : 'It is not assigned to any client.',
        'You can connect it again later.',
      ],
      confirmLabel: 'Disconnect',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.setBusy(account, true);
          return this.api.disconnect(account.id);
        }),
      )
      .subscribe({
        next: () => {
          this.setBusy(account, false);
          this.state.update((state) =>
            state.status === 'ready'
              ? { status: 'ready', value: state.value.filter((candidate) => candidate.id !== account.id) }
              : state,
          );
          this.toast.show(`${account.displayName} disconnected.`);
        },
        error: (error: unknown) => {
          this.setBusy(account, false);
          this.actionError.set(`${account.displayName} was not disconnected. ${toApiError(error).message}`);
        },
      });
  }

  private settle(account: SocialAccountView): void {
    this.setBusy(account, false);
    this.pendingClient.update((pending) => {
      const next = new Map(pending);
      next.delete(account.id);
      return next;
    });
  }

  private setBusy(account: SocialAccountView, busy: boolean): void {
    this.busyIds.update((ids) => {
      const next = new Set(ids);
      if (busy) {
        next.add(account.id);
      } else {
        next.delete(account.id);
      }
      return next;
    });
  }

  private replace(updated: SocialAccountView): void {
    this.state.update((state) =>
      state.status === 'ready'
        ? { status: 'ready', value: state.value.map((account) => (account.id === updated.id ? updated : account)) }
        : state,
    );
  }
}
