import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { AgencySecurityPolicy } from '@atrium/shared';
import { finalize } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { TwoFactorApi } from '../data-access/two-factor.api';

type State =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly policy: AgencySecurityPolicy };

/** What each switch says once saved, for the polite status line. */
const SAVED: Record<keyof AgencySecurityPolicy, [on: string, off: string]> = {
  requireTwoFactorForTeam: [
    'Your team now needs two-step verification. Anyone without it sets it up at their next sign-in.',
    'Your team no longer needs two-step verification. Those who have it keep it.',
  ],
  requireTwoFactorForClients: [
    'Client users now need two-step verification. Each one sets it up at their next sign-in.',
    'Client users no longer need two-step verification. Those who have it keep it.',
  ],
};

/**
 * Settings > Security (owners): whether the agency's team and, separately, its client users must
 * use two-step verification. Each switch saves at once.
 */
@Component({
  selector: 'atr-agency-security-page',
  imports: [MatButtonModule, MatProgressBarModule, MatSlideToggleModule, NoticeComponent],
  template: `
    <div class="atr-page">
      <header class="atr-page-heading">
        <div>
          <h1>Security</h1>
          <p class="atr-muted">How people sign in to your workspace and your clients' portals.</p>
        </div>
      </header>

      @switch (state().status) {
        @case ('loading') {
          <div role="status" class="status">
            <mat-progress-bar mode="indeterminate" aria-label="Loading security settings" />
            <span class="atr-visually-hidden">Loading security settings…</span>
          </div>
        }
        @case ('error') {
          <atr-notice class="status" kind="error" [message]="errorMessage()">
            <button mat-stroked-button type="button" (click)="load()">Try again</button>
          </atr-notice>
        }
        @default {
          @if (policy(); as current) {
            <section class="card" aria-labelledby="security-two-factor-title">
              <h2 id="security-two-factor-title">Two-step verification</h2>
              <p class="atr-muted">
                After their password or sign-in link, people enter a code from an app on their phone, so a stolen
                password alone does not let anyone in. When you require it, each person who has not set it up yet is
                asked to at their next sign-in (nobody is signed out); it takes about a minute.
              </p>

              <div class="toggle">
                <mat-slide-toggle
                  [checked]="current.requireTwoFactorForTeam"
                  [disabled]="saving()"
                  aria-describedby="security-team-hint"
                  (change)="change('requireTwoFactorForTeam', $event)"
                >
                  Require it for your team
                </mat-slide-toggle>
                <p id="security-team-hint" class="atr-muted toggle__hint">
                  You, your admins and your members. While this is on, nobody on the team can turn it off.
                </p>
              </div>

              <div class="toggle">
                <mat-slide-toggle
                  [checked]="current.requireTwoFactorForClients"
                  [disabled]="saving()"
                  aria-describedby="security-clients-hint"
                  (change)="change('requireTwoFactorForClients', $event)"
                >
                  Require it for client users
                </mat-slide-toggle>
                <p id="security-clients-hint" class="atr-muted toggle__hint">
                  Everyone who signs in to your clients' portals. Let your clients know: they will need an authenticator
                  app on their phone.
                </p>
              </div>

              <atr-notice [message]="saveError()" kind="error" />
              <atr-notice [message]="saved()" kind="success" />
            </section>
          }
        }
      }
    </div>
  `,
  styles: `
    .status,
    .card {
      display: block;
      margin-top: 24px;
    }
    .card {
      max-width: 720px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    @media (min-width: 600px) {
      .card {
        padding: 24px;
      }
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
    p {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .toggle mat-slide-toggle {
      min-height: 44px;
      display: flex;
      align-items: center;
    }
    .toggle__hint {
      margin-top: 4px;
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgencySecurityPage implements OnInit {
  private readonly api = inject(TwoFactorApi);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<State>({ status: 'loading' });
  protected readonly saving = signal(false);
  protected readonly saved = signal<string | null>(null);
  protected readonly saveError = signal<string | null>(null);

  protected readonly policy = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.policy : null;
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : null;
  });

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.api
      .agencyPolicy()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (policy) => this.state.set({ status: 'ready', policy }),
        error: (error: unknown) => this.state.set({ status: 'error', message: toApiError(error).message }),
      });
  }

  protected change(setting: keyof AgencySecurityPolicy, event: MatSlideToggleChange): void {
    const current = this.policy();
    if (!current) {
      return;
    }
    const wanted: AgencySecurityPolicy = { ...current, [setting]: event.checked };
    this.saved.set(null);
    this.saveError.set(null);
    this.saving.set(true);
    this.api
      .updateAgencyPolicy(wanted)
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (policy) => {
          this.state.set({ status: 'ready', policy });
          this.saved.set(SAVED[setting][policy[setting] ? 0 : 1]);
        },
        error: (error: unknown) => {
          // The switch goes back to what is saved.
          event.source.checked = current[setting];
          this.saveError.set(`Not saved. ${toApiError(error).message}`);
        },
      });
  }
}
