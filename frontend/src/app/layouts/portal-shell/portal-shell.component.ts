import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { IsActiveMatchOptions, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { WEB_PATHS, type MeClient } from '@atrium/shared';
import { EMPTY, map, switchMap } from 'rxjs';
import { ActiveClientService } from '../../core/auth/active-client.service';
import { AuthService } from '../../core/auth/auth.service';
import { BrandThemeService } from '../../core/branding/brand-theme.service';
import { BrandFooterComponent, hasBrandFooter } from '../../core/branding/brand-footer.component';
import { BrandService } from '../../core/branding/brand.service';
import { UnreadService, unreadLabel } from '../../features/messages/realtime/unread.service';
import { skipToMain } from '../skip-link';
import { UserMenuComponent } from '../user-menu/user-menu.component';
import { ViewAsBannerComponent } from '../view-as-banner/view-as-banner.component';
import { PORTAL_MESSAGES_PATH, portalPageFor, visiblePortalPages, type PortalPage } from './portal-pages';

const PHONE_QUERY = '(max-width: 599.98px)';

/**
 * The client portal frame: top navigation only, titled with the agency's name (white-labeled),
 * never any agency navigation. On phones the pages move into an app-switcher menu. People who
 * belong to several clients switch between them here; the page below is rebuilt for the new
 * client (its data is read again with the new X-Atrium-Client header).
 */
@Component({
  selector: 'atr-portal-shell',
  imports: [
    BrandFooterComponent,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    UserMenuComponent,
    ViewAsBannerComponent,
  ],
  templateUrl: './portal-shell.component.html',
  styleUrl: './portal-shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalShellComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly activeClient = inject(ActiveClientService);
  private readonly breakpoints = inject(BreakpointObserver);

  /**
   * A page's entry stays current on its own pages (one contract under Contracts) and whatever its
   * query says (the calendar's month view); the Dashboard, whose path starts every other, only on itself.
   */
  protected activeWhen(page: PortalPage): IsActiveMatchOptions {
    return {
      paths: page.link === WEB_PATHS.portalHome ? 'exact' : 'subset',
      queryParams: 'ignored',
      fragment: 'ignored',
      matrixParams: 'ignored',
    };
  }

  protected readonly phone = toSignal(this.breakpoints.observe(PHONE_QUERY).pipe(map((state) => state.matches)), {
    initialValue: this.breakpoints.isMatched(PHONE_QUERY),
  });
  private readonly theme = inject(BrandThemeService);
  /** The agency's brand (white label): its logo or portal name, never Atrium's. */
  protected readonly brand = inject(BrandService).brand;
  protected readonly hasFooter = computed(() => hasBrandFooter(this.brand()));
  protected readonly portalTitle = computed(() => this.brand()?.portalName ?? this.auth.me()?.agency.name ?? '');
  protected readonly logo = computed(() => {
    const images = this.brand()?.images;
    return (this.theme.dark() ? (images?.logoDark ?? images?.logoLight) : images?.logoLight) ?? null;
  });
  protected readonly clients = this.activeClient.clients;
  protected readonly client = this.activeClient.client;
  /** The page outlet is keyed by this: a new client means a freshly loaded page. */
  protected readonly outletKeys = computed(() => [this.activeClient.clientId() ?? '']);
  protected readonly pages = computed(() => visiblePortalPages(this.client()?.permissions ?? []));
  protected readonly skipToMain = skipToMain;
  private readonly unread = inject(UnreadService);
  private readonly hasMessages = computed(() => this.pages().some((page) => page.link === PORTAL_MESSAGES_PATH));
  protected readonly unreadMessages = computed(() => (this.hasMessages() ? this.unread.counts().messages : 0));

  constructor() {
    // The unread badge follows the active client's conversation, live (or polled while offline).
    toObservable(computed(() => (this.hasMessages() ? this.activeClient.clientId() : null)))
      .pipe(
        switchMap((clientId) => {
          this.unread.clear();
          return clientId ? this.unread.follow('portal') : EMPTY;
        }),
        takeUntilDestroyed(),
      )
      .subscribe();
    const me = this.auth.me();
    if (me) {
      // Without it the portal still works, titled with the agency's name: nothing to show.
      inject(BrandService)
        .forPortal(me.id)
        .pipe(takeUntilDestroyed())
        .subscribe({ error: () => undefined });
    }
  }

  /** Messages carries its unread count in its name ("Messages, 3 unread"); other pages none. */
  protected badge(page: PortalPage): number {
    return page.link === PORTAL_MESSAGES_PATH ? this.unreadMessages() : 0;
  }

  protected navLabel(page: PortalPage): string | null {
    const count = this.badge(page);
    return count > 0 ? unreadLabel(page.label, count) : null;
  }

  protected switchTo(client: MeClient): void {
    if (client.id === this.activeClient.clientId()) {
      return;
    }
    const page = portalPageFor(this.router.url);
    if (page?.permission && !client.permissions.includes(page.permission)) {
      // The new client does not have this page: go home first, then switch.
      void this.router.navigateByUrl(WEB_PATHS.portalHome).then(() => this.activeClient.select(client.id));
    } else {
      this.activeClient.select(client.id);
    }
  }
}
