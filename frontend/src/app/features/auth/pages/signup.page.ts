import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, WEB_PATHS } from '@atrium/shared';
import { finalize } from 'rxjs';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { AuthApi } from '../data-access/auth.api';

@Component({
  selector: 'atr-signup-page',
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
  templateUrl: './signup.page.html',
  styles: `
    .inbox {
      text-align: center;
    }
    .inbox h1 {
      font: var(--mat-sys-headline-small);
    }
    .inbox p {
      margin: 0;
    }
    .inbox__icon {
      align-self: center;
      width: 48px;
      height: 48px;
      font-size: 48px;
      color: var(--mat-sys-primary);
    }
    .inbox strong {
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignupPage {
  private readonly api = inject(AuthApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly paths = WEB_PATHS;
  protected readonly passwordMin = PASSWORD_MIN_LENGTH;
  protected readonly passwordMax = PASSWORD_MAX_LENGTH;
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  /** Set once the agency was created: the page turns into "Check your inbox". */
  protected readonly sentTo = signal<string | null>(null);
  protected readonly resending = signal(false);
  protected readonly resendNotice = signal<{ kind: 'info' | 'error'; text: string } | null>(null);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    agencyName: ['', [Validators.required, Validators.maxLength(NAME_MAX_LENGTH)]],
    name: ['', [Validators.required, Validators.maxLength(NAME_MAX_LENGTH)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    password: [
      '',
      [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)],
    ],
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
    const value = this.form.getRawValue();
    this.formError.set(null);
    this.submitting.set(true);
    this.api
      .signup({ ...value, agencyName: value.agencyName.trim(), name: value.name.trim() })
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: () => {
          this.sentTo.set(value.email);
          // The form is gone: move focus to the news so screen readers hear it.
          afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#inbox-title')?.focus(), {
            injector: this.injector,
          });
        },
        error: (error: unknown) => {
          this.formError.set(applyServerErrors(this.form, toApiError(error)));
          focusFirstInvalid(this.host.nativeElement);
        },
      });
  }

  protected resend(): void {
    const email = this.sentTo();
    if (!email || this.resending()) {
      return;
    }
    this.resending.set(true);
    this.resendNotice.set(null);
    this.api
      .resendConfirmation({ email })
      .pipe(finalize(() => this.resending.set(false)))
      .subscribe({
        next: (response) => this.resendNotice.set({ kind: 'info', text: response.message }),
        error: (error: unknown) => this.resendNotice.set({ kind: 'error', text: toApiError(error).message }),
      });
  }
}
