import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  INVOICE_STATUSES,
  WEB_PATHS,
  formatMoney,
  type InvoiceStatus,
  type InvoiceSummaryView,
  type InvoiceTotalsResponse,
} from '@atrium/shared';
import { Subscription, catchError, of } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ToastService } from '../../../core/ui/toast.service';
import { ClientsApi } from '../../clients/data-access/clients.api';
import { injectBillingRole } from '../billing-role';
import { formatDay, invoiceNumber, perCurrency, shownStatus, statusLabel } from '../billing-wording';
import {
  BillingProfileDialogComponent,
  type BillingProfileDialogData,
} from '../components/billing-profile-dialog.component';
import { BillingTabsComponent } from '../components/billing-tabs.component';
import { InvoiceStatusChipComponent } from '../components/invoice-status-chip.component';
import { BillingApi } from '../data-access/billing.api';

type StatusFilter = InvoiceStatus | 'overdue' | null;

/** Billing: what is owed and paid (per currency, never added across currencies), and every invoice. */
@Component({
  selector: 'atr-billing-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    NoticeComponent,
    BillingTabsComponent,
    InvoiceStatusChipComponent,
  ],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1>Billing</h1>
          <p class="atr-muted">Invoice your clients, follow what is owed, and record what was paid.</p>
        </div>
        <a mat-flat-button [routerLink]="newLink"><mat-icon>add</mat-icon>New invoice</a>
      </header>

      <atr-billing-tabs>
        <div class="atr-stack">
          <section aria-labelledby="totals-title">
            <h2 id="totals-title" class="section-title">At a glance</h2>
            @switch (totalsState().status) {
              @case ('loading') {
                <div role="status">
                  <mat-progress-bar mode="indeterminate" aria-label="Loading the totals" />
                  <span class="atr-visually-hidden">Loading the totals…</span>
                </div>
              }
              @case ('error') {
                <atr-notice kind="error" [message]="totalsError()">
                  <button mat-stroked-button type="button" (click)="loadTotals()">Try again</button>
                </atr-notice>
              }
              @case ('ready') {
                <ul class="cards">
                  @for (card of cards(); track card.id) {
                    <li class="card" [class.card--alert]="card.alert && card.figures.length > 0">
                      <span class="card__label" [id]="card.id">{{ card.label }}</span>
                      <span class="card__figures">
                        @for (figure of card.figures; track figure) {
                          <span class="card__figure">{{ figure }}</span>
                        } @empty {
                          <span class="card__figure card__figure--none">Nothing</span>
                        }
                      </span>
                    </li>
                  }
                </ul>
                @if (perClient().length > 0) {
                  <div class="atr-table-wrap per-client">
                    <table class="atr-table" role="table">
                      <caption class="atr-visually-hidden">
                        Totals per client
                      </caption>
                      <thead role="rowgroup">
                        <tr role="row">
                          <th role="columnheader" scope="col">Client</th>
                          <th role="columnheader" scope="col">Outstanding</th>
                          <th role="columnheader" scope="col">Overdue</th>
                          <th role="columnheader" scope="col">Paid this month</th>
                          @if (canManage()) {
                            <th role="columnheader" scope="col"><span class="atr-visually-hidden">Actions</span></th>
                          }
                        </tr>
                      </thead>
                      <tbody role="rowgroup">
                        @for (row of perClient(); track row.clientId) {
                          <tr role="row">
                            <th role="rowheader" scope="row">{{ row.clientName }}</th>
                            <td role="cell"><span class="atr-cell-label">Outstanding</span>{{ row.outstanding }}</td>
                            <td role="cell"><span class="atr-cell-label">Overdue</span>{{ row.overdue }}</td>
                            <td role="cell"><span class="atr-cell-label">Paid this month</span>{{ row.paid }}</td>
                            @if (canManage()) {
                              <td role="cell" class="row-action">
                                <button
                                  mat-button
                                  type="button"
                                  (click)="editProfile(row.clientId)"
                                  [attr.aria-label]="'Billing details of ' + row.clientName"
                                >
                                  Billing details
                                </button>
                              </td>
                            }
                          </tr>
                        }
                      </tbody>
                    </table>
                  </div>
                }
              }
            }
          </section>

          <section aria-labelledby="invoices-title" class="atr-stack">
            <div class="list-head">
              <h2 id="invoices-title" class="section-title">Invoices</h2>
              @if (canManage()) {
                <button mat-button type="button" (click)="editProfile(null)">
                  <mat-icon>badge</mat-icon>Client billing details
                </button>
              }
            </div>
            <div class="filters">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Client</mat-label>
                <mat-select [ngModel]="clientFilter()" (ngModelChange)="setClient($event)">
                  <mat-option [value]="null">All clients</mat-option>
                  @for (client of clients(); track client.id) {
                    <mat-option [value]="client.id">{{ client.name }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Status</mat-label>
                <mat-select [ngModel]="statusFilter()" (ngModelChange)="setStatus($event)">
                  <mat-option [value]="null">Any status</mat-option>
                  <mat-option value="overdue">Overdue</mat-option>
                  @for (status of statuses; track status) {
                    <mat-option [value]="status">{{ label(status) }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            </div>

            @switch (listState().status) {
              @case ('loading') {
                <div role="status">
                  <mat-progress-bar mode="indeterminate" aria-label="Loading invoices" />
                  <span class="atr-visually-hidden">Loading invoices…</span>
                </div>
              }
              @case ('error') {
                <atr-notice kind="error" [message]="listError()">
                  <button mat-stroked-button type="button" (click)="loadList()">Try again</button>
                </atr-notice>
              }
              @case ('ready') {
                @if (invoices().length === 0) {
                  <div class="empty">
                    <mat-icon aria-hidden="true">receipt_long</mat-icon>
                    <h3>{{ filtered() ? 'No invoices match' : 'No invoices yet' }}</h3>
                    <p class="atr-muted">
                      {{
                        filtered()
                          ? 'Try another client or status.'
                          : 'Create an invoice, check it, and send it: your client gets an email and can pay online.'
                      }}
                    </p>
                  </div>
                } @else {
                  <div class="atr-table-wrap">
                    <table class="atr-table invoices" role="table">
                      <caption class="atr-visually-hidden">
                        Invoices
                      </caption>
                      <thead role="rowgroup">
                        <tr role="row">
                          <th role="columnheader" scope="col">Number</th>
                          <th role="columnheader" scope="col">Client</th>
                          <th role="columnheader" scope="col">Status</th>
                          <th role="columnheader" scope="col">Issued</th>
                          <th role="columnheader" scope="col">Due</th>
                          <th role="columnheader" scope="col" class="num">Total</th>
                          <th role="columnheader" scope="col" class="num">Balance</th>
                        </tr>
                      </thead>
                      <tbody role="rowgroup">
                        @for (invoice of invoices(); track invoice.id) {
                          <tr role="row">
                            <th role="rowheader" scope="row">
                              <a [routerLink]="invoiceLink(invoice)">{{ number(invoice) }}</a>
                            </th>
                            <td role="cell"><span class="atr-cell-label">Client</span>{{ invoice.clientName }}</td>
                            <td role="cell">
                              <span class="atr-cell-label">Status</span>
                              <atr-invoice-status-chip [status]="shown(invoice)" />
                            </td>
                            <td role="cell"><span class="atr-cell-label">Issued</span>{{ day(invoice.issueDate) }}</td>
                            <td role="cell"><span class="atr-cell-label">Due</span>{{ day(invoice.dueDate) }}</td>
                            <td role="cell" class="num">
                              <span class="atr-cell-label">Total</span>{{ money(invoice.total, invoice.currency) }}
                            </td>
                            <td role="cell" class="num">
                              <span class="atr-cell-label">Balance</span>{{ money(invoice.balance, invoice.currency) }}
                            </td>
                          </tr>
                        }
                      </tbody>
                    </table>
                  </div>
                  @if (nextCursor()) {
                    <div class="more">
                      <button mat-stroked-button type="button" [disabled]="loadingMore()" (click)="loadMore()">
                        Load more invoices
                      </button>
                      <atr-notice [message]="moreError()" kind="error" />
                    </div>
                  }
                }
              }
            }
          </section>
        </div>
      </atr-billing-tabs>
    </div>
  `,
  styles: `
    .section-title {
      font: var(--mat-sys-title-large);
      margin-bottom: 12px;
    }
    .cards {
      list-style: none;
      margin: 0 0 16px;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 200px), 1fr));
      gap: 12px;
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 16px;
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .card--alert {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      border-color: transparent;
    }
    .card__label {
      font: var(--mat-sys-label-large);
    }
    .card__figures {
      display: flex;
      flex-direction: column;
    }
    .card__figure {
      font: var(--mat-sys-headline-small);
      font-variant-numeric: tabular-nums;
      overflow-wrap: anywhere;
    }
    .card__figure--none {
      font: var(--mat-sys-title-medium);
      opacity: 0.8;
    }
    .list-head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 8px;
      .section-title {
        margin: 0;
      }
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      mat-form-field {
        min-width: 200px;
        flex: 1 1 200px;
        max-width: 320px;
      }
    }
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .invoices a {
      font-weight: 500;
    }
    .row-action {
      text-align: right;
    }
    .empty {
      text-align: center;
      padding: 40px 16px;
      mat-icon {
        font-size: 48px;
        width: 48px;
        height: 48px;
        color: var(--mat-sys-primary);
      }
      h3 {
        font: var(--mat-sys-title-large);
      }
    }
    .more {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
    }
    @container (max-width: 719.98px) {
      .num {
        text-align: left;
      }
      .row-action {
        text-align: left;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BillingPage {
  private readonly api = inject(BillingApi);
  private readonly clientsApi = inject(ClientsApi);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly canManage = injectBillingRole().canManage;

  protected readonly newLink = `${WEB_PATHS.agencyBilling}/invoices/new`;
  protected readonly statuses = INVOICE_STATUSES;
  protected readonly clients = toSignal(this.clientsApi.listAll().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly clientFilter = signal<string | null>(null);
  protected readonly statusFilter = signal<StatusFilter>(null);
  protected readonly filtered = computed(() => this.clientFilter() !== null || this.statusFilter() !== null);

  protected readonly totalsState = signal<LoadState<InvoiceTotalsResponse>>({ status: 'loading' });
  protected readonly listState = signal<LoadState<null>>({ status: 'loading' });
  protected readonly invoices = signal<InvoiceSummaryView[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<string | null>(null);
  private listRequest: Subscription | null = null;

  protected readonly totalsError = computed(() => {
    const state = this.totalsState();
    return state.status === 'error' ? `The totals could not be loaded. ${state.error.message}` : null;
  });
  protected readonly listError = computed(() => {
    const state = this.listState();
    return state.status === 'error' ? `Invoices could not be loaded. ${state.error.message}` : null;
  });
  protected readonly cards = computed(() => {
    const state = this.totalsState();
    const all = state.status === 'ready' ? state.value.all : [];
    return [
      { id: 'total-outstanding', label: 'Outstanding', figures: perCurrency(all, 'outstanding'), alert: false },
      { id: 'total-overdue', label: 'Overdue', figures: perCurrency(all, 'overdue'), alert: true },
      { id: 'total-paid', label: 'Paid this month', figures: perCurrency(all, 'paidThisMonth'), alert: false },
    ];
  });
  protected readonly perClient = computed(() => {
    const state = this.totalsState();
    if (state.status !== 'ready') return [];
    const join = (figures: string[]) => (figures.length ? figures.join(' · ') : '—');
    return state.value.perClient.map((row) => ({
      clientId: row.clientId,
      clientName: row.clientName,
      outstanding: join(perCurrency(row.totals, 'outstanding')),
      overdue: join(perCurrency(row.totals, 'overdue')),
      paid: join(perCurrency(row.totals, 'paidThisMonth')),
    }));
  });

  constructor() {
    this.loadTotals();
    this.loadList();
  }

  protected loadTotals(): void {
    this.api
      .totals()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.totalsState.set(state));
  }

  protected loadList(): void {
    this.listRequest?.unsubscribe();
    this.listState.set({ status: 'loading' });
    this.moreError.set(null);
    const status = this.statusFilter();
    this.listRequest = this.api
      .list({
        clientId: this.clientFilter(),
        status: status === 'overdue' ? null : status,
        overdue: status === 'overdue',
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.invoices.set(page.invoices);
          this.nextCursor.set(page.nextCursor);
          this.listState.set({ status: 'ready', value: null });
        },
        error: (error: unknown) => this.listState.set({ status: 'error', error: toApiError(error) }),
      });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    const status = this.statusFilter();
    this.api
      .list({
        clientId: this.clientFilter(),
        status: status === 'overdue' ? null : status,
        overdue: status === 'overdue',
        cursor,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.invoices.update((list) => [...list, ...page.invoices]);
          this.nextCursor.set(page.nextCursor);
          this.loadingMore.set(false);
        },
        error: (error: unknown) => {
          this.moreError.set(`More invoices could not be loaded. ${toApiError(error).message}`);
          this.loadingMore.set(false);
        },
      });
  }

  protected setClient(clientId: string | null): void {
    this.clientFilter.set(clientId);
    this.loadList();
  }

  protected setStatus(status: StatusFilter): void {
    this.statusFilter.set(status);
    this.loadList();
  }

  protected editProfile(clientId: string | null): void {
    this.dialog
      .open<BillingProfileDialogComponent, BillingProfileDialogData, boolean>(BillingProfileDialogComponent, {
        ...DIALOG_SIZE,
        width: '640px',
        data: { clientId, clients: this.clients() },
      })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) this.toast.show('Billing details saved. New invoices use them.');
      });
  }

  protected label(status: InvoiceStatus): string {
    return statusLabel(status);
  }

  protected shown(invoice: InvoiceSummaryView) {
    return shownStatus(invoice);
  }

  protected number(invoice: InvoiceSummaryView): string {
    return invoiceNumber(invoice);
  }

  protected invoiceLink(invoice: InvoiceSummaryView): string {
    return `${WEB_PATHS.agencyBilling}/invoices/${invoice.id}`;
  }

  protected day(value: string): string {
    return formatDay(value);
  }

  protected money(amount: number, currency: string): string {
    return formatMoney(amount, currency);
  }
}
