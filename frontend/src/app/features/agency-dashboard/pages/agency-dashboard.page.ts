import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AgencyOverviewResponse } from '@atrium/shared';
import { finalize } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { AgencyDashboardApi } from '../data-access/agency-dashboard.api';

interface CountTile {
  readonly label: string;
  readonly value: number;
  readonly icon: string;
}

@Component({
  selector: 'atr-agency-dashboard-page',
  imports: [ClipboardModule, MatButtonModule, MatCardModule, MatIconModule, MatProgressBarModule, NoticeComponent],
  templateUrl: './agency-dashboard.page.html',
  styleUrl: './agency-dashboard.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgencyDashboardPage {
  private readonly api = inject(AgencyDashboardApi);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<LoadState<AgencyOverviewResponse>>({ status: 'loading' });
  protected readonly overview = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });
  protected readonly me = this.auth.me;
  /** Known from the session at once, so the heading does not wait for the overview. */
  protected readonly agencyName = computed(() => this.overview()?.agency.name ?? this.me()?.agency.name ?? '');
  protected readonly firstName = computed(() => firstWord(this.me()?.name ?? ''));
  protected readonly counts = computed<CountTile[]>(() => {
    const counts = this.overview()?.counts;
    return counts
      ? [
          { label: 'Clients', value: counts.clients, icon: 'business_center' },
          { label: 'Agency users', value: counts.agencyUsers, icon: 'badge' },
          { label: 'Client users', value: counts.clientUsers, icon: 'group' },
        ]
      : [];
  });
  protected readonly ownerIsMe = computed(
    () => this.overview()?.owner.email.toLowerCase() === this.me()?.email.toLowerCase(),
  );

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
}

function firstWord(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}
