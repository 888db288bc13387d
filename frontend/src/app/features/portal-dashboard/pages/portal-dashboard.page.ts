import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { CLIENT_PERMISSIONS, type PortalOverviewResponse } from '@atrium/shared';
import { AuthService } from '../../../core/auth/auth.service';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { PORTAL_PAGES } from '../../../layouts/portal-shell/portal-pages';
import { PortalDashboardApi } from '../data-access/portal-dashboard.api';
import { PERMISSION_LABELS } from '../permission-labels';

@Component({
  selector: 'atr-portal-dashboard-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, NoticeComponent],
  templateUrl: './portal-dashboard.page.html',
  styleUrl: './portal-dashboard.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalDashboardPage {
  private readonly api = inject(PortalDashboardApi);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<LoadState<PortalOverviewResponse>>({ status: 'loading' });
  protected readonly overview = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });

  private readonly name = computed(() => this.overview()?.user.name ?? this.auth.me()?.name ?? '');
  protected readonly firstName = computed(() => {
    const name = this.name().trim();
    return name.split(/\s+/)[0] || name;
  });
  protected readonly initials = computed(() =>
    this.name()
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase() ?? '')
      .join(''),
  );
  /**
   * What the user may use, in the spec's order: a quick link for the pages that exist, plain
   * information for those still to come (no dead links).
   */
  protected readonly access = computed(() => {
    const granted = this.overview()?.client.permissions ?? [];
    return CLIENT_PERMISSIONS.filter((permission) => granted.includes(permission)).map((permission) => ({
      ...PERMISSION_LABELS[permission],
      link: PORTAL_PAGES.find((page) => page.permission === permission)?.link ?? null,
    }));
  });
  /** The other clients this person works with, when there are several. */
  protected readonly otherClients = computed(() => {
    const active = this.overview()?.client.id;
    return (this.auth.me()?.clients ?? []).filter((client) => client.id !== active);
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.api
      .overview()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }
}
