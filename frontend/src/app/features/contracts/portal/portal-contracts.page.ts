import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ContractList } from '@atrium/shared';
import { AuthService } from '../../../core/auth/auth.service';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { safeTimeZone } from '../../../core/ui/zoned-time';
import { PortalContractsApi } from '../data-access/contracts.api';
import { ContractCardComponent } from './contract-card.component';

/**
 * Portal › Contracts (contracts.sign): what waits for the person's signature first, then every
 * other contract they can see (their own, signed or over; a client admin also sees their
 * colleagues'). Each opens the contract page, where it is read and signed.
 */
@Component({
  selector: 'atr-portal-contracts-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, ContractCardComponent, NoticeComponent],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1 tabindex="-1">Contracts</h1>
          <p class="atr-muted">
            Contracts {{ agencyName() }} sent you to sign. Open one to read it, sign it or download the signed copy.
          </p>
        </div>
      </header>

      @switch (state().status) {
        @case ('loading') {
          <div role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Loading your contracts" />
            <span class="atr-visually-hidden">Loading your contracts…</span>
          </div>
        }
        @case ('error') {
          <atr-notice kind="error" [message]="'We could not load your contracts. ' + errorMessage()">
            <button mat-stroked-button type="button" (click)="load()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (waiting().length === 0 && others().length === 0) {
            <div class="empty">
              <mat-icon aria-hidden="true">draw</mat-icon>
              <p>No contracts yet. When {{ agencyName() }} sends you a contract to sign, it appears here.</p>
            </div>
          } @else {
            <section class="atr-stack" aria-labelledby="contracts-waiting-title">
              <h2 id="contracts-waiting-title" class="section-title">Waiting for your signature</h2>
              @if (waiting().length > 0) {
                <ul class="contracts">
                  @for (contract of waiting(); track contract.id) {
                    <li><atr-contract-card [contract]="contract" [timeZone]="timeZone" /></li>
                  }
                </ul>
              } @else {
                <p class="all-clear">
                  <mat-icon aria-hidden="true">task_alt</mat-icon>
                  <span>Nothing waits for your signature right now.</span>
                </p>
              }
            </section>

            @if (others().length > 0) {
              <section class="atr-stack" aria-labelledby="contracts-all-title">
                <h2 id="contracts-all-title" class="section-title">All contracts</h2>
                <ul class="contracts">
                  @for (contract of others(); track contract.id) {
                    <li><atr-contract-card [contract]="contract" [timeZone]="timeZone" /></li>
                  }
                </ul>
              </section>
            }
          }
        }
      }
    </div>
  `,
  styles: `
    .section-title {
      font: var(--mat-sys-title-large);
    }
    .contracts {
      display: grid;
      gap: 12px;
      max-width: 760px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .all-clear {
      display: flex;
      gap: 8px;
      align-items: center;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      mat-icon {
        color: var(--mat-sys-primary);
      }
    }
    .empty {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      max-width: 760px;
      padding: 16px;
      border: 1px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-large);
      color: var(--mat-sys-on-surface-variant);
      mat-icon {
        flex: none;
      }
      p {
        margin: 0;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalContractsPage {
  private readonly api = inject(PortalContractsApi);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly timeZone = safeTimeZone(this.auth.me()?.timezone);
  protected readonly agencyName = computed(() => this.auth.me()?.agency.name ?? 'your agency');
  protected readonly state = signal<LoadState<ContractList>>({ status: 'loading' });
  private readonly items = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value.items : [];
  });
  protected readonly waiting = computed(() => this.items().filter((item) => item.awaitingMe));
  protected readonly others = computed(() => this.items().filter((item) => !item.awaitingMe));
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.api
      .list()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }
}
