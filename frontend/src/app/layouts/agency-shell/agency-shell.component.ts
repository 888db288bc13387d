import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { WEB_PATHS } from '@atrium/shared';
import { map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { UnreadService, unreadLabel } from '../../features/messages/realtime/unread.service';
import { skipToMain } from '../skip-link';
import { UserMenuComponent } from '../user-menu/user-menu.component';

/** Side navigation is pushed aside (an overlay) below this width. */
const COMPACT_QUERY = '(max-width: 839.98px)';

interface NavItem {
  readonly label: string;
  readonly icon: string;
  readonly link: string;
  readonly exact: boolean;
  /** Shows the unread messages count. */
  readonly unread?: boolean;
}

/** The agency workspace frame: toolbar, side navigation, and the page. */
@Component({
  selector: 'atr-agency-shell',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatListModule,
    MatSidenavModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    UserMenuComponent,
  ],
  templateUrl: './agency-shell.component.html',
  styleUrl: './agency-shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgencyShellComponent {
  private readonly auth = inject(AuthService);
  private readonly breakpoints = inject(BreakpointObserver);
  private readonly drawer = viewChild.required<MatSidenav>('drawer');
  private readonly unread = inject(UnreadService);
  protected readonly unreadMessages = computed(() => this.unread.counts().messages);

  protected readonly compact = toSignal(this.breakpoints.observe(COMPACT_QUERY).pipe(map((state) => state.matches)), {
    initialValue: this.breakpoints.isMatched(COMPACT_QUERY),
  });
  protected readonly agencyName = computed(() => this.auth.me()?.agency.name ?? 'Atrium');
  /** Only navigation that leads somewhere real; features add their entry when they land. */
  protected readonly nav = computed<readonly NavItem[]>(() => {
    const role = this.auth.me()?.agencyRole;
    return [
      { label: 'Dashboard', icon: 'dashboard', link: WEB_PATHS.agencyHome, exact: true },
      { label: 'Calendar', icon: 'calendar_month', link: WEB_PATHS.agencyCalendar, exact: false },
      { label: 'Media', icon: 'perm_media', link: WEB_PATHS.agencyMedia, exact: false },
      { label: 'Social accounts', icon: 'share', link: WEB_PATHS.agencyAccounts, exact: false },
      // Only on plans that include contracts.
      ...(this.auth.me()?.agency.contracts
        ? [{ label: 'Contracts', icon: 'draw', link: WEB_PATHS.agencyContracts, exact: false }]
        : []),
      // Every role: members draft invoices and read; owners and admins send, record and settle.
      { label: 'Billing', icon: 'receipt_long', link: WEB_PATHS.agencyBilling, exact: false },
      // Every role: the inbox of every client's conversation, with the unread count.
      { label: 'Messages', icon: 'forum', link: WEB_PATHS.agencyMessages, exact: false, unread: true },
      { label: 'Clients', icon: 'business_center', link: WEB_PATHS.agencyClients, exact: false },
      // Members cannot manage the team (SPEC §1): no entry that could only fail.
      ...(role === 'owner' || role === 'admin'
        ? [{ label: 'Team', icon: 'badge', link: WEB_PATHS.agencyTeam, exact: false }]
        : []),
      // Every role: members read the brand, owners and admins change it.
      { label: 'Branding', icon: 'palette', link: WEB_PATHS.agencyBranding, exact: false },
      // Owners only: they alone decide who must use two-step verification.
      ...(role === 'owner'
        ? [{ label: 'Security', icon: 'security', link: WEB_PATHS.agencySecurity, exact: false }]
        : []),
    ];
  });
  protected readonly skipToMain = skipToMain;

  constructor() {
    // The unread badge beside Messages, live (or polled while the live connection is down).
    this.unread.follow('agency').pipe(takeUntilDestroyed()).subscribe();
  }

  protected itemLabel(item: NavItem): string | null {
    return item.unread && this.unreadMessages() > 0 ? unreadLabel(item.label, this.unreadMessages()) : null;
  }

  protected closeIfCompact(): void {
    if (this.compact()) {
      void this.drawer().close();
    }
  }
}
