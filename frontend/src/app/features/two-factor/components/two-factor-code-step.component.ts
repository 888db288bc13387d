import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { MeResponse, TwoFactorChallengeResponse } from '@atrium/shared';
import { finalize } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { appCodeValidator, challengeIsOver, isRecoveryCode, normaliseCode } from '../two-factor-code';

/** Said on the sign-in page when a second step took too long (or the challenge is gone). */
export const SIGN_IN_EXPIRED_MESSAGE = 'Your sign-in took too long and has expired. Please sign in again.';

function recoveryCodeValidator(control: { value: unknown }): { recoveryCode: true } | null {
  const value = String(control.value ?? '');
  return !value || isRecoveryCode(value) ? null : { recoveryCode: true };
}

/**
 * The second step of a sign-in for someone with two-step verification on: the code from their
 * authenticator app, or one of their recovery codes.
 */
@Component({
  selector: 'atr-two-factor-code-step',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    NoticeComponent,
    ReactiveFormsModule,
    SubmitButtonComponent,
  ],
  template: `
    <div class="atr-auth-heading">
      <h1>Two-step verification</h1>
      @if (useRecovery()) {
        <p>Enter one of the recovery codes you saved when you set up two-step verification. Each one works once.</p>
      } @else {
        <p>Enter the 6-digit code from your authenticator app.</p>
      }
    </div>

    <form class="atr-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <atr-notice [message]="formError()" kind="error" />

      @if (useRecovery()) {
        <mat-form-field>
          <mat-label>Recovery code</mat-label>
          <input matInput formControlName="code" autocomplete="off" autocapitalize="none" spellcheck="false" required />
          <mat-hint>Like abcde-12345.</mat-hint>
          @if (form.controls.code.hasError('required')) {
            <mat-error>Enter one of your recovery codes.</mat-error>
          } @else if (form.controls.code.hasError('recoveryCode')) {
            <mat-error>A recovery code is two groups of 5 letters and digits, like abcde-12345.</mat-error>
          } @else if (serverError(form.controls.code); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
      } @else {
        <mat-form-field>
          <mat-label>6-digit code</mat-label>
          <input
            matInput
            formControlName="code"
            autocomplete="one-time-code"
            inputmode="numeric"
            maxlength="7"
            required
          />
          @if (form.controls.code.hasError('required')) {
            <mat-error>Enter the code from your authenticator app.</mat-error>
          } @else if (form.controls.code.hasError('appCode')) {
            <mat-error>The code is the 6 digits your app shows.</mat-error>
          } @else if (serverError(form.controls.code); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
      }

      <div class="atr-form-actions">
        <atr-submit-button [busy]="checking()">Verify</atr-submit-button>
      </div>
    </form>

    <div class="atr-auth-links">
      <button mat-button type="button" class="link" (click)="switchMode()">
        {{ useRecovery() ? 'Use your authenticator app instead' : 'Use a recovery code instead' }}
      </button>
      <button mat-button type="button" class="link" (click)="restart.emit(null)">Back to sign in</button>
    </div>
  `,
  styles: `
    .link {
      min-height: 44px;
      padding-inline: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoFactorCodeStepComponent {
  private readonly auth = inject(AuthService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly challenge = input.required<TwoFactorChallengeResponse>();
  /** The code was right: the session is open. */
  readonly signedIn = output<MeResponse>();
  /** Back to the first step, with why (the challenge expired) or without (the person chose to). */
  readonly restart = output<string | null>();

  protected readonly useRecovery = signal(false);
  protected readonly checking = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly serverError = serverError;
  protected readonly form = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, appCodeValidator] }),
  });
  /** The challenge's end on this device's clock, from when it arrived. */
  private readonly startedAt = Date.now();

  constructor() {
    afterNextRender(() => this.focusCode());
  }

  protected switchMode(): void {
    this.useRecovery.update((recovery) => !recovery);
    const code = this.form.controls.code;
    code.setValidators([Validators.required, this.useRecovery() ? recoveryCodeValidator : appCodeValidator]);
    code.reset('');
    this.formError.set(null);
    // The field is a new one: the keyboard goes to it once it is drawn.
    setTimeout(() => this.focusCode());
  }

  protected submit(): void {
    if (this.checking()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const challenge = this.challenge();
    this.formError.set(null);
    this.checking.set(true);
    this.auth
      .verifyTwoFactor({ challengeToken: challenge.challengeToken, code: normaliseCode(this.form.controls.code.value) })
      .pipe(finalize(() => this.checking.set(false)))
      .subscribe({
        next: (me) => this.signedIn.emit(me),
        error: (error: unknown) => {
          if (challengeIsOver(error, this.startedAt + challenge.expiresIn * 1000)) {
            this.restart.emit(SIGN_IN_EXPIRED_MESSAGE);
            return;
          }
          this.showRefusal(error);
        },
      });
  }

  /** A wrong code belongs under the code; a limit or an outage in the form's banner. */
  private showRefusal(error: unknown): void {
    const apiError = toApiError(error);
    const code = this.form.controls.code;
    if (apiError.statusCode === 401 && !apiError.details?.length) {
      code.setErrors({ server: apiError.message });
      code.markAsTouched();
    } else {
      this.formError.set(applyServerErrors(this.form, apiError));
    }
    this.focusCode();
  }

  private focusCode(): void {
    const input = this.host.nativeElement.querySelector<HTMLInputElement>('input');
    input?.focus();
    input?.select();
  }
}
