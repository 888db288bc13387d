import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { OPEN_INVOICE_STATUSES, WEB_PATHS, type PortalOverviewResponse, type SocialAccountView } from '@atrium/shared';
import { Subscription, map } from 'rxjs';
import { ActiveClientService } from '../../../core/auth/active-client.service';
import { AuthService } from '../../../core/auth/auth.service';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { UserAvatarComponent } from '../../../core/ui/user-avatar.component';
import { PORTAL_MESSAGES_PATH, visiblePortalPages } from '../../../layouts/portal-shell/portal-pages';
import { UnreadService } from '../../messages/realtime/unread.service';
import { PortalBillingApi } from '../../billing/data-access/billing.api';
import { PortalContractsApi } from '../../contracts/data-access/contracts.api';
import { PortalReviewsApi } from '../../posts/data-access/portal-reviews.api';
import { SocialApi } from '../../social/data-access/social.api';
import { portalAttention, type ContractToSign } from '../attention';
import { PortalDashboardApi } from '../data-access/portal-dashboard.api';
import { LatestUploadsComponent } from '../components/latest-uploads.component';
import { UpcomingPostsComponent } from '../components/upcoming-posts.component';

/**
 * Portal home [003]: a welcome with the person's name and picture, what needs their attention
 * (contracts to sign, accounts to reconnect, an email change to confirm), the next scheduled posts and the latest
 * uploads, each as far as the client's permissions open them. The navigation is in the bar above;
 * nothing here repeats it.
 */
@Component({
  selector: 'atr-portal-dashboard-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    LatestUploadsComponent,
    NoticeComponent,
    UpcomingPostsComponent,
    UserAvatarComponent,
  ],
  templateUrl: './portal-dashboard.page.html',
  styleUrl: './portal-dashboard.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalDashboardPage {
  private readonly api = inject(PortalDashboardApi);
  private readonly socialApi = inject(SocialApi);
  private readonly reviewsApi = inject(PortalReviewsApi);
  private readonly contractsApi = inject(PortalContractsApi);
  private readonly billingApi = inject(PortalBillingApi);
  private readonly auth = inject(AuthService);
  private readonly activeClient = inject(ActiveClientService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<LoadState<PortalOverviewResponse>>({ status: 'loading' });
  /** The client's accounts, read only when the person may manage them. */
  protected readonly accountsState = signal<LoadState<SocialAccountView[]> | null>(null);
  protected readonly overview = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });
  protected readonly accountsError = computed(() => {
    const state = this.accountsState();
    return state?.status === 'error' ? state.error.message : '';
  });

  /** From the session first: it follows a name or picture change at once. */
  protected readonly name = computed(() => this.auth.me()?.name ?? this.overview()?.user.name ?? '');
  protected readonly avatarUrl = computed(() => this.auth.me()?.avatarUrl ?? null);
  protected readonly firstName = computed(() => {
    const name = this.name().trim();
    return name.split(/\s+/)[0] || name;
  });
  private readonly permissions = computed(
    () => this.overview()?.client.permissions ?? this.activeClient.client()?.permissions ?? [],
  );
  protected readonly canMessage = computed(() => this.permissions().includes('messages.use'));
  protected readonly messagesPath = PORTAL_MESSAGES_PATH;
  /** Kept current by the portal shell's unread badge. */
  private readonly unread = inject(UnreadService);
  protected readonly canManageAccounts = computed(() => this.permissions().includes('accounts.manage'));

  protected readonly canSeeCalendar = computed(() => this.permissions().includes('calendar.view'));
  protected readonly canUpload = computed(() => this.permissions().includes('media.upload'));
  /** Whether any page besides the dashboard is open to the person. */
  protected readonly hasAreas = computed(() => visiblePortalPages(this.permissions()).some((page) => page.permission));
  /** Posts waiting for the person's approval, read only when they may approve. */
  protected readonly reviewsState = signal<LoadState<number> | null>(null);
  protected readonly canReview = computed(() => this.permissions().includes('posts.approve'));
  protected readonly reviewsError = computed(() => {
    const state = this.reviewsState();
    return state?.status === 'error' ? state.error.message : '';
  });

  /** Contracts waiting for the person's signature, read only when they may sign. */
  protected readonly contractsState = signal<LoadState<ContractToSign[]> | null>(null);
  protected readonly canSign = computed(() => this.permissions().includes('contracts.sign'));
  protected readonly contractsError = computed(() => {
    const state = this.contractsState();
    return state?.status === 'error' ? state.error.message : '';
  });

  /** Invoices left to pay, read only when the person manages billing (client admins). */
  protected readonly invoicesState = signal<LoadState<{ open: number; overdue: number }> | null>(null);
  protected readonly canManageBilling = computed(() => this.permissions().includes('billing.manage'));
  protected readonly billingPath = WEB_PATHS.portalBilling;
  protected readonly invoicesError = computed(() => {
    const state = this.invoicesState();
    return state?.status === 'error' ? state.error.message : '';
  });

  protected readonly attention = computed(() => {
    const accounts = this.accountsState();
    const reviews = this.reviewsState();
    const contracts = this.contractsState();
    const invoices = this.invoicesState();
    return portalAttention({
      pendingEmail: this.auth.me()?.pendingEmail ?? null,
      accounts: accounts?.status === 'ready' ? accounts.value : null,
      toReview: reviews?.status === 'ready' ? reviews.value : null,
      toSign: contracts?.status === 'ready' ? contracts.value : null,
      unreadMessages: this.canMessage() ? this.unread.counts().messages : null,
      invoicesToPay: invoices?.status === 'ready' ? invoices.value : null,
    });
  });
  protected readonly checkingAccounts = computed(
    () =>
      this.accountsState()?.status === 'loading' ||
      this.reviewsState()?.status === 'loading' ||
      this.contractsState()?.status === 'loading' ||
      this.invoicesState()?.status === 'loading',
  );

  /** The other clients this person works with, when there are several. */
  protected readonly otherClients = computed(() => {
    const active = this.overview()?.client.id ?? this.activeClient.clientId();
    return (this.auth.me()?.clients ?? []).filter((client) => client.id !== active);
  });

  private accountsRequest: Subscription | null = null;
  private reviewsRequest: Subscription | null = null;
  private contractsRequest: Subscription | null = null;
  private invoicesRequest: Subscription | null = null;

  constructor() {
    this.load();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.api
      .overview()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
    this.loadAccounts();
    this.loadReviews();
    this.loadContracts();
    this.loadInvoices();
  }

  protected loadInvoices(): void {
    this.invoicesRequest?.unsubscribe();
    if (!this.canManageBilling()) {
      this.invoicesState.set(null);
      return;
    }
    this.invoicesRequest = this.billingApi
      .overview()
      .pipe(
        map(({ invoices }) => {
          const open = invoices.filter((invoice) => OPEN_INVOICE_STATUSES.includes(invoice.status));
          return { open: open.length, overdue: open.filter((invoice) => invoice.overdue).length };
        }),
        toLoadState,
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => this.invoicesState.set(state));
  }

  protected loadContracts(): void {
    this.contractsRequest?.unsubscribe();
    if (!this.canSign()) {
      this.contractsState.set(null);
      return;
    }
    this.contractsRequest = this.contractsApi
      .list()
      .pipe(
        map((list) => list.items.filter((item) => item.awaitingMe).map(({ id, title }) => ({ id, title }))),
        toLoadState,
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => this.contractsState.set(state));
  }

  protected loadReviews(): void {
    this.reviewsRequest?.unsubscribe();
    if (!this.canReview()) {
      this.reviewsState.set(null);
      return;
    }
    this.reviewsRequest = this.reviewsApi
      .list()
      .pipe(
        map((list) => list.items.filter((item) => item.approval.state === 'pending').length),
        toLoadState,
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => this.reviewsState.set(state));
  }

  protected loadAccounts(): void {
    this.accountsRequest?.unsubscribe();
    if (!this.canManageAccounts()) {
      this.accountsState.set(null);
      return;
    }
    this.accountsRequest = this.socialApi
      .portalAccounts()
      .pipe(
        map((list) => list.items),
        toLoadState,
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => this.accountsState.set(state));
  }

  protected renewAvatar(staleUrl: string): void {
    this.auth.renewAvatarUrl(staleUrl);
  }
}
