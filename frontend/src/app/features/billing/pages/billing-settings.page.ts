import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  INVOICE_CURRENCIES,
  INVOICE_NUMBER_PREFIX_MAX,
  INVOICE_TEXT_MAX,
  REMINDER_DAYS_MAX,
  REMINDER_OFFSETS_MAX,
  type BillingSettingsView,
  type PaymentProviderView,
  type UpdateBillingSettingsRequest,
} from '@atrium/shared';
import { filter, finalize, type Observable } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { applyServerErrors, toApiError } from '../../../core/http/api-error';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { fullDateTime } from '../../../core/ui/time';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { ToastService } from '../../../core/ui/toast.service';
import { parseDayList } from '../billing-wording';
import { BillingTabsComponent } from '../components/billing-tabs.component';
import { BillingApi } from '../data-access/billing.api';
import { fieldError } from '../invoice-form';

function dayListValidator(control: AbstractControl) {
  return parseDayList(String(control.value ?? ''), REMINDER_DAYS_MAX, REMINDER_OFFSETS_MAX) === null
    ? {
        invalid: `Enter up to ${REMINDER_OFFSETS_MAX} whole numbers of days between 1 and ${REMINDER_DAYS_MAX}, separated by commas.`,
      }
    : null;
}

/** Billing settings (owners and admins): numbering, defaults, reminders, and online payments. */
@Component({
  selector: 'atr-billing-settings-page',
  providers: [OUTLINED_FIELDS],
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    NoticeComponent,
    SubmitButtonComponent,
    BillingTabsComponent,
  ],
  template: `
    <div class="atr-page atr-stack">
      <header class="atr-page-heading">
        <div>
          <h1>Billing settings</h1>
          <p class="atr-muted">How invoices are numbered, what they start with, and how clients pay them.</p>
        </div>
      </header>
      <atr-billing-tabs>
        @switch (state()) {
          @case ('loading') {
            <div role="status">
              <mat-progress-bar mode="indeterminate" aria-label="Loading the billing settings" />
              <span class="atr-visually-hidden">Loading the billing settings…</span>
            </div>
          }
          @case ('error') {
            <atr-notice kind="error" [message]="loadError()">
              <button mat-stroked-button type="button" (click)="load()">Try again</button>
            </atr-notice>
          }
          @case ('ready') {
            <div class="columns">
              <section class="card provider" aria-labelledby="provider-title">
                <h2 id="provider-title">Online payments</h2>
                <atr-notice [message]="providerError()" kind="error" />
                @if (settings()?.provider; as provider) {
                  <p class="connected">
                    <mat-icon aria-hidden="true">check_circle</mat-icon>
                    <span>
                      <strong>{{ provider.name === 'stripe' ? 'Stripe' : 'Test payments' }}</strong> is connected
                      {{ provider.name === 'stripe' && provider.testMode ? '(test mode)' : '' }} since
                      {{ when(provider.connectedAt) }}.
                      @if (provider.name === 'stripe' && provider.keyHint) {
                        Key ending in {{ provider.keyHint }}.
                      }
                    </span>
                  </p>
                  <p class="atr-muted">
                    {{
                      provider.name === 'stripe'
                        ? 'Clients can pay their invoices by card from their portal.'
                        : 'Clients can try paying from their portal; no real money moves.'
                    }}
                  </p>
                  @if (provider.webhookUrl) {
                    <div class="webhook">
                      <span class="webhook__label">Webhook endpoint in your Stripe dashboard</span>
                      <code>{{ provider.webhookUrl }}</code>
                      <span class="atr-muted"
                        >With the <code>checkout.session</code> events; payments are confirmed by them.</span
                      >
                    </div>
                  }
                  <div class="row-actions">
                    <button
                      mat-stroked-button
                      type="button"
                      [disabled]="providerBusy()"
                      (click)="disconnect(provider.name)"
                    >
                      Disconnect
                    </button>
                  </div>
                } @else {
                  <p class="atr-muted">
                    Not connected: clients see the invoice and pay it the way your terms say (e.g. bank transfer), and
                    you record the payment by hand.
                  </p>
                  @if (sandboxAvailable()) {
                    <div class="option">
                      <h3>Test payments</h3>
                      <p class="atr-muted">
                        A payment page on this installation that succeeds or fails on request. No real money moves: use
                        it to try billing end to end.
                      </p>
                      <button mat-stroked-button type="button" [disabled]="providerBusy()" (click)="connectSandbox()">
                        Connect test payments
                      </button>
                    </div>
                  }
                  <form class="option" [formGroup]="stripeForm" (ngSubmit)="connectStripe()" novalidate>
                    <h3>Stripe</h3>
                    <p class="atr-muted">
                      In your Stripe dashboard, under Developers › Webhooks, add an endpoint for
                      <code class="inline-url">{{ expectedWebhookUrl() }}</code> with the
                      <code>checkout.session</code> events (completed, async payment succeeded and failed, expired),
                      then paste its signing secret and your secret key here.
                    </p>
                    <mat-form-field subscriptSizing="dynamic">
                      <mat-label>Secret key</mat-label>
                      <input matInput type="password" formControlName="secretKey" autocomplete="off" required />
                      <mat-hint
                        >sk_live_…, sk_test_… or a restricted rk_… key. Stored encrypted, never shown again.</mat-hint
                      >
                      @if (stripeForm.controls.secretKey.invalid) {
                        <mat-error>{{ error(stripeForm.controls.secretKey, 'the secret key') }}</mat-error>
                      }
                    </mat-form-field>
                    <mat-form-field subscriptSizing="dynamic">
                      <mat-label>Webhook signing secret</mat-label>
                      <input matInput type="password" formControlName="webhookSecret" autocomplete="off" required />
                      <mat-hint>whsec_…, from the webhook endpoint above.</mat-hint>
                      @if (stripeForm.controls.webhookSecret.invalid) {
                        <mat-error>{{ error(stripeForm.controls.webhookSecret, 'the signing secret') }}</mat-error>
                      }
                    </mat-form-field>
                    <atr-submit-button [busy]="providerBusy()">Connect Stripe</atr-submit-button>
                  </form>
                }
              </section>

              <form class="card" [formGroup]="form" (ngSubmit)="save()" novalidate aria-labelledby="defaults-title">
                <h2 id="defaults-title">Numbers and defaults</h2>
                <atr-notice [message]="formError()" kind="error" />
                <div class="grid">
                  <mat-form-field subscriptSizing="dynamic">
                    <mat-label>Number prefix</mat-label>
                    <input matInput formControlName="numberPrefix" autocomplete="off" />
                    <mat-hint>Next number: {{ preview() }}</mat-hint>
                    @if (form.controls.numberPrefix.invalid) {
                      <mat-error>{{ error(form.controls.numberPrefix) }}</mat-error>
                    }
                  </mat-form-field>
                  <mat-form-field subscriptSizing="dynamic">
                    <mat-label>Next number</mat-label>
                    <input matInput type="number" formControlName="nextNumber" [min]="minNumber()" required />
                    <mat-hint>Numbers only move forward, so none repeats.</mat-hint>
                    @if (form.controls.nextNumber.invalid) {
                      <mat-error>{{ error(form.controls.nextNumber, 'a number') }}</mat-error>
                    }
                  </mat-form-field>
                  <mat-form-field subscriptSizing="dynamic">
                    <mat-label>Default currency</mat-label>
                    <mat-select formControlName="defaultCurrency" required>
                      @for (code of currencies; track code) {
                        <mat-option [value]="code">{{ code }}</mat-option>
                      }
                    </mat-select>
                  </mat-form-field>
                  <mat-form-field subscriptSizing="dynamic">
                    <mat-label>Payment terms (days)</mat-label>
                    <input
                      matInput
                      type="number"
                      min="0"
                      max="365"
                      formControlName="defaultPaymentTermsDays"
                      required
                    />
                    <mat-hint>Days from issue to due date, unless a client has its own.</mat-hint>
                    @if (form.controls.defaultPaymentTermsDays.invalid) {
                      <mat-error>{{ error(form.controls.defaultPaymentTermsDays, 'a number of days') }}</mat-error>
                    }
                  </mat-form-field>
                </div>
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>Default notes</mat-label>
                  <textarea matInput formControlName="defaultNotes" rows="2"></textarea>
                  @if (form.controls.defaultNotes.invalid) {
                    <mat-error>{{ error(form.controls.defaultNotes) }}</mat-error>
                  }
                </mat-form-field>
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>Default terms</mat-label>
                  <textarea matInput formControlName="defaultTerms" rows="2"></textarea>
                  <mat-hint>E.g. your bank details for transfers.</mat-hint>
                  @if (form.controls.defaultTerms.invalid) {
                    <mat-error>{{ error(form.controls.defaultTerms) }}</mat-error>
                  }
                </mat-form-field>
                <h3>Reminders</h3>
                <div class="grid">
                  <mat-form-field subscriptSizing="dynamic">
                    <mat-label>Days before the due date</mat-label>
                    <input matInput formControlName="remindDaysBefore" autocomplete="off" />
                    <mat-hint>E.g. 3. Empty: no reminder before.</mat-hint>
                    @if (form.controls.remindDaysBefore.invalid) {
                      <mat-error>{{ error(form.controls.remindDaysBefore) }}</mat-error>
                    }
                  </mat-form-field>
                  <mat-form-field subscriptSizing="dynamic">
                    <mat-label>Days after the due date</mat-label>
                    <input matInput formControlName="remindDaysAfter" autocomplete="off" />
                    <mat-hint>E.g. 1, 7, 14 while unpaid.</mat-hint>
                    @if (form.controls.remindDaysAfter.invalid) {
                      <mat-error>{{ error(form.controls.remindDaysAfter) }}</mat-error>
                    }
                  </mat-form-field>
                </div>
                <p class="atr-muted small">Reminders stop as soon as an invoice is paid or voided.</p>
                <atr-submit-button [busy]="saving()">Save settings</atr-submit-button>
              </form>
            </div>
          }
        }
      </atr-billing-tabs>
    </div>
  `,
  styles: `
    .columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 400px), 1fr));
      gap: 24px;
      align-items: start;
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding: 20px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      min-width: 0;
      h2 {
        font: var(--mat-sys-title-large);
      }
      h3 {
        font: var(--mat-sys-title-small);
        margin-top: 8px;
      }
      p {
        margin: 0;
      }
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 200px), 1fr));
      gap: 8px 16px;
    }
    .option {
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding-top: 12px;
      border-top: 1px solid var(--mat-sys-outline-variant);
      button {
        align-self: flex-start;
      }
    }
    .connected {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      mat-icon {
        flex: none;
        color: var(--mat-sys-primary);
      }
    }
    .webhook {
      display: flex;
      flex-direction: column;
      gap: 4px;
      code {
        padding: 8px;
        border-radius: var(--mat-sys-corner-small);
        background: var(--mat-sys-surface-container);
        overflow-wrap: anywhere;
      }
    }
    .webhook__label {
      font: var(--mat-sys-label-large);
    }
    .inline-url {
      overflow-wrap: anywhere;
    }
    .small {
      font: var(--mat-sys-body-small);
    }
    .row-actions {
      display: flex;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BillingSettingsPage {
  private readonly api = inject(BillingApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly currencies = INVOICE_CURRENCIES;
  protected readonly state = signal<'loading' | 'error' | 'ready'>('loading');
  protected readonly loadError = signal<string | null>(null);
  protected readonly settings = signal<BillingSettingsView | null>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly providerBusy = signal(false);
  protected readonly providerError = signal<string | null>(null);
  /** Offered until the installation says it has no sandbox (its connect route answers 404). */
  protected readonly sandboxAvailable = signal(true);
  protected readonly minNumber = computed(() => this.settings()?.nextNumber ?? 1);
  /** Where Stripe must send events; the connected provider reports the authoritative address. */
  protected readonly expectedWebhookUrl = computed(
    () => `${window.location.origin}/api/v1/billing/webhooks/stripe/${this.auth.me()?.agency.id ?? ''}`,
  );

  protected readonly form = new FormGroup({
    numberPrefix: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(INVOICE_NUMBER_PREFIX_MAX)],
    }),
    nextNumber: new FormControl(1, { nonNullable: true, validators: [Validators.required, Validators.min(1)] }),
    defaultCurrency: new FormControl('USD', { nonNullable: true, validators: [Validators.required] }),
    defaultPaymentTermsDays: new FormControl(14, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(0), Validators.max(365)],
    }),
    defaultNotes: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(INVOICE_TEXT_MAX)] }),
    defaultTerms: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(INVOICE_TEXT_MAX)] }),
    remindDaysBefore: new FormControl('', { nonNullable: true, validators: [dayListValidator] }),
    remindDaysAfter: new FormControl('', { nonNullable: true, validators: [dayListValidator] }),
  });
  private readonly prefix = signal('');
  protected readonly preview = computed(
    () => `${this.prefix()}${String(this.settings()?.nextNumber ?? 1).padStart(4, '0')}`,
  );

  protected readonly stripeForm = new FormGroup({
    secretKey: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^(sk|rk)_(test|live)_\w+$/)],
    }),
    webhookSecret: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^whsec_\w+$/)],
    }),
  });

  constructor() {
    this.form.controls.numberPrefix.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((value) => this.prefix.set(value));
    this.load();
  }

  protected load(): void {
    this.state.set('loading');
    this.api
      .settings()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (settings) => {
          this.show(settings);
          this.state.set('ready');
        },
        error: (error: unknown) => {
          this.loadError.set(`The billing settings could not be loaded. ${toApiError(error).message}`);
          this.state.set('error');
        },
      });
  }

  private show(settings: BillingSettingsView): void {
    this.settings.set(settings);
    this.form.reset({
      numberPrefix: settings.numberPrefix,
      nextNumber: settings.nextNumber,
      defaultCurrency: settings.defaultCurrency,
      defaultPaymentTermsDays: settings.defaultPaymentTermsDays,
      defaultNotes: settings.defaultNotes,
      defaultTerms: settings.defaultTerms,
      remindDaysBefore: settings.remindDaysBefore.join(', '),
      remindDaysAfter: settings.remindDaysAfter.join(', '),
    });
    this.prefix.set(settings.numberPrefix);
  }

  protected when(iso: string): string {
    return fullDateTime(iso);
  }

  protected error(control: Parameters<typeof fieldError>[0], what?: string): string | null {
    if (control.hasError('pattern')) return 'This does not look right. Copy it again from your Stripe dashboard.';
    return fieldError(control, what);
  }

  protected save(): void {
    if (this.saving()) return;
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      requestAnimationFrame(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const value = this.form.getRawValue();
    const body: UpdateBillingSettingsRequest = {
      numberPrefix: value.numberPrefix,
      defaultCurrency: value.defaultCurrency,
      defaultPaymentTermsDays: Number(value.defaultPaymentTermsDays),
      defaultNotes: value.defaultNotes,
      defaultTerms: value.defaultTerms,
      remindDaysBefore: parseDayList(value.remindDaysBefore, REMINDER_DAYS_MAX, REMINDER_OFFSETS_MAX) ?? [],
      remindDaysAfter: parseDayList(value.remindDaysAfter, REMINDER_DAYS_MAX, REMINDER_OFFSETS_MAX) ?? [],
    };
    // Only sent when moved: numbers never go back, and an unchanged one needs no check.
    if (Number(value.nextNumber) !== this.settings()?.nextNumber) body.nextNumber = Number(value.nextNumber);
    this.saving.set(true);
    this.api
      .saveSettings(body)
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (settings) => {
          this.show(settings);
          this.toast.show('Billing settings saved.');
        },
        error: (error: unknown) => {
          this.formError.set(applyServerErrors(this.form, toApiError(error)) ?? 'Some fields need your attention.');
          requestAnimationFrame(() => focusFirstInvalid(this.host.nativeElement));
        },
      });
  }

  protected connectSandbox(): void {
    this.provider(
      this.api.connectSandbox(),
      'Test payments connected. Clients can now pay online (no real money).',
      (error) => {
        if (error.statusCode === 404 || error.statusCode === 409) {
          this.sandboxAvailable.set(false);
          return 'Test payments are not available on this installation.';
        }
        return error.message;
      },
    );
  }

  protected connectStripe(): void {
    if (this.providerBusy()) return;
    if (this.stripeForm.invalid) {
      this.stripeForm.markAllAsTouched();
      requestAnimationFrame(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    this.provider(this.api.connectStripe(this.stripeForm.getRawValue()), 'Stripe connected.', (error) => {
      return applyServerErrors(this.stripeForm, error);
    });
  }

  protected disconnect(name: 'stripe' | 'sandbox'): void {
    confirmAction(this.dialog, {
      title: 'Disconnect online payments?',
      message: 'Clients can no longer pay by card from the portal. Payments already made stay recorded.',
      confirmLabel: 'Disconnect',
      destructive: true,
    })
      .pipe(filter(Boolean))
      .subscribe(() =>
        this.provider(
          name === 'stripe' ? this.api.disconnectStripe() : this.api.disconnectSandbox(),
          'Online payments disconnected.',
          (error) => error.message,
        ),
      );
  }

  private provider(
    request: Observable<PaymentProviderView | void>,
    done: string,
    explain: (error: ReturnType<typeof toApiError>) => string | null,
  ): void {
    this.providerBusy.set(true);
    this.providerError.set(null);
    request.pipe(finalize(() => this.providerBusy.set(false))).subscribe({
      next: (provider) => {
        // Connecting answers the provider; disconnecting answers nothing.
        this.settings.update((settings) => (settings ? { ...settings, provider: provider ?? null } : settings));
        this.stripeForm.reset();
        this.toast.show(done);
      },
      error: (error: unknown) => this.providerError.set(explain(toApiError(error))),
    });
  }
}
