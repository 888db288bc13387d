import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, WEB_PATHS } from '@atrium/shared';
import { finalize } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { BrandService } from '../../../core/branding/brand.service';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { AuthApi } from '../data-access/auth.api';

function matchesPassword(control: AbstractControl): ValidationErrors | null {
  const password: unknown = control.parent?.get('password')?.value;
  return control.value && control.value !== password ? { mismatch: true } : null;
}

@Component({
  selector: 'atr-reset-password-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    RouterLink,
    NoticeComponent,
    SubmitButtonComponent,
  ],
  templateUrl: './reset-password.page.html',
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
    }
    .done-icon {
      width: 48px;
      height: 48px;
      font-size: 48px;
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordPage {
  private readonly api = inject(AuthApi);
  private readonly auth = inject(AuthService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly token = input<string | undefined>();

  private readonly brands = inject(BrandService);
  /** Links that stay on the agency's sign-in address when the page is on one. */
  protected readonly loginLink = computed(() => this.brands.signInPath(WEB_PATHS.login));
  protected readonly forgotLink = computed(() => this.brands.signInPath(WEB_PATHS.forgotPassword));
  protected readonly passwordMin = PASSWORD_MIN_LENGTH;
  protected readonly passwordMax = PASSWORD_MAX_LENGTH;
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly done = signal(false);
  protected readonly signedIn = this.auth.isSignedIn;
  protected readonly homeUrl = this.auth.homeUrl;

  protected readonly form = inject(FormBuilder).nonNullable.group({
    password: [
      '',
      [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)],
    ],
    confirmPassword: ['', [Validators.required, matchesPassword]],
  });
  protected readonly serverError = serverError;

  constructor() {
    // The confirmation must be re-checked when the first field changes, not only its own.
    this.form.controls.password.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => this.form.controls.confirmPassword.updateValueAndValidity());
  }

  protected submit(): void {
    const token = this.token();
    if (!token || this.submitting()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.formError.set(null);
    this.submitting.set(true);
    this.api
      .resetPassword({ token, password: this.form.controls.password.value })
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: () => this.done.set(true),
        error: (error: unknown) => this.formError.set(applyServerErrors(this.form, toApiError(error))),
      });
  }
}
