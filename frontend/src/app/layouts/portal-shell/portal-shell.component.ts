import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { skipToMain } from '../skip-link';
import { UserMenuComponent } from '../user-menu/user-menu.component';
import { visiblePortalPages } from './portal-pages';

const PHONE_QUERY = '(max-width: 599.98px)';

/**
 * The client portal frame: top navigation only, titled with the agency's name (white-labeled),
 * never any agency navigation. On phones the pages move into an app-switcher menu.
 */
@Component({
  selector: 'atr-portal-shell',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    UserMenuComponent,
  ],
  templateUrl: './portal-shell.component.html',
  styleUrl: './portal-shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalShellComponent {
  private readonly auth = inject(AuthService);
  private readonly breakpoints = inject(BreakpointObserver);

  protected readonly phone = toSignal(this.breakpoints.observe(PHONE_QUERY).pipe(map((state) => state.matches)), {
    initialValue: this.breakpoints.isMatched(PHONE_QUERY),
  });
  protected readonly portalTitle = computed(() => this.auth.me()?.agency.name ?? '');
  // Until the client switcher arrives, the first client membership is the active one.
  protected readonly pages = computed(() => visiblePortalPages(this.auth.me()?.clients[0]?.permissions ?? []));
  protected readonly skipToMain = skipToMain;
}
