import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, WEB_PATHS } from '@atrium/shared';
import { finalize } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { resolveReturnUrl } from '../../../core/auth/return-url';
import { BrandService } from '../../../core/branding/brand.service';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { DevMailboxApi } from '../../dev-mailbox/data-access/dev-mailbox.api';

@Component({
  selector: 'atr-login-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    RouterLink,
    NoticeComponent,
    SubmitButtonComponent,
  ],
  templateUrl: './login.page.html',
  styles: `
    .brand-text {
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .login-footer {
      margin-top: 24px;
      padding-top: 16px;
      border-top: 1px solid var(--mat-sys-outline-variant);
      font: var(--mat-sys-body-small);
      text-align: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** From `?returnUrl=`; honoured only on the user's own side (see resolveReturnUrl). */
  readonly returnUrl = input<string | undefined>();

  private readonly brands = inject(BrandService);

  protected readonly paths = WEB_PATHS;
  /** On an agency's sign-in address: its brand (headline, text, links that stay on its address). */
  protected readonly brand = this.brands.brand;
  protected readonly forgotLink = computed(() => this.brands.signInPath(WEB_PATHS.forgotPassword));
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  /** The dev mailbox link is offered only when the server captures email. */
  protected readonly devMailboxAvailable = toSignal(inject(DevMailboxApi).isAvailable(), {
    initialValue: false,
  });

  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
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
    this.submitting.set(true);
    this.auth
      .login(this.form.getRawValue())
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (me) => {
          void this.router.navigateByUrl(resolveReturnUrl(this.returnUrl(), me.audience));
        },
        error: (error: unknown) => {
          this.formError.set(applyServerErrors(this.form, toApiError(error)));
        },
      });
  }
}
