import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  WEB_PATHS,
  type AgencyDashboardResponse,
  type AgencyOverviewResponse,
  type BulkResult,
  type ClientRole,
  type InviteAvailability,
} from '@atrium/shared';
import { filter, finalize } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ToastService } from '../../../core/ui/toast.service';
import { ClientsApi } from '../../clients/data-access/clients.api';
import { InviteButtonComponent } from '../../members/components/invite-button.component';
import {
  InviteDialogComponent,
  InviteDialogData,
  InviteDialogResult,
} from '../../members/components/invite-dialog.component';
import { CLIENT_ROLE_OPTIONS, people } from '../../members/member-source';
import { OutstandingInvoicesComponent } from '../../billing/components/outstanding-invoices.component';
import { UnreadConversationsComponent } from '../../messages/components/unread-conversations.component';
import {
  SendLoginEmailDialogComponent,
  SendLoginEmailDialogData,
} from '../components/send-login-email-dialog.component';
import { SendMagicLinkDialogComponent, SendMagicLinkDialogData } from '../components/send-magic-link-dialog.component';
import { AgencyDashboardApi } from '../data-access/agency-dashboard.api';

interface CountTile {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly icon: string;
}

@Component({
  selector: 'atr-agency-dashboard-page',
  imports: [
    ClipboardModule,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    InviteButtonComponent,
    NoticeComponent,
    OutstandingInvoicesComponent,
    UnreadConversationsComponent,
  ],
  templateUrl: './agency-dashboard.page.html',
  styleUrl: './agency-dashboard.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgencyDashboardPage {
  private readonly api = inject(AgencyDashboardApi);
  private readonly clientsApi = inject(ClientsApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly paths = WEB_PATHS;
  protected readonly state = signal<LoadState<AgencyOverviewResponse>>({ status: 'loading' });
  protected readonly overview = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });
  /** Portal adoption and quick actions come from their own endpoint, loaded side by side. */
  protected readonly adoptionState = signal<LoadState<AgencyDashboardResponse>>({ status: 'loading' });
  protected readonly adoption = computed(() => {
    const state = this.adoptionState();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly adoptionError = computed(() => {
    const state = this.adoptionState();
    return state.status === 'error' ? state.error.message : '';
  });
  protected readonly me = this.auth.me;
  /** Known from the session at once, so the heading does not wait for the overview. */
  protected readonly agencyName = computed(() => this.overview()?.agency.name ?? this.me()?.agency.name ?? '');
  protected readonly firstName = computed(() => firstWord(this.me()?.name ?? ''));
  protected readonly portalUrl = computed(() => this.overview()?.portalUrl ?? this.adoption()?.portalUrl ?? null);
  protected readonly counts = computed<CountTile[]>(() => {
    const counts = this.overview()?.counts;
    return counts
      ? [
          { id: 'count-clients', label: 'Clients', value: counts.clients, icon: 'business_center' },
          { id: 'count-agency-users', label: 'Agency users', value: counts.agencyUsers, icon: 'badge' },
          { id: 'count-client-users', label: 'Client users', value: counts.clientUsers, icon: 'group' },
        ]
      : [];
  });
  protected readonly adoptionCounts = computed<CountTile[]>(() => {
    const totals = this.adoption()?.totals;
    return totals
      ? [
          { id: 'count-invited', label: 'Invited users', value: totals.invited, icon: 'outgoing_mail' },
          { id: 'count-joined', label: 'Joined users', value: totals.joined, icon: 'how_to_reg' },
        ]
      : [];
  });
  protected readonly hasClients = computed(() => (this.adoption()?.clients.length ?? 0) > 0);
  /** Copyable sign-in links are for owners and admins (the server refuses members). */
  protected readonly canCopyMagicLinks = computed(() => ['owner', 'admin'].includes(this.me()?.agencyRole ?? ''));
  /** Inviting also needs a client to invite to. */
  protected readonly inviteAvailability = computed<InviteAvailability | null>(() => {
    const adoption = this.adoption();
    if (!adoption) {
      return null;
    }
    return adoption.clients.length > 0
      ? adoption.invite
      : { allowed: false, reasons: [...adoption.invite.reasons, 'Create a client first.'] };
  });
  protected readonly ownerIsMe = computed(
    () => this.overview()?.owner.email.toLowerCase() === this.me()?.email.toLowerCase(),
  );

  /** Connections to renew and posts that did not go out, each with the page that fixes it. */
  protected readonly attention = computed(() => attentionItems(this.adoption()?.attention));

  protected readonly copied = signal<string | null>(null);
  protected readonly resending = signal(false);
  protected readonly resendNotice = signal<{ kind: 'info' | 'error'; text: string } | null>(null);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.api
      .overview()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
    this.loadAdoption();
  }

  protected loadAdoption(): void {
    this.api
      .dashboard()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => {
        // A refresh after an action keeps the numbers on screen instead of a spinner.
        if (state.status !== 'loading' || !this.adoption()) {
          this.adoptionState.set(state);
        }
      });
  }

  protected onCopied(success: boolean): void {
    this.copied.set(success ? 'Portal link copied.' : 'Could not copy. Select the link and copy it yourself.');
  }

  protected resend(email: string): void {
    if (this.resending()) {
      return;
    }
    this.resending.set(true);
    this.resendNotice.set(null);
    this.api
      .resendConfirmation(email)
      .pipe(finalize(() => this.resending.set(false)))
      .subscribe({
        next: (response) => this.resendNotice.set({ kind: 'info', text: response.message }),
        error: (error: unknown) => this.resendNotice.set({ kind: 'error', text: toApiError(error).message }),
      });
  }

  protected inviteClientUser(): void {
    const clients = this.adoption()?.clients ?? [];
    this.dialog
      .open<InviteDialogComponent, InviteDialogData, InviteDialogResult>(InviteDialogComponent, {
        ...DIALOG_SIZE,
        data: {
          title: 'Invite a client user',
          intro: 'They get an email with a link to set a password and join the client portal. It works for 7 days.',
          roles: CLIENT_ROLE_OPTIONS,
          clients,
          send: (request, clientId) =>
            this.clientsApi.invite(clientId ?? '', { ...request, role: request.role as ClientRole }),
        },
      })
      .afterClosed()
      .pipe(filter((result): result is InviteDialogResult => !!result))
      .subscribe((result) => {
        this.toast.show(`Invitation sent to ${result.email}.`);
        this.loadAdoption();
      });
  }

  protected sendMagicLink(): void {
    this.dialog.open<SendMagicLinkDialogComponent, SendMagicLinkDialogData>(SendMagicLinkDialogComponent, {
      ...DIALOG_SIZE,
      data: { clients: this.adoption()?.clients ?? [] },
    });
  }

  protected sendLoginEmails(): void {
    this.dialog
      .open<SendLoginEmailDialogComponent, SendLoginEmailDialogData, BulkResult>(SendLoginEmailDialogComponent, {
        ...DIALOG_SIZE,
        data: { clients: this.adoption()?.clients ?? [] },
      })
      .afterClosed()
      .pipe(filter((result): result is BulkResult => !!result))
      .subscribe((result) => {
        const skipped = result.skipped.length > 0 ? ` ${people(result.skipped.length)} skipped.` : '';
        this.toast.show(`Login email sent to ${people(result.done)}.${skipped}`);
      });
  }
}

function firstWord(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

interface AttentionItem {
  id: string;
  kind: 'warning' | 'error';
  message: string;
  action: string;
  link: string;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function attentionItems(attention: AgencyDashboardResponse['attention'] | undefined): AttentionItem[] {
  if (!attention) return [];
  const items: AttentionItem[] = [];
  if (attention.accountsNeedingReconnect > 0) {
    items.push({
      id: 'reconnect',
      kind: 'error',
      message: `${plural(attention.accountsNeedingReconnect, 'social account needs', 'social accounts need')} reconnecting; their posts cannot go out until then.`,
      action: 'Open social accounts',
      link: WEB_PATHS.agencyAccounts,
    });
  }
  if (attention.accountsExpiringSoon > 0) {
    items.push({
      id: 'expiring',
      kind: 'warning',
      message: `${plural(attention.accountsExpiringSoon, 'social account connection ends', 'social account connections end')} within a week. Reconnect to keep publishing.`,
      action: 'Open social accounts',
      link: WEB_PATHS.agencyAccounts,
    });
  }
  if (attention.failedPosts > 0) {
    items.push({
      id: 'failed',
      kind: 'warning',
      message: `${plural(attention.failedPosts, 'post', 'posts')} failed to publish in the last two weeks.`,
      action: 'Open the calendar',
      link: WEB_PATHS.agencyCalendar,
    });
  }
  return items;
}
