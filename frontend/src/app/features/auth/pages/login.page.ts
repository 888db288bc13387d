import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import {
  EMAIL_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  WEB_PATHS,
  type MeResponse,
  type TwoFactorChallengeResponse,
} from '@atrium/shared';
import { finalize } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { resolveReturnUrl } from '../../../core/auth/return-url';
import { BrandService } from '../../../core/branding/brand.service';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { DevMailboxApi } from '../../dev-mailbox/data-access/dev-mailbox.api';
import { TwoFactorSignInComponent } from '../../two-factor/components/two-factor-sign-in.component';

@Component({
  selector: 'atr-login-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    RouterLink,
    NoticeComponent,
    SubmitButtonComponent,
    TwoFactorSignInComponent,
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
  /** The password was right and a second step is asked for (a code, or setting it up). */
  protected readonly challenge = signal<TwoFactorChallengeResponse | null>(null);
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
        next: (outcome) => {
          if (outcome.kind === 'two-factor') {
            this.challenge.set(outcome.challenge);
          } else {
            this.enter(outcome.me);
          }
        },
        error: (error: unknown) => {
          this.formError.set(applyServerErrors(this.form, toApiError(error)));
        },
      });
  }

  protected enter(me: MeResponse): void {
    void this.router.navigateByUrl(resolveReturnUrl(this.returnUrl(), me.audience));
  }

  /** Back from the second step: the password again (the email stays), and why when it expired. */
  protected restart(message: string | null): void {
    this.challenge.set(null);
    this.form.controls.password.reset('');
    this.formError.set(message);
  }
}
