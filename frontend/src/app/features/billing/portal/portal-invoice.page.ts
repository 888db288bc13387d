import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { WEB_PATHS, formatMoney, type InvoiceView } from '@atrium/shared';
import { Subscription, finalize } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { toLoadState, type LoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { saveBlob } from '../../contracts/data-access/contracts.api';
import { formatDay, pdfFileName, shownStatus } from '../billing-wording';
import { InvoiceDocumentComponent } from '../components/invoice-document.component';
import { InvoiceStatusChipComponent } from '../components/invoice-status-chip.component';
import { PortalBillingApi } from '../data-access/billing.api';
import { GO_TO_PAYMENT_PAGE, paymentReturn, watchUntilPaid } from './payment-confirmation';

/**
 * One invoice in the portal: the document, its PDF, and "Pay now" (the provider's hosted page).
 * Back from that page with ?payment=success, it waits for the provider's confirmation to reach the
 * server (the return itself proves nothing) and shows when the invoice is paid.
 */
@Component({
  selector: 'atr-portal-invoice-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    NoticeComponent,
    InvoiceDocumentComponent,
    InvoiceStatusChipComponent,
  ],
  template: `
    <div class="atr-page atr-stack">
      <a mat-button [routerLink]="listLink" class="back"><mat-icon>arrow_back</mat-icon>Billing</a>
      @switch (state().status) {
        @case ('loading') {
          <h1 class="atr-visually-hidden">Invoice</h1>
          <div role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Loading the invoice" />
            <span class="atr-visually-hidden">Loading the invoice…</span>
          </div>
        }
        @case ('error') {
          <h1>Invoice</h1>
          <atr-notice kind="error" [message]="loadError()">
            <button mat-stroked-button type="button" (click)="load()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (invoice(); as inv) {
            <header class="atr-page-heading">
              <div>
                <h1>Invoice {{ inv.number }}</h1>
                <p class="atr-muted">From {{ inv.issuer.name }} · issued {{ day(inv.issueDate) }}</p>
              </div>
              <atr-invoice-status-chip [status]="shown()" audience="client" />
            </header>

            @switch (confirmation()) {
              @case ('waiting') {
                <atr-notice kind="info" message="Thanks — we're confirming your payment. This page updates by itself.">
                  <mat-progress-bar mode="indeterminate" class="confirm-bar" aria-label="Confirming your payment" />
                </atr-notice>
              }
              @case ('paid') {
                <atr-notice kind="success" message="Paid — thank you! A receipt is on its way to your email." />
              }
              @case ('slow') {
                <atr-notice
                  kind="warning"
                  message="Your payment is taking longer than usual to confirm. You do not need to pay again: check back in a few minutes."
                >
                  <button mat-stroked-button type="button" (click)="confirm()">Check again</button>
                </atr-notice>
              }
              @case ('cancelled') {
                <atr-notice
                  kind="info"
                  message="Payment cancelled — nothing was charged. You can pay whenever you are ready."
                />
              }
            }
            <atr-notice [message]="actionError()" kind="error" />

            <div class="summary">
              @if (inv.status === 'paid') {
                <p class="summary__main">Paid in full: {{ money(inv.total) }}</p>
              } @else if (inv.status === 'void') {
                <p class="summary__main">
                  Cancelled: nothing to pay{{ inv.voidReason ? ' (' + inv.voidReason + ')' : '' }}.
                </p>
              } @else {
                <p class="summary__main">
                  {{ money(inv.balance) }} to pay by {{ day(inv.dueDate) }}
                  @if (inv.overdue) {
                    <span class="overdue">(overdue)</span>
                  }
                </p>
              }
              <div class="actions">
                @if (inv.payable && confirmation() !== 'waiting') {
                  <button
                    mat-flat-button
                    type="button"
                    [disabled]="paying()"
                    [attr.aria-busy]="paying() ? 'true' : null"
                    (click)="pay(inv)"
                  >
                    <mat-icon>credit_card</mat-icon>Pay now
                  </button>
                }
                <button mat-stroked-button type="button" [disabled]="downloading()" (click)="download(inv)">
                  <mat-icon>download</mat-icon>Download PDF
                </button>
              </div>
              @if (!inv.payable && inv.balance > 0 && inv.status !== 'void' && confirmation() !== 'waiting') {
                <p class="atr-muted">Pay the way the invoice's terms say, e.g. by bank transfer.</p>
              }
            </div>

            <atr-invoice-document [invoice]="inv" />

            @if (inv.payments.length > 0) {
              <section aria-labelledby="payments-title">
                <h2 id="payments-title" class="section-title">Payments</h2>
                <ul class="payments">
                  @for (payment of inv.payments; track payment.id) {
                    <li>{{ money(payment.amount) }} on {{ day(payment.paidOn) }}</li>
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
    .back {
      align-self: flex-start;
    }
    .summary {
      display: flex;
      flex-direction: column;
      gap: 12px;
      p {
        margin: 0;
      }
    }
    .summary__main {
      font: var(--mat-sys-title-large);
    }
    .overdue {
      color: var(--mat-sys-error);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .confirm-bar {
      width: 200px;
      max-width: 100%;
    }
    .section-title {
      font: var(--mat-sys-title-medium);
      margin-bottom: 8px;
    }
    .payments {
      margin: 0;
      padding-left: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalInvoicePage implements OnInit {
  private readonly api = inject(PortalBillingApi);
  private readonly goToPaymentPage = inject(GO_TO_PAYMENT_PAGE);
  private readonly destroyRef = inject(DestroyRef);

  readonly invoiceId = input.required<string>();
  /** `?payment=success|cancelled`: back from the provider's page. */
  readonly payment = input<string | undefined>(undefined);

  protected readonly listLink = WEB_PATHS.portalBilling;
  protected readonly state = signal<LoadState<InvoiceView>>({ status: 'loading' });
  protected readonly invoice = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly shown = computed(() => shownStatus(this.invoice() ?? { status: 'sent', overdue: false }));
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? `We could not load this invoice. ${state.error.message}` : null;
  });
  protected readonly confirmation = signal<'none' | 'waiting' | 'paid' | 'slow' | 'cancelled'>('none');
  protected readonly paying = signal(false);
  protected readonly downloading = signal(false);
  protected readonly actionError = signal<string | null>(null);
  private watching: Subscription | null = null;

  ngOnInit(): void {
    const back = paymentReturn(this.payment());
    if (back === 'success') {
      this.confirm();
    } else {
      if (back === 'cancelled') this.confirmation.set('cancelled');
      this.load();
    }
  }

  protected load(): void {
    this.api
      .get(this.invoiceId())
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }

  /** Asks again and again (a few seconds apart) until the provider's confirmation marked it paid. */
  protected confirm(): void {
    this.watching?.unsubscribe();
    this.confirmation.set('waiting');
    let last: InvoiceView | null = null;
    this.watching = watchUntilPaid(() => this.api.get(this.invoiceId()))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (invoice) => {
          last = invoice;
          this.state.set({ status: 'ready', value: invoice });
        },
        complete: () => {
          if (!last) {
            // Not one read worked: show why, the normal way.
            this.confirmation.set('none');
            this.load();
            return;
          }
          this.confirmation.set(last.status === 'paid' ? 'paid' : 'slow');
        },
      });
  }

  protected pay(invoice: InvoiceView): void {
    if (this.paying()) return;
    this.paying.set(true);
    this.actionError.set(null);
    this.api.pay(invoice.id).subscribe({
      // The provider's hosted page; it sends the browser back here when done.
      next: ({ url }) => this.goToPaymentPage(url),
      error: (error: unknown) => {
        this.paying.set(false);
        this.actionError.set(`Paying online did not start. ${toApiError(error).message}`);
      },
    });
  }

  protected download(invoice: InvoiceView): void {
    this.downloading.set(true);
    this.actionError.set(null);
    this.api
      .pdf(invoice.id)
      .pipe(finalize(() => this.downloading.set(false)))
      .subscribe({
        next: (blob) => saveBlob(blob, pdfFileName(invoice)),
        error: (error: unknown) =>
          this.actionError.set(`The PDF could not be downloaded. ${toApiError(error).message}`),
      });
  }

  protected money(amount: number): string {
    return formatMoney(amount, this.invoice()?.currency ?? 'USD');
  }

  protected day(value: string): string {
    return formatDay(value);
  }
}
