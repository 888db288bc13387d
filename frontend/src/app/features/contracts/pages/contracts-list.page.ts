import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { CONTRACT_STATUS_LABELS, WEB_PATHS, type ContractList, type ContractStatus } from '@atrium/shared';
import { BehaviorSubject, catchError, forkJoin, of, switchMap } from 'rxjs';
import { toLoadState } from '../../../core/http/load-state';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { fullDateTime } from '../../../core/ui/time';
import { ClientsApi } from '../../clients/data-access/clients.api';
import { ContractStatusChipComponent } from '../components/contract-status-chip.component';
import { NewContractDialogComponent, type NewContractData } from '../components/new-contract-dialog.component';
import { ContractsApi } from '../data-access/contracts.api';

/** Contracts: every contract of the agency, most recently changed first; start a new one. */
@Component({
  selector: 'atr-contracts-list-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    RouterLink,
    NoticeComponent,
    ContractStatusChipComponent,
  ],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1>Contracts</h1>
          <p class="atr-muted">Send documents to your clients' people for signature and follow where they stand.</p>
        </div>
        <button mat-flat-button type="button" (click)="startNew()" [disabled]="!ready()">
          <mat-icon>add</mat-icon>New contract
        </button>
      </header>

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
            @for (status of statuses; track status) {
              <mat-option [value]="status">{{ labels[status] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>

      @switch (state().status) {
        @case ('loading') {
          <div class="loading" role="status"><mat-spinner diameter="32" /><span>Loading contracts…</span></div>
        }
        @case ('error') {
          <atr-notice kind="error" [message]="errorMessage()">
            <button mat-button type="button" (click)="reload()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (items().length === 0) {
            <div class="empty">
              <mat-icon aria-hidden="true">draw</mat-icon>
              <h2>No contracts {{ filtered() ? 'match' : 'yet' }}</h2>
              <p class="atr-muted">
                {{
                  filtered()
                    ? 'Try another client or status.'
                    : 'Upload a PDF, place the fields, and send it to your client for signature.'
                }}
              </p>
            </div>
          } @else {
            <ul class="list" aria-label="Contracts">
              @for (contract of items(); track contract.id) {
                <li>
                  <a class="row" [routerLink]="[contract.id]">
                    <span class="row__title">{{ contract.title }}</span>
                    <span class="row__client atr-muted">{{ contract.clientName }}</span>
                    <atr-contract-status-chip [status]="contract.status" />
                    <span class="row__progress">
                      @if (contract.status !== 'draft') {
                        {{ contract.progress.done }} of {{ contract.progress.total }} signed
                      }
                    </span>
                    <span class="row__date atr-muted">Updated {{ when(contract.updatedAt) }}</span>
                  </a>
                </li>
              }
            </ul>
          }
        }
      }
    </div>
  `,
  styles: `
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
    .loading {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    .empty {
      text-align: center;
      padding: 48px 16px;
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
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .row {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) auto auto;
      gap: 4px 16px;
      align-items: center;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      color: inherit;
      text-decoration: none;
      &:hover {
        background: var(--mat-sys-surface-container);
      }
    }
    .row__title {
      font: var(--mat-sys-title-medium);
      overflow-wrap: anywhere;
    }
    .row__date {
      grid-column: 1 / -1;
      font: var(--mat-sys-body-small);
    }
    @media (max-width: 599px) {
      .row {
        grid-template-columns: minmax(0, 1fr) auto;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractsListPage {
  private readonly api = inject(ContractsApi);
  private readonly clientsApi = inject(ClientsApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);

  protected readonly labels = CONTRACT_STATUS_LABELS;
  protected readonly statuses = Object.keys(CONTRACT_STATUS_LABELS) as ContractStatus[];
  protected readonly clientFilter = signal<string | null>(null);
  protected readonly statusFilter = signal<ContractStatus | null>(null);
  private readonly reloads = new BehaviorSubject<void>(undefined);

  protected readonly clients = toSignal(this.clientsApi.listAll().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly state = toSignal(
    this.reloads.pipe(
      switchMap(() =>
        toLoadState(
          this.api.list({ clientId: this.clientFilter() ?? undefined, status: this.statusFilter() ?? undefined }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as const },
  );
  private readonly list = computed<ContractList | null>(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly items = computed(() => this.list()?.items ?? []);
  protected readonly ready = computed(() => this.list() !== null);
  protected readonly filtered = computed(() => this.clientFilter() !== null || this.statusFilter() !== null);
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? `Contracts could not be loaded. ${state.error.message}` : null;
  });

  protected when(iso: string): string {
    return fullDateTime(iso);
  }

  protected setClient(clientId: string | null): void {
    this.clientFilter.set(clientId);
    this.reloads.next();
  }

  protected setStatus(status: ContractStatus | null): void {
    this.statusFilter.set(status);
    this.reloads.next();
  }

  protected reload(): void {
    this.reloads.next();
  }

  protected startNew(): void {
    const list = this.list();
    if (!list) return;
    forkJoin({ templates: this.api.templates().pipe(catchError(() => of({ items: [] }))) }).subscribe(
      ({ templates }) => {
        const data: NewContractData = {
          clients: this.clients(),
          templates: templates.items,
          limits: list.limits,
          clientId: this.clientFilter(),
        };
        this.dialog
          .open(NewContractDialogComponent, { ...DIALOG_SIZE, data })
          .afterClosed()
          .subscribe((created) => {
            if (created) void this.router.navigate([WEB_PATHS.agencyContracts, created.id]);
          });
      },
    );
  }
}
