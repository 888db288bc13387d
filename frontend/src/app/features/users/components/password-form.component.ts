import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
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
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@atrium/shared';
import { AuthService } from '../../../core/auth/auth.service';
import { serverError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SettingsApi } from '../data-access/settings.api';
import { SettingsSubmitButtonComponent } from './settings-submit-button.component';
import { SettingsSubmission } from './settings-submission';

export const PASSWORD_CHANGED_MESSAGE =
  'Password changed. Your other sessions were signed out; you stay signed in here.';

/** A new password, confirmed by the current one. Every other session ends when it changes. */
@Component({
  selector: 'atr-password-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, NoticeComponent, SettingsSubmitButtonComponent],
  template: `
    <form class="atr-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <atr-notice [message]="submission.error()" kind="error" />
      <atr-notice [message]="done()" kind="success" />
      <!-- For password managers: whose password this is. -->
      <input type="email" autocomplete="username" hidden [value]="email()" readonly />
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Current password</mat-label>
        <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
        @if (form.controls.currentPassword.hasError('required')) {
          <mat-error>Enter your current password.</mat-error>
        } @else if (serverError(form.controls.currentPassword); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>New password</mat-label>
        <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
        <mat-hint>{{ min }} to {{ max }} characters. A passphrase works well.</mat-hint>
        @if (form.controls.newPassword.hasError('required')) {
          <mat-error>Choose a new password.</mat-error>
        } @else if (
          form.controls.newPassword.hasError('minlength') || form.controls.newPassword.hasError('maxlength')
        ) {
          <mat-error>Use {{ min }} to {{ max }} characters.</mat-error>
        } @else if (serverError(form.controls.newPassword); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Confirm new password</mat-label>
        <input matInput type="password" formControlName="confirmPassword" autocomplete="new-password" required />
        @if (form.controls.confirmPassword.hasError('required')) {
          <mat-error>Type the new password again.</mat-error>
        } @else if (form.controls.confirmPassword.hasError('mismatch')) {
          <mat-error>The passwords do not match.</mat-error>
        }
      </mat-form-field>
      <atr-settings-submit-button [busy]="submission.saving()">Change password</atr-settings-submit-button>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordFormComponent {
  private readonly api = inject(SettingsApi);
  private readonly auth = inject(AuthService);

  protected readonly min = PASSWORD_MIN_LENGTH;
  protected readonly max = PASSWORD_MAX_LENGTH;
  protected readonly serverError = serverError;
  protected readonly email = computed(() => this.auth.me()?.email ?? '');
  protected readonly done = signal<string | null>(null);

  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    newPassword: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.minLength(PASSWORD_MIN_LENGTH),
        Validators.maxLength(PASSWORD_MAX_LENGTH),
      ],
    }),
    confirmPassword: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, (control) => this.matches(control)],
    }),
  });
  protected readonly submission = new SettingsSubmission(this.form);

  constructor() {
    // The confirmation is checked again whenever the new password changes.
    this.form.controls.newPassword.valueChanges.subscribe(() =>
      this.form.controls.confirmPassword.updateValueAndValidity({ emitEvent: false }),
    );
  }

  protected submit(): void {
    this.done.set(null);
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.submission.send(this.api.changePassword({ currentPassword, newPassword }), () => {
      this.form.reset();
      this.done.set(PASSWORD_CHANGED_MESSAGE);
    });
  }

  private matches(control: AbstractControl): ValidationErrors | null {
    const value = String(control.value ?? '');
    // The form does not exist yet while its controls are being built.
    const wanted = this.form?.controls.newPassword.value ?? '';
    return value && value !== wanted ? { mismatch: true } : null;
  }
}
