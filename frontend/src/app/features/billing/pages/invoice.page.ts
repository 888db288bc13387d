import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { OPEN_INVOICE_STATUSES, WEB_PATHS, formatMoney, type InvoiceView } from '@atrium/shared';
import { combineLatest, filter, finalize, switchMap, type Observable } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { toLoadState } from '../../../core/http/load-state';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { fullDateTime } from '../../../core/ui/time';
import { ToastService } from '../../../core/ui/toast.service';
import { saveBlob } from '../../contracts/data-access/contracts.api';
import { injectBillingRole } from '../billing-role';
import { formatDay, pdfFileName, shownStatus } from '../billing-wording';
import { InvoiceDocumentComponent } from '../components/invoice-document.component';
import { InvoiceStatusChipComponent } from '../components/invoice-status-chip.component';
import { RecordPaymentDialogComponent } from '../components/record-payment-dialog.component';
import { VoidInvoiceDialogComponent } from '../components/void-invoice-dialog.component';
import { BillingApi } from '../data-access/billing.api';
import { historyWhen, invoiceHistory } from '../invoice-history';

/** One invoice, as the client will see it, with what happened to it and what can be done next. */
@Component({
  selector: 'atr-invoice-page',
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
      <a mat-button [routerLink]="listLink" class="back"><mat-icon>arrow_back</mat-icon>Invoices</a>
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
            <button mat-stroked-button type="button" (click)="reload()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (invoice(); as inv) {
            <header class="atr-page-heading">
              <div>
                <h1>{{ inv.number ? 'Invoice ' + inv.number : 'Draft invoice' }}</h1>
                <p class="atr-muted">
                  For {{ inv.clientName }} · {{ money(inv.total, inv.currency) }} · due {{ day(inv.dueDate) }}
                </p>
              </div>
              <atr-invoice-status-chip [status]="shown()" />
            </header>

            <atr-notice [message]="actionError()" kind="error" />
            @if (inv.status === 'void') {
              <atr-notice
                kind="info"
                [message]="'This invoice was voided' + (inv.voidReason ? ': ' + inv.voidReason : '.')"
              />
            }

            <div class="actions" role="group" aria-label="Invoice actions">
              @if (inv.status === 'draft') {
                @if (canManage()) {
                  <button mat-flat-button type="button" [disabled]="busy()" (click)="send(inv)">
                    <mat-icon>send</mat-icon>Send
                  </button>
                }
                <a mat-stroked-button [routerLink]="editLink(inv)"><mat-icon>edit</mat-icon>Edit</a>
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="remove(inv)">
                  <mat-icon>delete</mat-icon>Delete
                </button>
              }
              @if (open() && canManage()) {
                <button mat-flat-button type="button" [disabled]="busy()" (click)="recordPayment(inv)">
                  <mat-icon>payments</mat-icon>Record payment
                </button>
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="remind(inv)">
                  <mat-icon>notifications</mat-icon>Send reminder
                </button>
              }
              <button mat-stroked-button type="button" [disabled]="downloading()" (click)="download(inv)">
                <mat-icon>download</mat-icon>{{ inv.status === 'draft' ? 'Preview PDF' : 'Download PDF' }}
              </button>
              @if (open() && canManage()) {
                <button mat-button type="button" class="danger" [disabled]="busy()" (click)="voidIt(inv)">
                  <mat-icon>block</mat-icon>Void
                </button>
              }
            </div>
            @if (inv.status === 'draft' && !canManage()) {
              <p class="atr-muted">An owner or admin of your agency sends it when it is ready.</p>
            }

            <div class="layout">
              <atr-invoice-document [invoice]="inv" />
              <section class="history" aria-labelledby="history-title">
                <h2 id="history-title">History</h2>
                <ol>
                  @for (entry of history(); track entry.id) {
                    <li>
                      <mat-icon aria-hidden="true">{{ entry.icon }}</mat-icon>
                      <div>
                        <span>{{ entry.text }}</span>
                        <span class="atr-muted when">{{ when(entry) }}</span>
                      </div>
                    </li>
                  }
                </ol>
              </section>
            </div>
          }
        }
      }
    </div>
  `,
  styles: `
    .back {
      align-self: flex-start;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .danger {
      --mat-button-text-label-text-color: var(--mat-sys-error);
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 280px;
      gap: 24px;
      align-items: start;
    }
    @media (max-width: 1099.98px) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .history h2 {
      font: var(--mat-sys-title-medium);
      margin-bottom: 8px;
    }
    .history ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .history li {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
      mat-icon {
        flex: none;
        color: var(--mat-sys-primary);
      }
      div {
        display: flex;
        flex-direction: column;
      }
    }
    .when {
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvoicePage {
  private readonly api = inject(BillingApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  protected readonly canManage = injectBillingRole().canManage;
  readonly invoiceId = input.required<string>();

  protected readonly listLink = WEB_PATHS.agencyBilling;
  private readonly reloads = signal(0);
  private readonly latest = signal<InvoiceView | null>(null);
  protected readonly busy = signal(false);
  protected readonly downloading = signal(false);
  protected readonly actionError = signal<string | null>(null);

  protected readonly state = toSignal(
    combineLatest([toObservable(this.invoiceId), toObservable(this.reloads)]).pipe(
      switchMap(([id]) => toLoadState(this.api.get(id))),
    ),
    { initialValue: { status: 'loading' } as const },
  );
  protected readonly invoice = computed(() => {
    const state = this.state();
    return this.latest() ?? (state.status === 'ready' ? state.value : null);
  });
  protected readonly shown = computed(() => shownStatus(this.invoice() ?? { status: 'draft', overdue: false }));
  protected readonly open = computed(() => OPEN_INVOICE_STATUSES.includes(this.invoice()?.status ?? 'draft'));
  protected readonly history = computed(() => {
    const invoice = this.invoice();
    return invoice ? invoiceHistory(invoice) : [];
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? `The invoice could not be loaded. ${state.error.message}` : null;
  });

  protected reload(): void {
    this.latest.set(null);
    this.reloads.update((n) => n + 1);
  }

  protected money(amount: number, currency: string): string {
    return formatMoney(amount, currency);
  }

  protected day(value: string): string {
    return formatDay(value);
  }

  protected when(entry: Parameters<typeof historyWhen>[0]): string {
    return historyWhen(entry, (iso) => fullDateTime(iso));
  }

  protected editLink(invoice: InvoiceView): string {
    return `${WEB_PATHS.agencyBilling}/invoices/${invoice.id}/edit`;
  }

  protected send(invoice: InvoiceView): void {
    confirmAction(this.dialog, {
      title: `Send this invoice to ${invoice.clientName}?`,
      message: 'Once sent:',
      consequences: [
        'It gets the next invoice number, and can no longer be changed or deleted (only voided).',
        `The admins of ${invoice.clientName} who manage billing get an email with a link to view, download and pay it.`,
        `The total is ${formatMoney(invoice.total, invoice.currency)}, due ${formatDay(invoice.dueDate)}.`,
      ],
      confirmLabel: 'Send invoice',
    })
      .pipe(filter(Boolean))
      .subscribe(() =>
        this.run(this.api.send(invoice.id), (sent) => `Invoice ${sent.number ?? ''} sent to ${sent.clientName}.`),
      );
  }

  protected remove(invoice: InvoiceView): void {
    confirmAction(this.dialog, {
      title: 'Delete this draft?',
      message: 'The draft is deleted for good. The client never saw it.',
      confirmLabel: 'Delete draft',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set(true);
          return this.api.remove(invoice.id).pipe(finalize(() => this.busy.set(false)));
        }),
      )
      .subscribe({
        next: () => {
          this.toast.show('Draft deleted.');
          void this.router.navigateByUrl(WEB_PATHS.agencyBilling);
        },
        error: (error: unknown) => this.actionError.set(toApiError(error).message),
      });
  }

  protected remind(invoice: InvoiceView): void {
    // What the reminder route answers is not needed: the invoice itself does not change.
    this.busy.set(true);
    this.actionError.set(null);
    this.api
      .remind(invoice.id)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: () => this.toast.show(`Reminder emailed to ${invoice.clientName}.`),
        error: (error: unknown) => this.actionError.set(toApiError(error).message),
      });
  }

  protected recordPayment(invoice: InvoiceView): void {
    this.dialog
      .open<RecordPaymentDialogComponent, InvoiceView, InvoiceView>(RecordPaymentDialogComponent, {
        ...DIALOG_SIZE,
        data: invoice,
      })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.latest.set(updated);
        this.toast.show(updated.status === 'paid' ? 'Payment recorded. The invoice is paid.' : 'Payment recorded.');
      });
  }

  protected voidIt(invoice: InvoiceView): void {
    this.dialog
      .open<VoidInvoiceDialogComponent, InvoiceView, InvoiceView>(VoidInvoiceDialogComponent, {
        ...DIALOG_SIZE,
        data: invoice,
      })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.latest.set(updated);
        this.toast.show(`Invoice ${updated.number ?? ''} voided.`);
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

  private run(request: Observable<InvoiceView>, done: (invoice: InvoiceView) => string): void {
    this.busy.set(true);
    this.actionError.set(null);
    request.pipe(finalize(() => this.busy.set(false))).subscribe({
      next: (invoice) => {
        this.latest.set(invoice);
        this.toast.show(done(invoice));
      },
      error: (error: unknown) => this.actionError.set(toApiError(error).message),
    });
  }
}
