import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  OPEN_INVOICE_STATUSES,
  WEB_PATHS,
  formatMoney,
  type BillingProfileView,
  type InvoiceSummaryView,
  type PortalBillingResponse,
} from '@atrium/shared';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ToastService } from '../../../core/ui/toast.service';
import { formatDay, shownStatus } from '../billing-wording';
import { BillingProfileFormComponent } from '../components/billing-profile-form.component';
import { InvoiceStatusChipComponent } from '../components/invoice-status-chip.component';
import { PortalBillingApi } from '../data-access/billing.api';

/** Portal › Billing (client admins with billing.manage): the invoices to pay, the rest, and the billing details. */
@Component({
  selector: 'atr-portal-billing-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    NoticeComponent,
    BillingProfileFormComponent,
    InvoiceStatusChipComponent,
  ],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1>Billing</h1>
          <p class="atr-muted">Your invoices, and the details they are made out to.</p>
        </div>
      </header>

      @switch (state().status) {
        @case ('loading') {
          <div role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Loading your invoices" />
            <span class="atr-visually-hidden">Loading your invoices…</span>
          </div>
        }
        @case ('error') {
          <atr-notice kind="error" [message]="loadError()">
            <button mat-stroked-button type="button" (click)="load()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          <section aria-labelledby="open-title" class="atr-stack">
            <h2 id="open-title" class="section-title">To pay</h2>
            @if (open().length === 0) {
              <p class="all-clear">
                <mat-icon aria-hidden="true">task_alt</mat-icon>
                <span>You are all paid up. Nothing to pay right now.</span>
              </p>
            } @else {
              <ul class="invoices">
                @for (invoice of open(); track invoice.id) {
                  <li>
                    <a class="invoice" [routerLink]="link(invoice)">
                      <span class="invoice__number">Invoice {{ invoice.number }}</span>
                      <atr-invoice-status-chip [status]="shown(invoice)" audience="client" />
                      <span class="invoice__amount">
                        {{ money(invoice.balance, invoice.currency) }}
                        <span class="atr-muted invoice__of">
                          @if (invoice.amountPaid > 0) {
                            left of {{ money(invoice.total, invoice.currency) }}
                          }
                        </span>
                      </span>
                      <span class="invoice__dates atr-muted">
                        Issued {{ day(invoice.issueDate) }} · due {{ day(invoice.dueDate) }}
                      </span>
                    </a>
                  </li>
                }
              </ul>
              @if (!data()?.onlinePayments) {
                <p class="atr-muted">Pay these the way the invoice's terms say, e.g. by bank transfer.</p>
              }
            }
          </section>

          @if (others().length > 0) {
            <section aria-labelledby="others-title" class="atr-stack">
              <h2 id="others-title" class="section-title">Paid and past invoices</h2>
              <ul class="invoices">
                @for (invoice of others(); track invoice.id) {
                  <li>
                    <a class="invoice" [routerLink]="link(invoice)">
                      <span class="invoice__number">Invoice {{ invoice.number }}</span>
                      <atr-invoice-status-chip [status]="shown(invoice)" audience="client" />
                      <span class="invoice__amount">{{ money(invoice.total, invoice.currency) }}</span>
                      <span class="invoice__dates atr-muted">Issued {{ day(invoice.issueDate) }}</span>
                    </a>
                  </li>
                }
              </ul>
            </section>
          }

          @if (profile(); as current) {
            <section class="card" aria-labelledby="profile-title">
              <div class="card__head">
                <h2 id="profile-title" class="section-title">Billing details</h2>
                @if (!editing()) {
                  <button mat-stroked-button type="button" (click)="editing.set(true)">
                    <mat-icon>edit</mat-icon>Edit
                  </button>
                }
              </div>
              @if (editing()) {
                <p class="atr-muted">
                  Used on your next invoices; invoices already sent keep the details they were sent with.
                </p>
                <atr-billing-profile-form
                  [profile]="current"
                  [showTerms]="false"
                  adminsWord="your company's admins"
                  [save]="save"
                  (saved)="saved($event)"
                >
                  <button mat-button type="button" (click)="editing.set(false)">Cancel</button>
                </atr-billing-profile-form>
              } @else {
                <dl class="details">
                  <div>
                    <dt>Invoices made out to</dt>
                    <dd>{{ current.legalName || 'Your company name' }}</dd>
                  </div>
                  <div>
                    <dt>Billing email</dt>
                    <dd>{{ current.email || 'Only your company’s admins' }}</dd>
                  </div>
                  <div>
                    <dt>Address</dt>
                    <dd>{{ address(current) || 'Not given' }}</dd>
                  </div>
                  <div>
                    <dt>Tax ID</dt>
                    <dd>{{ current.taxId || 'Not given' }}</dd>
                  </div>
                  <div>
                    <dt>Currency</dt>
                    <dd>{{ current.currency }}</dd>
                  </div>
                  <div>
                    <dt>Payment terms</dt>
                    <dd>{{ current.paymentTermsDays }} days</dd>
                  </div>
                </dl>
              }
            </section>
          }
        }
      }
    </div>
  `,
  styles: `
    .section-title {
      font: var(--mat-sys-title-large);
    }
    .invoices {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .invoice {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 4px 16px;
      align-items: center;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
      color: inherit;
      text-decoration: none;
      &:hover {
        background: var(--mat-sys-surface-container);
      }
    }
    .invoice__number {
      font: var(--mat-sys-title-medium);
      overflow-wrap: anywhere;
    }
    .invoice__amount {
      font: var(--mat-sys-title-medium);
      font-variant-numeric: tabular-nums;
    }
    .invoice__of,
    .invoice__dates {
      font: var(--mat-sys-body-small);
    }
    .all-clear {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      mat-icon {
        color: var(--mat-sys-primary);
      }
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding: 20px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      p {
        margin: 0;
      }
    }
    .card__head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 8px;
    }
    .details {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 240px), 1fr));
      gap: 12px 24px;
      margin: 0;
      dt {
        font: var(--mat-sys-label-medium);
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalBillingPage {
  private readonly api = inject(PortalBillingApi);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<LoadState<PortalBillingResponse>>({ status: 'loading' });
  protected readonly data = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? `We could not load your invoices. ${state.error.message}` : null;
  });
  protected readonly open = computed(() =>
    (this.data()?.invoices ?? []).filter((invoice) => OPEN_INVOICE_STATUSES.includes(invoice.status)),
  );
  protected readonly others = computed(() =>
    (this.data()?.invoices ?? []).filter((invoice) => !OPEN_INVOICE_STATUSES.includes(invoice.status)),
  );
  protected readonly profile = signal<BillingProfileView | null>(null);
  protected readonly editing = signal(false);
  protected readonly save = (body: Parameters<PortalBillingApi['saveProfile']>[0]) => this.api.saveProfile(body);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.api
      .overview()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'ready') this.profile.set(state.value.profile);
      });
  }

  protected saved(profile: BillingProfileView): void {
    this.profile.set(profile);
    this.editing.set(false);
    this.toast.show('Billing details saved.');
  }

  protected address(profile: BillingProfileView): string {
    const a = profile.address;
    return [a.line1, a.line2, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ');
  }

  protected link(invoice: InvoiceSummaryView): string {
    return `${WEB_PATHS.portalBilling}/invoices/${invoice.id}`;
  }

  protected shown(invoice: InvoiceSummaryView) {
    return shownStatus(invoice);
  }

  protected money(amount: number, currency: string): string {
    return formatMoney(amount, currency);
  }

  protected day(value: string): string {
    return formatDay(value);
  }
}
