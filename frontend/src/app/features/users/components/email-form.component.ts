import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { EMAIL_MAX_LENGTH } from '@atrium/shared';
import { AuthService } from '../../../core/auth/auth.service';
import { serverError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SettingsApi } from '../data-access/settings.api';
import { SettingsSubmitButtonComponent } from './settings-submit-button.component';
import { SettingsSubmission } from './settings-submission';

/** "We sent a link to …": what a pending email change waits for. */
export function pendingEmailMessage(email: string): string {
  return `We sent a link to ${email}; your email changes when you open it.`;
}

/**
 * The sign-in email. A change is confirmed from the new address (a link goes there) and needs the
 * current password, so that an unattended session cannot take the account over.
 */
@Component({
  selector: 'atr-email-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, NoticeComponent, SettingsSubmitButtonComponent],
  template: `
    <p class="current">
      Current email: <strong>{{ email() }}</strong>
      @if (!confirmed()) {
        <span class="atr-muted">(not confirmed yet)</span>
      }
    </p>
    <atr-notice [message]="pending()" kind="info" />

    <form class="atr-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <atr-notice [message]="submission.error()" kind="error" />
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>New email</mat-label>
        <input matInput type="email" formControlName="newEmail" autocomplete="email" required />
        @if (form.controls.newEmail.hasError('required')) {
          <mat-error>Enter the new email address.</mat-error>
        } @else if (form.controls.newEmail.hasError('email')) {
          <mat-error>Enter a valid email address.</mat-error>
        } @else if (form.controls.newEmail.hasError('same')) {
          <mat-error>That is already your email address.</mat-error>
        } @else if (serverError(form.controls.newEmail); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Current password</mat-label>
        <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
        <mat-hint>To make sure it is you.</mat-hint>
        @if (form.controls.currentPassword.hasError('required')) {
          <mat-error>Enter your current password.</mat-error>
        } @else if (serverError(form.controls.currentPassword); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      <atr-settings-submit-button [busy]="submission.saving()">Change email</atr-settings-submit-button>
    </form>
  `,
  styles: `
    .current {
      margin: 0 0 12px;
      overflow-wrap: anywhere;
    }
    atr-notice {
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmailFormComponent {
  private readonly api = inject(SettingsApi);
  private readonly auth = inject(AuthService);

  protected readonly serverError = serverError;
  protected readonly email = computed(() => this.auth.me()?.email ?? '');
  protected readonly confirmed = computed(() => this.auth.me()?.emailConfirmed ?? true);
  protected readonly pending = computed(() => {
    const pending = this.auth.me()?.pendingEmail;
    return pending ? pendingEmailMessage(pending) : null;
  });

  protected readonly form = new FormGroup({
    newEmail: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.email,
        Validators.maxLength(EMAIL_MAX_LENGTH),
        (control) => this.notCurrent(control),
      ],
    }),
    currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submission = new SettingsSubmission(this.form);

  protected submit(): void {
    const { newEmail, currentPassword } = this.form.getRawValue();
    const email = newEmail.trim();
    this.submission.send(this.api.changeEmail({ newEmail: email, currentPassword }), () => {
      this.form.reset();
      // Shown at once from what we know; the server's own view follows.
      const me = this.auth.me();
      if (me) {
        this.auth.setMe({ ...me, pendingEmail: email });
      }
      this.auth.reloadMe().subscribe({ error: () => undefined });
    });
  }

  private notCurrent(control: AbstractControl): ValidationErrors | null {
    const value = String(control.value ?? '')
      .trim()
      .toLowerCase();
    return value && value === this.auth.me()?.email.toLowerCase() ? { same: true } : null;
  }
}
