import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { VOID_REASON_MAX, type InvoiceView } from '@atrium/shared';
import { finalize } from 'rxjs';
import { serverError, toApiError } from '../../../core/http/api-error';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { BillingApi } from '../data-access/billing.api';

/** Voids a sent invoice, with the reason; it cannot be undone, and there is no credit note. */
@Component({
  selector: 'atr-void-invoice-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, NoticeComponent],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>Void invoice {{ invoice.number }}?</h2>
    <form class="dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="atr-form">
        <ul class="consequences">
          <li>The invoice keeps its number but nothing is owed on it any more; the client can no longer pay it.</li>
          <li>Reminders stop. This cannot be undone.</li>
          <li>
            A credit note is not available: if money was already paid on it, settle that with the client separately.
          </li>
        </ul>
        <atr-notice [message]="formError()" kind="error" />
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Reason</mat-label>
          <textarea matInput [formControl]="reason" rows="3" required cdkFocusInitial></textarea>
          <mat-hint>Kept with the invoice, e.g. "Sent to the wrong client".</mat-hint>
          @if (reason.invalid) {
            <mat-error>
              {{
                reason.hasError('required') || reason.hasError('blank')
                  ? 'Enter why you void it.'
                  : reason.hasError('maxlength')
                    ? 'Keep it under ' + max + ' characters.'
                    : serverError(reason)
              }}
            </mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button
          mat-flat-button
          type="submit"
          class="destructive"
          [disabled]="saving()"
          [attr.aria-busy]="saving() ? 'true' : null"
        >
          Void invoice
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .dialog-form {
      display: contents;
    }
    .consequences {
      margin: 0 0 12px;
      padding-left: 20px;
      li + li {
        margin-top: 4px;
      }
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VoidInvoiceDialogComponent {
  protected readonly invoice = inject<InvoiceView>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<VoidInvoiceDialogComponent, InvoiceView>>(MatDialogRef);
  private readonly api = inject(BillingApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly max = VOID_REASON_MAX;
  protected readonly serverError = serverError;
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [
      Validators.required,
      Validators.maxLength(VOID_REASON_MAX),
      (control) => (String(control.value).trim() === '' ? { blank: true } : null),
    ],
  });
  /** The form directive handles submit (Enter or the button) without the browser posting the page. */
  protected readonly form = new FormGroup({ reason: this.reason });

  protected submit(): void {
    if (this.saving()) return;
    this.formError.set(null);
    if (this.reason.invalid) {
      this.reason.markAsTouched();
      this.host.nativeElement.querySelector('textarea')?.focus();
      return;
    }
    this.saving.set(true);
    this.api
      .void(this.invoice.id, this.reason.value.trim())
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (invoice) => this.dialogRef.close(invoice),
        error: (error: unknown) => this.formError.set(toApiError(error).message),
      });
  }
}
