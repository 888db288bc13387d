import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { WEB_PATHS, type ContractView } from '@atrium/shared';
import { combineLatest, from, map, switchMap } from 'rxjs';
import { toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ContractDetailComponent } from '../components/contract-detail.component';
import { ContractEditorComponent } from '../components/contract-editor.component';
import { ContractStatusChipComponent } from '../components/contract-status-chip.component';
import { ContractsApi } from '../data-access/contracts.api';

/** One contract: the editor while it is a draft, then where it stands. */
@Component({
  selector: 'atr-contract-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    RouterLink,
    NoticeComponent,
    ContractDetailComponent,
    ContractEditorComponent,
    ContractStatusChipComponent,
  ],
  template: `
    <div class="atr-page atr-stack">
      <a mat-button [routerLink]="listLink" class="back"><mat-icon>arrow_back</mat-icon>Contracts</a>
      @switch (state().status) {
        @case ('loading') {
          <div class="loading" role="status"><mat-spinner diameter="32" /><span>Loading the contract…</span></div>
        }
        @case ('error') {
          <h1>Contract</h1>
          <atr-notice kind="error" [message]="errorMessage()">
            <button mat-button type="button" (click)="reload()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (contract(); as c) {
            <header class="atr-page-heading">
              <div>
                <h1>{{ c.title }}</h1>
                <p class="atr-muted">
                  For {{ c.clientName }} · {{ c.pageCount }} {{ c.pageCount === 1 ? 'page' : 'pages' }}
                </p>
              </div>
              <atr-contract-status-chip [status]="c.status" />
            </header>
            @if (c.status === 'draft') {
              <atr-contract-editor [contract]="c" [document]="document()" (changed)="show($event)" />
            } @else {
              <atr-contract-detail [contract]="c" (changed)="show($event)" />
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
    .loading {
      display: flex;
      align-items: center;
      gap: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractPage {
  private readonly api = inject(ContractsApi);
  readonly contractId = input.required<string>();

  protected readonly listLink = WEB_PATHS.agencyContracts;
  private readonly reloads = signal(0);
  private readonly latest = signal<ContractView | null>(null);

  protected readonly state = toSignal(
    combineLatest([toObservable(this.contractId), toObservable(this.reloads)]).pipe(
      switchMap(([id]) => toLoadState(this.api.get(id))),
    ),
    { initialValue: { status: 'loading' } as const },
  );
  protected readonly contract = computed(() => {
    const state = this.state();
    return this.latest() ?? (state.status === 'ready' ? state.value : null);
  });
  /** The original PDF, for the field editor (drafts only). */
  protected readonly document = toSignal(
    toObservable(this.contractId).pipe(
      switchMap((id) => this.api.file(id, 'original')),
      switchMap((blob) => from(blob.arrayBuffer())),
      map((buffer) => buffer as ArrayBuffer | null),
    ),
    { initialValue: null },
  );
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? `The contract could not be loaded. ${state.error.message}` : null;
  });

  protected show(view: ContractView): void {
    this.latest.set(view);
  }

  protected reload(): void {
    this.latest.set(null);
    this.reloads.update((n) => n + 1);
  }
}
