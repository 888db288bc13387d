import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { EMAIL_MAX_LENGTH, WEB_PATHS } from '@atrium/shared';
import { finalize } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { AuthApi } from '../data-access/auth.api';
import { LinkConfirmation } from '../link-confirmation';

/**
 * Opening the link only shows this page; the token is spent by the explicit button press, because
 * mail scanners fetch links before the person does (SPEC §5).
 */
@Component({
  selector: 'atr-confirm-email-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    RouterLink,
    NoticeComponent,
  ],
  templateUrl: './confirm-email.page.html',
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
    .resend {
      margin-top: 24px;
      padding-top: 16px;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmEmailPage {
  private readonly api = inject(AuthApi);
  private readonly auth = inject(AuthService);

  readonly token = input<string | undefined>();

  protected readonly paths = WEB_PATHS;
  protected readonly confirmation = new LinkConfirmation((token) => this.api.confirmEmail({ token }));
  protected readonly signedIn = this.auth.isSignedIn;
  protected readonly homeUrl = this.auth.homeUrl;
  protected readonly hasToken = computed(() => !!this.token());

  protected readonly resendForm = new FormGroup({
    email: new FormControl(this.auth.me()?.email ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.email, Validators.maxLength(EMAIL_MAX_LENGTH)],
    }),
  });
  protected readonly resendEmail = this.resendForm.controls.email;
  protected readonly resending = signal(false);
  protected readonly resendNotice = signal<{ kind: 'info' | 'error'; text: string } | null>(null);

  protected confirm(): void {
    this.confirmation.confirm(this.token());
  }

  protected resend(): void {
    if (this.resendEmail.invalid) {
      this.resendEmail.markAsTouched();
      return;
    }
    if (this.resending()) {
      return;
    }
    this.resending.set(true);
    this.resendNotice.set(null);
    this.api
      .resendConfirmation({ email: this.resendEmail.value })
      .pipe(finalize(() => this.resending.set(false)))
      .subscribe({
        next: (response) => this.resendNotice.set({ kind: 'info', text: response.message }),
        error: (error: unknown) => this.resendNotice.set({ kind: 'error', text: toApiError(error).message }),
      });
  }
}
