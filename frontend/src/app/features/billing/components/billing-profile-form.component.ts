import { ChangeDetectionStrategy, Component, ElementRef, effect, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type ValidatorFn } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { INVOICE_CURRENCIES, type BillingProfileView, type UpdateBillingProfileRequest } from '@atrium/shared';
import { Observable, finalize } from 'rxjs';
import { applyServerErrors, toApiError } from '../../../core/http/api-error';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { fieldError } from '../invoice-form';

export function profileForm() {
  const text = (max: number, ...rest: ValidatorFn[]) =>
    new FormControl('', { nonNullable: true, validators: [Validators.maxLength(max), ...rest] });
  return new FormGroup({
    legalName: text(200),
    email: text(254, Validators.email),
    address: new FormGroup({
      line1: text(200),
      line2: text(200),
      city: text(100),
      postalCode: text(20),
      region: text(100),
      country: new FormControl('', {
        nonNullable: true,
        validators: [Validators.pattern(/^([A-Za-z]{2})?$/)],
      }),
    }),
    taxId: text(50),
    currency: new FormControl('USD', { nonNullable: true, validators: [Validators.required] }),
    paymentTermsDays: new FormControl(14, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(0), Validators.max(365)],
    }),
  });
}

/**
 * A client's billing details: who invoices are made out to and where they go. The agency edits them
 * from Billing; the client's admins from their portal. Currency and terms are what new invoices
 * for this client start with.
 */
@Component({
  selector: 'atr-billing-profile-form',
  providers: [OUTLINED_FIELDS],
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    NoticeComponent,
    SubmitButtonComponent,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate class="profile-form">
      <atr-notice [message]="formError()" kind="error" />
      <div class="grid">
        <mat-form-field subscriptSizing="dynamic" class="wide">
          <mat-label>Legal name</mat-label>
          <input matInput formControlName="legalName" autocomplete="organization" />
          <mat-hint>The name invoices are made out to. Empty: {{ fallbackName() || 'the client name' }}.</mat-hint>
          @if (form.controls.legalName.invalid) {
            <mat-error>{{ error(form.controls.legalName) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic" class="wide">
          <mat-label>Billing email</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="email" />
          <mat-hint>Invoices and receipts also go here, besides {{ adminsWord() }}.</mat-hint>
          @if (form.controls.email.invalid) {
            <mat-error>{{
              form.controls.email.hasError('email')
                ? 'Enter an email address like name@example.com.'
                : error(form.controls.email)
            }}</mat-error>
          }
        </mat-form-field>
        <ng-container formGroupName="address">
          <mat-form-field subscriptSizing="dynamic" class="wide">
            <mat-label>Address</mat-label>
            <input matInput formControlName="line1" autocomplete="address-line1" />
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic" class="wide">
            <mat-label>Address line 2 (optional)</mat-label>
            <input matInput formControlName="line2" autocomplete="address-line2" />
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Postal code</mat-label>
            <input matInput formControlName="postalCode" autocomplete="postal-code" />
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>City</mat-label>
            <input matInput formControlName="city" autocomplete="address-level2" />
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Region or state (optional)</mat-label>
            <input matInput formControlName="region" autocomplete="address-level1" />
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Country code</mat-label>
            <input matInput formControlName="country" autocomplete="country" maxlength="2" />
            <mat-hint>Two letters, e.g. DE or US.</mat-hint>
            @if (form.controls.address.controls.country.invalid) {
              <mat-error>{{
                form.controls.address.controls.country.hasError('pattern')
                  ? 'Use the two-letter country code, e.g. DE.'
                  : error(form.controls.address.controls.country)
              }}</mat-error>
            }
          </mat-form-field>
        </ng-container>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Tax ID (optional)</mat-label>
          <input matInput formControlName="taxId" autocomplete="off" />
          @if (form.controls.taxId.invalid) {
            <mat-error>{{ error(form.controls.taxId) }}</mat-error>
          }
        </mat-form-field>
        @if (showTerms()) {
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Currency</mat-label>
            <mat-select formControlName="currency" required>
              @for (code of currencies; track code) {
                <mat-option [value]="code">{{ code }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Payment terms (days)</mat-label>
            <input matInput type="number" min="0" max="365" formControlName="paymentTermsDays" required />
            <mat-hint>Days from issue to due date.</mat-hint>
            @if (form.controls.paymentTermsDays.invalid) {
              <mat-error>{{ error(form.controls.paymentTermsDays, 'a number of days') }}</mat-error>
            }
          </mat-form-field>
        }
      </div>
      <div class="actions">
        <ng-content />
        <atr-submit-button [busy]="saving()">Save billing details</atr-submit-button>
      </div>
    </form>
  `,
  styles: `
    .profile-form {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr));
      gap: 8px 16px;
    }
    .wide {
      grid-column: 1 / -1;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 12px;
      atr-submit-button {
        min-width: 200px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BillingProfileFormComponent {
  readonly profile = input.required<BillingProfileView>();
  /** Shown as what an empty legal name falls back to. */
  readonly fallbackName = input('');
  /** Currency and payment terms are the agency's to set; a client sees them on each invoice. */
  readonly showTerms = input(true);
  readonly adminsWord = input("the client's admins");
  readonly save = input.required<(body: UpdateBillingProfileRequest) => Observable<BillingProfileView>>();
  readonly saved = output<BillingProfileView>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly currencies = INVOICE_CURRENCIES;
  protected readonly form = profileForm();
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const profile = this.profile();
      this.form.reset({
        legalName: profile.legalName,
        email: profile.email,
        address: { ...profile.address },
        taxId: profile.taxId,
        currency: profile.currency,
        paymentTermsDays: profile.paymentTermsDays,
      });
    });
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
    const body: UpdateBillingProfileRequest = {
      ...value,
      address: { ...value.address, country: value.address.country.toUpperCase() },
      paymentTermsDays: Number(value.paymentTermsDays),
    };
    this.saving.set(true);
    this.save()(body)
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (profile) => this.saved.emit(profile),
        error: (error: unknown) => {
          this.formError.set(applyServerErrors(this.form, toApiError(error)) ?? 'Some fields need your attention.');
          requestAnimationFrame(() => focusFirstInvalid(this.host.nativeElement));
        },
      });
  }
}
