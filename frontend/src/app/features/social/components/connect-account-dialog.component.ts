import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import type { SocialProviderInfo } from '@atrium/shared';
import { Observable } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import type { ClientOption } from '../../clients/data-access/clients.api';
import { providerIcon } from '../provider-ui';

export interface ConnectAccountDialogData {
  readonly provider: SocialProviderInfo;
  readonly clients: readonly ClientOption[];
  /** Preselected client (the page's filter), or null for Unassigned. */
  readonly clientId: string | null;
  /** Starts the OAuth round trip; on success the browser leaves the app. */
  readonly start: (clientId: string | null) => Observable<void>;
}

/** Optional assignment before leaving for the provider: the account can land on a client at once. */
@Component({
  selector: 'atr-connect-account-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    NoticeComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>Connect a {{ data.provider.name }} account</h2>
    <mat-dialog-content class="atr-form">
      <p class="intro">
        You will sign in on {{ data.provider.name }} and allow Atrium to post, then come back here. Accounts you manage
        there are added to your workspace.
      </p>
      <atr-notice [message]="error()" kind="error" />
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Assign to client</mat-label>
        <mat-select [formControl]="client">
          <!-- mat-select shows nothing for a null value: '' stands for Unassigned. -->
          <mat-option value="">Unassigned</mat-option>
          @for (option of data.clients; track option.id) {
            <mat-option [value]="option.id">{{ option.name }}</mat-option>
          }
        </mat-select>
        <mat-hint>Optional. You can assign or change the client later.</mat-hint>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button
        mat-flat-button
        type="button"
        [disabled]="starting()"
        [attr.aria-busy]="starting() ? 'true' : null"
        (click)="connect()"
      >
        @if (starting()) {
          <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
        } @else {
          <mat-icon aria-hidden="true">{{ icon }}</mat-icon>
        }
        Connect {{ data.provider.name }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .intro {
      margin: 0 0 12px;
    }
    mat-progress-spinner {
      display: inline-block;
      margin-right: 8px;
      vertical-align: middle;
      --mat-progress-spinner-active-indicator-color: currentColor;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectAccountDialogComponent {
  protected readonly data = inject<ConnectAccountDialogData>(MAT_DIALOG_DATA);
  protected readonly client = new FormControl(this.data.clientId ?? '', { nonNullable: true });
  protected readonly icon = providerIcon(this.data.provider.id);
  protected readonly starting = signal(false);
  protected readonly error = signal<string | null>(null);

  protected connect(): void {
    if (this.starting()) {
      return;
    }
    this.starting.set(true);
    this.error.set(null);
    // On success the browser leaves for the provider: the button stays busy until then.
    this.data.start(this.client.value || null).subscribe({
      error: (error: unknown) => {
        this.starting.set(false);
        this.error.set(toApiError(error).message);
      },
    });
  }
}
