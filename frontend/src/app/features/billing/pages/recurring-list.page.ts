import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { WEB_PATHS, formatMoney, type RecurringInvoiceView } from '@atrium/shared';
import { filter, finalize } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ToastService } from '../../../core/ui/toast.service';
import { injectBillingRole } from '../billing-role';
import { INTERVAL_LABELS, RECURRING_STATUS_LABELS, formatDay } from '../billing-wording';
import { BillingTabsComponent } from '../components/billing-tabs.component';
import { BillingApi } from '../data-access/billing.api';

/** Recurring invoices: templates that issue and email an invoice on a schedule. */
@Component({
  selector: 'atr-recurring-list-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, NoticeComponent, BillingTabsComponent],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1>Recurring invoices</h1>
          <p class="atr-muted">Each one issues an invoice and emails it to the client on its schedule.</p>
        </div>
        @if (canManage()) {
          <a mat-flat-button [routerLink]="newLink"><mat-icon>add</mat-icon>New recurring invoice</a>
        }
      </header>
      <atr-billing-tabs>
        <div class="atr-stack">
          <atr-notice [message]="actionError()" kind="error" />
          @switch (state().status) {
            @case ('loading') {
              <div role="status">
                <mat-progress-bar mode="indeterminate" aria-label="Loading recurring invoices" />
                <span class="atr-visually-hidden">Loading recurring invoices…</span>
              </div>
            }
            @case ('error') {
              <atr-notice kind="error" [message]="loadError()">
                <button mat-stroked-button type="button" (click)="load()">Try again</button>
              </atr-notice>
            }
            @case ('ready') {
              @if (items().length === 0) {
                <div class="empty">
                  <mat-icon aria-hidden="true">event_repeat</mat-icon>
                  <h2>No recurring invoices yet</h2>
                  <p class="atr-muted">
                    For retainers and subscriptions: set the lines once, and an invoice goes out every week, month,
                    quarter or year.
                  </p>
                </div>
              } @else {
                <div class="atr-table-wrap">
                  <table class="atr-table" role="table">
                    <caption class="atr-visually-hidden">
                      Recurring invoices
                    </caption>
                    <thead role="rowgroup">
                      <tr role="row">
                        <th role="columnheader" scope="col">Client</th>
                        <th role="columnheader" scope="col">Repeats</th>
                        <th role="columnheader" scope="col">Next invoice</th>
                        <th role="columnheader" scope="col" class="num">Total</th>
                        <th role="columnheader" scope="col">Status</th>
                        @if (canManage()) {
                          <th role="columnheader" scope="col"><span class="atr-visually-hidden">Actions</span></th>
                        }
                      </tr>
                    </thead>
                    <tbody role="rowgroup">
                      @for (item of items(); track item.id) {
                        <tr role="row">
                          <th role="rowheader" scope="row">
                            @if (canManage() && item.status !== 'ended') {
                              <a [routerLink]="editLink(item)">{{ item.clientName }}</a>
                            } @else {
                              {{ item.clientName }}
                            }
                          </th>
                          <td role="cell"><span class="atr-cell-label">Repeats</span>{{ intervals[item.interval] }}</td>
                          <td role="cell">
                            <span class="atr-cell-label">Next invoice</span
                            >{{ item.nextIssueOn ? day(item.nextIssueOn) : '—' }}
                            @if (item.endsOn) {
                              <span class="atr-muted until">until {{ day(item.endsOn) }}</span>
                            }
                          </td>
                          <td role="cell" class="num">
                            <span class="atr-cell-label">Total</span>{{ money(item.total, item.currency) }}
                          </td>
                          <td role="cell">
                            <span class="atr-cell-label">Status</span>
                            <span class="status" [class]="'status status--' + item.status">{{
                              statuses[item.status]
                            }}</span>
                            @if (item.issuedCount > 0) {
                              <span class="atr-muted until">{{ item.issuedCount }} issued</span>
                            }
                          </td>
                          @if (canManage()) {
                            <td role="cell" class="row-actions">
                              @if (item.status === 'active') {
                                <button
                                  mat-button
                                  type="button"
                                  [disabled]="busy()"
                                  (click)="act(item, 'pause')"
                                  [attr.aria-label]="'Pause for ' + item.clientName"
                                >
                                  Pause
                                </button>
                              }
                              @if (item.status === 'paused') {
                                <button
                                  mat-button
                                  type="button"
                                  [disabled]="busy()"
                                  (click)="act(item, 'resume')"
                                  [attr.aria-label]="'Resume for ' + item.clientName"
                                >
                                  Resume
                                </button>
                              }
                              @if (item.status !== 'ended') {
                                <button
                                  mat-button
                                  type="button"
                                  [disabled]="busy()"
                                  (click)="end(item)"
                                  [attr.aria-label]="'End for ' + item.clientName"
                                >
                                  End
                                </button>
                              }
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
        </div>
      </atr-billing-tabs>
    </div>
  `,
  styles: `
    .num {
      text-align: right;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .until {
      display: block;
      font: var(--mat-sys-body-small);
    }
    .status {
      font: var(--mat-sys-label-large);
    }
    .status--paused {
      color: var(--mat-sys-on-tertiary-container);
    }
    .status--ended {
      color: var(--mat-sys-on-surface-variant);
    }
    .row-actions {
      text-align: right;
      white-space: nowrap;
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
      h2 {
        font: var(--mat-sys-title-large);
      }
    }
    @container (max-width: 719.98px) {
      .num,
      .row-actions {
        text-align: left;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecurringListPage {
  private readonly api = inject(BillingApi);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly canManage = injectBillingRole().canManage;

  protected readonly newLink = `${WEB_PATHS.agencyBilling}/recurring/new`;
  protected readonly intervals = INTERVAL_LABELS;
  protected readonly statuses = RECURRING_STATUS_LABELS;
  protected readonly state = signal<LoadState<RecurringInvoiceView[]>>({ status: 'loading' });
  protected readonly items = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : [];
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? `Recurring invoices could not be loaded. ${state.error.message}` : null;
  });
  protected readonly busy = signal(false);
  protected readonly actionError = signal<string | null>(null);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.api
      .recurring()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }

  protected editLink(item: RecurringInvoiceView): string {
    return `${WEB_PATHS.agencyBilling}/recurring/${item.id}`;
  }

  protected day(value: string): string {
    return formatDay(value);
  }

  protected money(amount: number, currency: string): string {
    return formatMoney(amount, currency);
  }

  protected end(item: RecurringInvoiceView): void {
    confirmAction(this.dialog, {
      title: `End the recurring invoice for ${item.clientName}?`,
      message: 'No more invoices are issued from it. Invoices already sent stay as they are. This cannot be undone.',
      confirmLabel: 'End it',
      destructive: true,
    })
      .pipe(filter(Boolean))
      .subscribe(() => this.act(item, 'end'));
  }

  protected act(item: RecurringInvoiceView, action: 'pause' | 'resume' | 'end'): void {
    this.busy.set(true);
    this.actionError.set(null);
    this.api
      .recurringAction(item.id, action)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (updated) => {
          this.state.update((state) =>
            state.status === 'ready'
              ? { status: 'ready', value: state.value.map((one) => (one.id === updated.id ? updated : one)) }
              : state,
          );
          const words = { pause: 'paused', resume: 'resumed', end: 'ended' } as const;
          this.toast.show(`Recurring invoice for ${item.clientName} ${words[action]}.`);
        },
        error: (error: unknown) => this.actionError.set(toApiError(error).message),
      });
  }
}
