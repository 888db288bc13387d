import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { EMAIL_MAX_LENGTH, WEB_PATHS } from '@atrium/shared';
import { finalize } from 'rxjs';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { BrandService } from '../../../core/branding/brand.service';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { AuthApi } from '../data-access/auth.api';

/** Asks for a reset link. The answer is the same whether or not the account exists. */
@Component({
  selector: 'atr-forgot-password-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    RouterLink,
    NoticeComponent,
    SubmitButtonComponent,
  ],
  template: `
    <div class="atr-auth-heading">
      <h1>Reset your password</h1>
      <p>Enter the email you sign in with and we'll send you a link to choose a new password.</p>
    </div>

    <form class="atr-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <atr-notice [message]="formError()" kind="error" />
      <atr-notice [message]="sent()" kind="success" />

      <mat-form-field>
        <mat-label>Email</mat-label>
        <input matInput type="email" formControlName="email" autocomplete="email" required />
        @if (form.controls.email.hasError('required')) {
          <mat-error>Enter your email address.</mat-error>
        } @else if (form.controls.email.hasError('email')) {
          <mat-error>Enter a valid email address.</mat-error>
        } @else if (serverError(form.controls.email); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>

      <div class="atr-form-actions">
        <atr-submit-button [busy]="submitting()">Send reset link</atr-submit-button>
      </div>
    </form>

    <nav class="atr-auth-links" aria-label="Account">
      <a [routerLink]="loginLink()">Back to sign in</a>
    </nav>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPasswordPage {
  private readonly api = inject(AuthApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  private readonly brands = inject(BrandService);
  /** Links that stay on the agency's sign-in address when the page is on one. */
  protected readonly loginLink = computed(() => this.brands.signInPath(WEB_PATHS.login));
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly sent = signal<string | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(EMAIL_MAX_LENGTH)]],
  });
  protected readonly serverError = serverError;

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.formError.set(null);
    this.sent.set(null);
    this.submitting.set(true);
    this.api
      .forgotPassword(this.form.getRawValue())
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (response) => this.sent.set(response.message),
        error: (error: unknown) => this.formError.set(applyServerErrors(this.form, toApiError(error))),
      });
  }
}
