import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { WEB_PATHS, type InvoiceTotalsResponse } from '@atrium/shared';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { perCurrency } from '../billing-wording';
import { BillingApi } from '../data-access/billing.api';

/** The agency dashboard's "Outstanding": what clients owe, and how much of it is overdue, per currency. */
@Component({
  selector: 'atr-outstanding-invoices',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, NoticeComponent],
  template: `
    <section class="card" aria-labelledby="outstanding-title">
      <div class="card__head">
        <h2 id="outstanding-title" class="card__title">Outstanding</h2>
        <a mat-button [routerLink]="billingPath">Open billing</a>
      </div>
      @switch (state().status) {
        @case ('loading') {
          <div role="status"><mat-progress-bar mode="indeterminate" aria-label="Loading what is outstanding" /></div>
        }
        @case ('error') {
          <atr-notice kind="error" message="We could not load your invoice totals.">
            <button mat-stroked-button type="button" (click)="load()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (outstanding().length === 0) {
            <p class="card__empty"><mat-icon aria-hidden="true">task_alt</mat-icon>Nothing is owed to you right now.</p>
          } @else {
            <p class="figures">
              @for (figure of outstanding(); track figure) {
                <span class="figure">{{ figure }}</span>
              }
            </p>
            @if (overdue().length > 0) {
              <p class="overdue">
                <mat-icon aria-hidden="true">schedule</mat-icon>
                <span>Overdue: {{ overdue().join(' · ') }}</span>
              </p>
            }
          }
        }
      }
    </section>
  `,
  styles: `
    .card {
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
    }
    .card__head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      margin-bottom: 8px;
    }
    .card__title {
      margin: 0;
      font: var(--mat-sys-title-large);
    }
    .card__empty,
    .overdue {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .overdue {
      margin-top: 8px;
      color: var(--mat-sys-error);
      font: var(--mat-sys-label-large);
    }
    .figures {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 24px;
      margin: 0;
    }
    .figure {
      font: var(--mat-sys-headline-small);
      font-variant-numeric: tabular-nums;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutstandingInvoicesComponent {
  private readonly api = inject(BillingApi);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly billingPath = WEB_PATHS.agencyBilling;
  protected readonly state = signal<LoadState<InvoiceTotalsResponse>>({ status: 'loading' });
  private readonly all = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value.all : [];
  });
  protected readonly outstanding = computed(() => perCurrency(this.all(), 'outstanding'));
  protected readonly overdue = computed(() => perCurrency(this.all(), 'overdue'));

  constructor() {
    this.load();
  }

  protected load(): void {
    this.api
      .totals()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }
}
