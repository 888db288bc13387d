import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MAX_CONTRACT_REASON_LENGTH, type ContractView } from '@atrium/shared';
import { Observable } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { DIALOG_SIZE, OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { actionErrorMessage } from './contract-wording';

export interface DeclineDialogData {
  readonly title: string;
  readonly agencyName: string;
  /** Sends the decline; the dialog closes with its answer, or shows why it failed. */
  readonly decline: (reason: string) => Observable<ContractView>;
}

/**
 * Declining stops the contract for everyone, so it asks why (the agency and the others are told)
 * and says so before the person confirms.
 */
@Component({
  selector: 'atr-decline-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    NoticeComponent,
    ReactiveFormsModule,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>Decline this contract?</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>
          Declining stops “{{ data.title }}” for everyone: nobody can sign it any more. {{ data.agencyName }} and the
          other people on it are told, with your reason.
        </p>
        <atr-notice kind="error" [message]="error()" />
        <mat-form-field class="atr-full-width" subscriptSizing="dynamic">
          <mat-label>Why do you decline?</mat-label>
          <textarea
            matInput
            class="reason"
            rows="4"
            required
            formControlName="reason"
            [maxlength]="maxLength"
            cdkFocusInitial
          ></textarea>
          <mat-hint align="end">{{ reason.value.length }} / {{ maxLength }}</mat-hint>
          @if (reason.hasError('required')) {
            <mat-error>Say why you decline, so that everyone knows.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">Keep the contract</button>
        <button
          mat-flat-button
          type="submit"
          class="destructive"
          [disabled]="busy()"
          [disabledInteractive]="true"
          [attr.aria-busy]="busy() ? 'true' : null"
        >
          @if (busy()) {
            <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
          }
          Decline contract
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    p {
      margin: 0 0 12px;
    }
    atr-notice {
      margin-bottom: 12px;
    }
    mat-dialog-actions {
      flex-wrap: wrap;
      gap: 8px;
    }
    button {
      min-height: 44px;
    }
    mat-progress-spinner {
      display: inline-block;
      margin-right: 8px;
      vertical-align: middle;
      --mat-progress-spinner-active-indicator-color: currentColor;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeclineDialogComponent {
  protected readonly data = inject<DeclineDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<DeclineDialogComponent, ContractView>>(MatDialogRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly maxLength = MAX_CONTRACT_REASON_LENGTH;
  protected readonly reason = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly form = new FormGroup({ reason: this.reason });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.busy()) return;
    const reason = this.reason.value.trim();
    if (!reason) {
      this.reason.setValue('');
      this.reason.markAsTouched();
      this.reason.markAsDirty();
      this.host.nativeElement.querySelector<HTMLElement>('.reason')?.focus();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.ref.disableClose = true;
    this.data.decline(reason).subscribe({
      next: (view) => {
        this.busy.set(false);
        this.ref.disableClose = false;
        this.ref.close(view);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.ref.disableClose = false;
        this.error.set(actionErrorMessage(toApiError(error)));
      },
    });
  }
}

/** Emits the contract as it is after declining, or nothing when the person kept it. */
export function openDeclineDialog(dialog: MatDialog, data: DeclineDialogData): Observable<ContractView | undefined> {
  return dialog
    .open<DeclineDialogComponent, DeclineDialogData, ContractView>(DeclineDialogComponent, {
      ...DIALOG_SIZE,
      role: 'alertdialog',
      data,
    })
    .afterClosed();
}
