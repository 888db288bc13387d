import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { BulkResult } from '@atrium/shared';
import { finalize } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ClientsApi } from '../../clients/data-access/clients.api';
import type { ClientChoice } from '../../members/components/invite-dialog.component';
import { loginEmailSelectionProblem } from '../../members/member-source';
import { ClientPeople, loadClientPeople } from './client-people';

export interface SendLoginEmailDialogData {
  readonly clients: readonly ClientChoice[];
}

/** Show the filter once the list is long enough to need it. */
const FILTER_FROM = 8;

/**
 * Dashboard quick action [003]: pick client users across clients and email each a one-click
 * sign-in button. Someone in two clients is one person: ticking them once ticks them everywhere.
 */
@Component({
  selector: 'atr-send-login-email-dialog',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    NoticeComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>Send login email</h2>
    <mat-dialog-content>
      <p class="intro">Each person you pick gets an email with a button that signs them in to your portal.</p>
      @switch (state().status) {
        @case ('loading') {
          <div role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Loading your client users" />
            <span class="atr-visually-hidden">Loading your client users…</span>
          </div>
        }
        @case ('error') {
          <atr-notice kind="error" [message]="loadError()">
            <button mat-stroked-button type="button" (click)="load()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (total() === 0) {
            <atr-notice kind="info" message="None of your client users has joined yet. Invite them first." />
          } @else {
            @if (total() >= filterFrom) {
              <mat-form-field class="filter">
                <mat-label>Filter people</mat-label>
                <input matInput type="search" [value]="filter()" (input)="filter.set($any($event.target).value)" />
              </mat-form-field>
            }
            @for (group of visibleGroups(); track group.client.id) {
              <fieldset class="group">
                <legend>{{ group.client.name }}</legend>
                @for (person of group.people; track person.id) {
                  <mat-checkbox [checked]="selected().has(person.id)" (change)="toggle(person.id, $event.checked)">
                    {{ person.name }} <span class="atr-muted">({{ person.email }})</span>
                  </mat-checkbox>
                }
              </fieldset>
            } @empty {
              <p class="atr-muted">Nobody matches “{{ filter() }}”.</p>
            }
          }
        }
      }
      <atr-notice [message]="sendError()" kind="error" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <span class="count" aria-live="polite">{{ selected().size }} selected</span>
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" [disabled]="selected().size === 0 || sending()" (click)="send()">
        Send login email
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .intro {
      margin: 0 0 12px;
    }
    .filter {
      width: 100%;
    }
    .group {
      display: flex;
      flex-direction: column;
      margin: 0 0 12px;
      padding: 4px 0 0;
      border: 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    legend {
      padding: 0 8px 0 0;
      font: var(--mat-sys-title-small);
    }
    mat-checkbox {
      overflow-wrap: anywhere;
    }
    .count {
      margin-right: auto;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SendLoginEmailDialogComponent {
  protected readonly data = inject<SendLoginEmailDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(ClientsApi);
  private readonly dialogRef = inject<MatDialogRef<SendLoginEmailDialogComponent, BulkResult>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly filterFrom = FILTER_FROM;
  protected readonly state = signal<LoadState<ClientPeople[]>>({ status: 'loading' });
  protected readonly filter = signal('');
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly sending = signal(false);
  protected readonly sendError = signal<string | null>(null);

  private readonly groups = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value.filter((group) => group.people.length > 0) : [];
  });
  protected readonly total = computed(() => this.groups().reduce((sum, group) => sum + group.people.length, 0));
  protected readonly visibleGroups = computed(() => {
    const query = this.filter().trim().toLowerCase();
    if (!query) {
      return this.groups();
    }
    return this.groups()
      .map((group) => ({
        ...group,
        people: group.people.filter(
          (person) =>
            person.name.toLowerCase().includes(query) ||
            person.email.toLowerCase().includes(query) ||
            group.client.name.toLowerCase().includes(query),
        ),
      }))
      .filter((group) => group.people.length > 0);
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? `We could not load your client users. ${state.error.message}` : '';
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    loadClientPeople(this.api, this.data.clients)
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }

  protected toggle(id: string, checked: boolean): void {
    const next = new Set(this.selected());
    if (checked) {
      next.add(id);
    } else {
      next.delete(id);
    }
    this.selected.set(next);
  }

  protected send(): void {
    const userIds = [...this.selected()];
    if (userIds.length === 0 || this.sending()) {
      return;
    }
    const problem = loginEmailSelectionProblem(userIds.length);
    if (problem) {
      this.sendError.set(problem);
      return;
    }
    this.sending.set(true);
    this.sendError.set(null);
    this.api
      .sendLoginEmails(userIds)
      .pipe(finalize(() => this.sending.set(false)))
      .subscribe({
        next: (result) => this.dialogRef.close(result),
        error: (error: unknown) => this.sendError.set(toApiError(error).message),
      });
  }
}
