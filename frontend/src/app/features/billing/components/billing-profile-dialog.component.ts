import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { BillingProfileView, ClientSummary, UpdateBillingProfileRequest } from '@atrium/shared';
import { toApiError } from '../../../core/http/api-error';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { BillingApi } from '../data-access/billing.api';
import { BillingProfileFormComponent } from './billing-profile-form.component';

export interface BillingProfileDialogData {
  /** The client whose details to edit; null lets the person pick one. */
  readonly clientId: string | null;
  readonly clients: readonly Pick<ClientSummary, 'id' | 'name'>[];
}

/** The agency edits a client's billing details (owners and admins). */
@Component({
  selector: 'atr-billing-profile-dialog',
  imports: [
    FormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    NoticeComponent,
    BillingProfileFormComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>Billing details{{ clientName() ? ' of ' + clientName() : '' }}</h2>
    <mat-dialog-content>
      @if (!data.clientId) {
        <mat-form-field class="picker" subscriptSizing="dynamic">
          <mat-label>Client</mat-label>
          <mat-select [ngModel]="clientId()" (ngModelChange)="pick($event)">
            @for (client of data.clients; track client.id) {
              <mat-option [value]="client.id">{{ client.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      @if (loading()) {
        <div role="status">
          <mat-progress-bar mode="indeterminate" aria-label="Loading the billing details" />
        </div>
      }
      <atr-notice [message]="loadError()" kind="error" />
      @if (profile(); as current) {
        <atr-billing-profile-form [profile]="current" [fallbackName]="clientName()" [save]="save" (saved)="done()">
          <button mat-button type="button" mat-dialog-close>Cancel</button>
        </atr-billing-profile-form>
      } @else if (!loading()) {
        <div class="actions"><button mat-button type="button" mat-dialog-close>Cancel</button></div>
      }
    </mat-dialog-content>
  `,
  styles: `
    .picker {
      width: 100%;
      margin: 8px 0 16px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BillingProfileDialogComponent {
  protected readonly data = inject<BillingProfileDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<BillingProfileDialogComponent, boolean>>(MatDialogRef);
  private readonly api = inject(BillingApi);

  protected readonly clientId = signal<string | null>(this.data.clientId);
  protected readonly profile = signal<BillingProfileView | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly save = (body: UpdateBillingProfileRequest) => this.api.saveProfile(this.clientId() ?? '', body);

  constructor() {
    if (this.data.clientId) this.pick(this.data.clientId);
  }

  protected clientName(): string {
    return this.data.clients.find((client) => client.id === this.clientId())?.name ?? '';
  }

  protected pick(clientId: string): void {
    this.clientId.set(clientId);
    this.profile.set(null);
    this.loadError.set(null);
    this.loading.set(true);
    this.api.profile(clientId).subscribe({
      next: (profile) => {
        this.profile.set(profile);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.loadError.set(`The billing details could not be loaded. ${toApiError(error).message}`);
        this.loading.set(false);
      },
    });
  }

  protected done(): void {
    this.dialogRef.close(true);
  }
}
