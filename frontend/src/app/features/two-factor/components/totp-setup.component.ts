import { ClipboardModule } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { TwoFactorSetupResponse } from '@atrium/shared';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { appCodeValidator, normaliseCode } from '../two-factor-code';

let nextId = 0;

/**
 * Connecting an authenticator app: the QR code to scan, the same key to type by hand, then the
 * first code the app shows, which proves the app and the server agree. Used at sign-in (when the
 * agency requires it) and in the person's own settings.
 */
@Component({
  selector: 'atr-totp-setup',
  imports: [
    ClipboardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    NoticeComponent,
    ReactiveFormsModule,
    SubmitButtonComponent,
  ],
  template: `
    <ol class="steps">
      <li>
        <p>
          Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or
          1Password) and add an account by scanning this QR code.
        </p>
        <img
          class="qr"
          [src]="setup().qrCodeDataUrl"
          alt="QR code to scan with your authenticator app"
          width="200"
          height="200"
        />
        <div class="secret" role="group" [attr.aria-labelledby]="secretLabelId">
          <p [id]="secretLabelId" class="secret__label">Can't scan it? Enter this key by hand:</p>
          <div class="secret__row">
            <code class="secret__value">{{ groupedSecret() }}</code>
            <button
              mat-stroked-button
              type="button"
              [cdkCopyToClipboard]="setup().secret"
              (cdkCopyToClipboardCopied)="onCopied($event)"
            >
              <mat-icon aria-hidden="true">content_copy</mat-icon>
              Copy key
            </button>
          </div>
          <atr-notice [message]="copied()" [kind]="copiedKind()" />
        </div>
      </li>
      <li>
        <p>Enter the 6-digit code the app now shows for this account.</p>
        <form class="atr-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field subscriptSizing="dynamic">
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
              <mat-error>Enter the code from your app.</mat-error>
            } @else if (form.controls.code.hasError('appCode')) {
              <mat-error>The code is the 6 digits your app shows.</mat-error>
            }
          </mat-form-field>
          <atr-notice [message]="error()" kind="error" />
          <div class="atr-form-actions">
            <atr-submit-button [busy]="busy()">{{ submitLabel() }}</atr-submit-button>
          </div>
        </form>
      </li>
    </ol>
  `,
  styles: `
    :host {
      display: block;
    }
    .steps {
      display: flex;
      flex-direction: column;
      gap: 16px;
      margin: 0;
      padding-left: 20px;
    }
    .steps p {
      margin: 0 0 8px;
    }
    .qr {
      display: block;
      width: 200px;
      max-width: 100%;
      height: auto;
      padding: 8px;
      border-radius: var(--mat-sys-corner-medium);
      /* The code must stay dark on light for every camera, whatever the theme. */
      background: #fff;
    }
    .secret {
      margin-top: 12px;
    }
    .secret__label {
      font: var(--mat-sys-body-medium);
    }
    .secret__row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .secret__value {
      min-width: 0;
      padding: 8px 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font: 0.95rem/1.5 monospace;
      letter-spacing: 0.04em;
      overflow-wrap: anywhere;
    }
    .secret__row button {
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TotpSetupComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly setup = input.required<TwoFactorSetupResponse>();
  /** True while the code is being checked. */
  readonly busy = input(false);
  /** Why the last code was refused. */
  readonly error = input<string | null>(null);
  readonly submitLabel = input('Turn on');
  /** The code, as the API takes it. */
  readonly confirmed = output<string>();

  protected readonly secretLabelId = `atr-totp-secret-${nextId++}`;
  /** Groups of four, as authenticator apps show keys and people copy them. */
  protected readonly groupedSecret = computed(() => this.setup().secret.replace(/(.{4})(?=.)/g, '$1 '));
  protected readonly copied = signal<string | null>(null);
  protected readonly copiedKind = signal<'success' | 'error'>('success');
  protected readonly form = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, appCodeValidator] }),
  });

  constructor() {
    // A refused code is typed again: the keyboard goes back to the field, its text selected.
    effect(() => {
      if (this.error()) {
        this.host.nativeElement.querySelector<HTMLInputElement>('input[formcontrolname="code"]')?.select();
      }
    });
  }

  protected submit(): void {
    if (this.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.confirmed.emit(normaliseCode(this.form.controls.code.value));
  }

  protected onCopied(success: boolean): void {
    this.copiedKind.set(success ? 'success' : 'error');
    this.copied.set(success ? 'Key copied.' : 'Could not copy. Select the key and copy it yourself.');
  }
}
