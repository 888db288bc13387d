import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TwoFactorConfirmRequest } from '@atrium/shared';
import { finalize } from 'rxjs';
import { serverError } from '../../../core/http/api-error';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { applySettingsError } from '../../users/settings-errors';
import { TwoFactorApi } from '../data-access/two-factor.api';
import { anyCodeValidator, normaliseCode } from '../two-factor-code';
import { RecoveryCodesComponent } from './recovery-codes.component';

export interface TwoFactorConfirmDialogData {
  /** Turn two-step verification off, or replace the recovery codes. */
  readonly action: 'disable' | 'recovery-codes';
  /** Accounts made by magic link only have no password to ask for. */
  readonly hasPassword: boolean;
}

/** What the dialog ends with: true once the change is made (undefined when cancelled). */
export type TwoFactorConfirmDialogResult = true | undefined;

const WORDS = {
  disable: {
    title: 'Turn off two-step verification?',
    intro: 'Signing in will no longer ask for a code from your app, and your recovery codes stop working.',
    submit: 'Turn off',
  },
  'recovery-codes': {
    title: 'New recovery codes',
    intro: 'You get 10 new codes; the ones you have now stop working.',
    submit: 'Create new codes',
  },
} as const;

/**
 * Changes that weaken or reset two-step verification ask for proof it is really the person: their
 * password (when the account has one) and a current code.
 */
@Component({
  selector: 'atr-two-factor-confirm-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    NoticeComponent,
    ReactiveFormsModule,
    RecoveryCodesComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>{{ words.title }}</h2>
    @if (newCodes(); as codes) {
      <mat-dialog-content>
        <atr-recovery-codes [codes]="codes" continueLabel="Done" (done)="dialogRef.close(true)" />
      </mat-dialog-content>
    } @else {
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-dialog-content class="atr-form">
          <p class="intro">{{ words.intro }}</p>
          <atr-notice [message]="error()" kind="error" />
          @if (data.hasPassword) {
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>Your password</mat-label>
              <input matInput type="password" formControlName="password" autocomplete="current-password" required />
              @if (form.controls.password.hasError('required')) {
                <mat-error>Enter your password.</mat-error>
              } @else if (serverError(form.controls.password); as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
          }
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Code from your authenticator app</mat-label>
            <input matInput formControlName="code" autocomplete="one-time-code" inputmode="numeric" required />
            <mat-hint>6 digits, or one of your recovery codes.</mat-hint>
            @if (form.controls.code.hasError('required')) {
              <mat-error>Enter the code from your app.</mat-error>
            } @else if (form.controls.code.hasError('anyCode')) {
              <mat-error>Enter the 6 digits your app shows, or a recovery code like abcde-12345.</mat-error>
            } @else if (serverError(form.controls.code); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>Cancel</button>
          <button
            mat-flat-button
            type="submit"
            [class.danger]="data.action === 'disable'"
            [disabled]="busy()"
            [disabledInteractive]="true"
            [attr.aria-busy]="busy() ? 'true' : null"
          >
            {{ words.submit }}
          </button>
        </mat-dialog-actions>
      </form>
    }
  `,
  styles: `
    .intro {
      margin: 0 0 12px;
    }
    button {
      min-height: 44px;
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoFactorConfirmDialogComponent {
  protected readonly data = inject<TwoFactorConfirmDialogData>(MAT_DIALOG_DATA);
  protected readonly dialogRef =
    inject<MatDialogRef<TwoFactorConfirmDialogComponent, TwoFactorConfirmDialogResult>>(MatDialogRef);
  private readonly api = inject(TwoFactorApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly words = WORDS[this.data.action];
  protected readonly serverError = serverError;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** New recovery codes, shown once before the dialog closes. */
  protected readonly newCodes = signal<readonly string[] | null>(null);

  protected readonly form = new FormGroup({
    password: new FormControl(
      { value: '', disabled: !this.data.hasPassword },
      { nonNullable: true, validators: [Validators.required] },
    ),
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, anyCodeValidator] }),
  });

  protected submit(): void {
    if (this.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const { password, code } = this.form.getRawValue();
    const body: TwoFactorConfirmRequest = this.data.hasPassword
      ? { password: password, code: normaliseCode(code) }
      : { code: normaliseCode(code) };
    this.error.set(null);
    this.busy.set(true);
    const done = () => this.busy.set(false);
    const failed = (error: unknown) => {
      // A wrong password or code under its field, as a sentence; a limit or a conflict above.
      this.error.set(applySettingsError(this.form, error));
      focusFirstInvalid(this.host.nativeElement);
    };
    if (this.data.action === 'disable') {
      this.api
        .disable(body)
        .pipe(finalize(done))
        .subscribe({ next: () => this.dialogRef.close(true), error: failed });
    } else {
      this.api
        .newRecoveryCodes(body)
        .pipe(finalize(done))
        .subscribe({ next: ({ recoveryCodes }) => this.newCodes.set(recoveryCodes), error: failed });
    }
  }
}
