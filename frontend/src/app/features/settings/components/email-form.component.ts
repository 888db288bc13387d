import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { EMAIL_MAX_LENGTH } from '@atrium/shared';
import { finalize } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { serverError } from '../../../core/http/api-error';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SettingsApi } from '../data-access/settings.api';
import { applySettingsError } from '../settings-errors';

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
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, NoticeComponent],
  template: `
    <p class="current">
      Current email: <strong>{{ email() }}</strong>
      @if (!confirmed()) {
        <span class="atr-muted">(not confirmed yet)</span>
      }
    </p>
    <atr-notice [message]="pending()" kind="info" />

    <form class="atr-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <atr-notice [message]="formError()" kind="error" />
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
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="sending()" [attr.aria-busy]="sending() ? 'true' : null">
          Change email
        </button>
      </div>
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
    .actions {
      margin-top: 12px;
    }
    .actions button {
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmailFormComponent {
  private readonly api = inject(SettingsApi);
  private readonly auth = inject(AuthService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly serverError = serverError;
  protected readonly email = computed(() => this.auth.me()?.email ?? '');
  protected readonly confirmed = computed(() => this.auth.me()?.emailConfirmed ?? true);
  protected readonly pending = computed(() => {
    const pending = this.auth.me()?.pendingEmail;
    return pending ? pendingEmailMessage(pending) : null;
  });
  protected readonly sending = signal(false);
  protected readonly formError = signal<string | null>(null);

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

  protected submit(): void {
    if (this.sending()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const { newEmail, currentPassword } = this.form.getRawValue();
    const email = newEmail.trim();
    this.formError.set(null);
    this.sending.set(true);
    this.api
      .changeEmail({ newEmail: email, currentPassword })
      .pipe(finalize(() => this.sending.set(false)))
      .subscribe({
        next: () => {
          this.form.reset();
          // Shown at once from what we know; the server's own view follows.
          const me = this.auth.me();
          if (me) {
            this.auth.setMe({ ...me, pendingEmail: email });
          }
          this.auth.reloadMe().subscribe({ error: () => undefined });
        },
        error: (error: unknown) => {
          this.formError.set(applySettingsError(this.form, error));
          focusFirstInvalid(this.host.nativeElement);
        },
      });
  }

  private notCurrent(control: AbstractControl): ValidationErrors | null {
    const value = String(control.value ?? '')
      .trim()
      .toLowerCase();
    return value && value === this.auth.me()?.email.toLowerCase() ? { same: true } : null;
  }
}
