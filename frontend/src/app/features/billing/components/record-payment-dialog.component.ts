import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  MANUAL_PAYMENT_METHODS,
  formatMoney,
  parseMajorAmount,
  toMajorString,
  type InvoiceView,
  type PaymentMethod,
} from '@atrium/shared';
import { finalize } from 'rxjs';
import { applyServerErrors, toApiError } from '../../../core/http/api-error';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { PAYMENT_METHOD_LABELS, today } from '../billing-wording';
import { BillingApi } from '../data-access/billing.api';
import { amountError, fieldError } from '../invoice-form';

/** Records a payment received outside Atrium (bank transfer, cash…); partial payments are fine. */
@Component({
  selector: 'atr-record-payment-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    NoticeComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>Record a payment</h2>
    <form class="dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="atr-form">
        <p class="atr-muted intro">
          For money you received another way, e.g. a bank transfer. {{ balanceText }} is still to pay.
        </p>
        <atr-notice [message]="formError()" kind="error" />
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Amount</mat-label>
          <input matInput formControlName="amount" inputmode="decimal" autocomplete="off" required />
          <span matTextSuffix>{{ invoice.currency }}</span>
          @if (form.controls.amount.invalid) {
            <mat-error>{{ error(form.controls.amount, 'the amount') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Method</mat-label>
          <mat-select formControlName="method" required>
            @for (method of methods; track method) {
              <mat-option [value]="method">{{ methodLabels[method] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Paid on</mat-label>
          <input matInput type="date" formControlName="paidOn" required [max]="todayValue" />
          @if (form.controls.paidOn.invalid) {
            <mat-error>{{ error(form.controls.paidOn, 'the date') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Reference (optional)</mat-label>
          <input matInput formControlName="reference" autocomplete="off" />
          <mat-hint>E.g. the bank transfer's reference.</mat-hint>
          @if (form.controls.reference.invalid) {
            <mat-error>{{ error(form.controls.reference) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()" [attr.aria-busy]="saving() ? 'true' : null">
          Record payment
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .dialog-form {
      display: contents;
    }
    .intro {
      margin: 0 0 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordPaymentDialogComponent {
  protected readonly invoice = inject<InvoiceView>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RecordPaymentDialogComponent, InvoiceView>>(MatDialogRef);
  private readonly api = inject(BillingApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly methods = MANUAL_PAYMENT_METHODS;
  protected readonly methodLabels = PAYMENT_METHOD_LABELS;
  protected readonly todayValue = today();
  protected readonly balanceText = formatMoney(this.invoice.balance, this.invoice.currency);
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly form = new FormGroup({
    amount: new FormControl(toMajorString(this.invoice.balance, this.invoice.currency), {
      nonNullable: true,
      validators: [Validators.required, (control: AbstractControl) => this.checkAmount(String(control.value))],
    }),
    method: new FormControl<PaymentMethod>('bank_transfer', { nonNullable: true, validators: [Validators.required] }),
    paidOn: new FormControl(today(), { nonNullable: true, validators: [Validators.required] }),
    reference: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
  });

  private checkAmount(text: string): { invalid: string } | null {
    const format = amountError(text, this.invoice.currency);
    if (format) return { invalid: format };
    const minor = parseMajorAmount(text, this.invoice.currency) ?? 0;
    if (minor <= 0) return { invalid: 'Enter more than 0.' };
    if (minor > this.invoice.balance) return { invalid: `Enter at most the balance, ${this.balanceText}.` };
    return null;
  }

  protected error(control: Parameters<typeof fieldError>[0], what?: string): string | null {
    return fieldError(control, what);
  }

  protected submit(): void {
    if (this.saving()) return;
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      requestAnimationFrame(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const value = this.form.getRawValue();
    this.saving.set(true);
    this.api
      .recordPayment(this.invoice.id, {
        amount: parseMajorAmount(value.amount, this.invoice.currency) ?? 0,
        method: value.method,
        paidOn: value.paidOn,
        reference: value.reference.trim(),
      })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (invoice) => this.dialogRef.close(invoice),
        error: (error: unknown) => {
          this.formError.set(applyServerErrors(this.form, toApiError(error)));
          requestAnimationFrame(() => focusFirstInvalid(this.host.nativeElement));
        },
      });
  }
}
