import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import {
  INVOICE_CURRENCIES,
  RECURRING_INTERVALS,
  WEB_PATHS,
  type BillingSettingsView,
  type ClientSummary,
  type InvoiceView,
  type RecurringInterval,
  type RecurringInvoiceView,
  type SaveInvoiceRequest,
  type SaveRecurringInvoiceRequest,
} from '@atrium/shared';
import { Observable, catchError, finalize, forkJoin, of } from 'rxjs';
import { applyServerErrors, toApiError } from '../../../core/http/api-error';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { ToastService } from '../../../core/ui/toast.service';
import { ClientsApi } from '../../clients/data-access/clients.api';
import { INTERVAL_LABELS, addDays, today } from '../billing-wording';
import { InvoiceLinesEditorComponent } from '../components/invoice-lines-editor.component';
import { BillingApi } from '../data-access/billing.api';
import {
  discountForm,
  discountValue,
  fieldError,
  lineForm,
  lineValue,
  linesArray,
  notesValidators,
  toDiscount,
  toLineInputs,
} from '../invoice-form';

export type EditorKind = 'invoice' | 'recurring';

/**
 * The invoice editor (drafts only) and the recurring-invoice editor: the same client, currency,
 * lines, discount, notes and terms; dates for an invoice, a schedule for a recurring one.
 */
@Component({
  selector: 'atr-invoice-editor-page',
  providers: [OUTLINED_FIELDS],
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    NoticeComponent,
    SubmitButtonComponent,
    InvoiceLinesEditorComponent,
  ],
  template: `
    <div class="atr-page atr-stack">
      <a mat-button [routerLink]="backLink()" class="back"><mat-icon>arrow_back</mat-icon>{{ backLabel() }}</a>
      <header class="atr-page-heading">
        <div>
          <h1>{{ heading() }}</h1>
          <p class="atr-muted">{{ intro() }}</p>
        </div>
      </header>

      @if (loading()) {
        <div role="status">
          <mat-progress-bar mode="indeterminate" aria-label="Loading" />
          <span class="atr-visually-hidden">Loading…</span>
        </div>
      } @else if (loadError()) {
        <atr-notice kind="error" [message]="loadError()">
          <button mat-stroked-button type="button" (click)="load()">Try again</button>
        </atr-notice>
      } @else if (notDraft()) {
        <atr-notice kind="info" message="This invoice has been sent, so it can no longer be changed.">
          <a mat-stroked-button [routerLink]="backLink()">Open the invoice</a>
        </atr-notice>
      } @else {
        <form class="editor" [formGroup]="form" (ngSubmit)="save()" novalidate>
          <atr-notice [message]="formError()" kind="error" />
          <section class="fields" aria-labelledby="details-title">
            <h2 id="details-title" class="section-title">Details</h2>
            <div class="grid">
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>Client</mat-label>
                <mat-select formControlName="clientId" required (selectionChange)="clientChosen($event.value)">
                  @for (client of clients(); track client.id) {
                    <mat-option [value]="client.id">{{ client.name }}</mat-option>
                  }
                </mat-select>
                @if (form.controls.clientId.invalid) {
                  <mat-error>{{ error(form.controls.clientId, 'a client') }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>Currency</mat-label>
                <mat-select formControlName="currency" required>
                  @for (code of currencies; track code) {
                    <mat-option [value]="code">{{ code }}</mat-option>
                  }
                </mat-select>
                @if (form.controls.currency.invalid) {
                  <mat-error>{{ error(form.controls.currency, 'a currency') }}</mat-error>
                }
              </mat-form-field>
              @if (kind() === 'invoice') {
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>Issue date</mat-label>
                  <input matInput type="date" formControlName="issueDate" required (change)="issueDateChanged()" />
                  @if (form.controls.issueDate.invalid) {
                    <mat-error>{{ error(form.controls.issueDate, 'the issue date') }}</mat-error>
                  }
                </mat-form-field>
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>Due date</mat-label>
                  <input matInput type="date" formControlName="dueDate" required />
                  @if (form.controls.dueDate.invalid) {
                    <mat-error>{{ error(form.controls.dueDate, 'the due date') }}</mat-error>
                  }
                </mat-form-field>
              } @else {
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>Repeat</mat-label>
                  <mat-select formControlName="interval" required>
                    @for (interval of intervals; track interval) {
                      <mat-option [value]="interval">{{ intervalLabels[interval] }}</mat-option>
                    }
                  </mat-select>
                </mat-form-field>
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>Due in (days)</mat-label>
                  <input matInput type="number" min="0" max="365" formControlName="dueInDays" required />
                  <mat-hint>Days from each invoice's issue date to its due date.</mat-hint>
                  @if (form.controls.dueInDays.invalid) {
                    <mat-error>{{ error(form.controls.dueInDays, 'a number of days') }}</mat-error>
                  }
                </mat-form-field>
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>First invoice on</mat-label>
                  <input matInput type="date" formControlName="startsOn" required />
                  @if (form.controls.startsOn.invalid) {
                    <mat-error>{{ error(form.controls.startsOn, 'the first issue date') }}</mat-error>
                  }
                </mat-form-field>
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>Last invoice on (optional)</mat-label>
                  <input matInput type="date" formControlName="endsOn" />
                  <mat-hint>Leave empty to keep going until you end it.</mat-hint>
                  @if (form.controls.endsOn.invalid) {
                    <mat-error>{{ error(form.controls.endsOn) }}</mat-error>
                  }
                </mat-form-field>
              }
            </div>
          </section>

          <atr-invoice-lines-editor
            [lines]="form.controls.lines"
            [discount]="form.controls.discount"
            [currency]="currency()"
          />

          <section class="fields" aria-labelledby="text-title">
            <h2 id="text-title" class="section-title">Notes and terms</h2>
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>Notes</mat-label>
              <textarea matInput formControlName="notes" rows="3"></textarea>
              <mat-hint>Shown on the invoice, e.g. a thank-you or what the work covered.</mat-hint>
              @if (form.controls.notes.invalid) {
                <mat-error>{{ error(form.controls.notes) }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>Terms</mat-label>
              <textarea matInput formControlName="terms" rows="3"></textarea>
              <mat-hint>Payment terms, e.g. bank details or late fees.</mat-hint>
              @if (form.controls.terms.invalid) {
                <mat-error>{{ error(form.controls.terms) }}</mat-error>
              }
            </mat-form-field>
          </section>

          <div class="actions">
            <a mat-button [routerLink]="backLink()">Cancel</a>
            <atr-submit-button [busy]="saving()">{{ submitLabel() }}</atr-submit-button>
          </div>
        </form>
      }
    </div>
  `,
  styles: `
    .back {
      align-self: flex-start;
    }
    .editor {
      display: flex;
      flex-direction: column;
      gap: 24px;
    }
    .section-title {
      font: var(--mat-sys-title-medium);
      margin-bottom: 8px;
    }
    .fields {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 240px), 1fr));
      gap: 12px 16px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 12px;
      atr-submit-button {
        min-width: 200px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvoiceEditorPage implements OnInit {
  private readonly api = inject(BillingApi);
  private readonly clientsApi = inject(ClientsApi);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  /** From the route's data: which editor this is. */
  readonly kind = input<EditorKind>('invoice');
  /** From the route: the draft or recurring invoice being edited; absent for a new one. */
  readonly id = input<string | undefined>(undefined);
  /** `?clientId=` preselects the client of a new one. */
  readonly clientId = input<string | undefined>(undefined);

  protected readonly currencies = INVOICE_CURRENCIES;
  protected readonly intervals = RECURRING_INTERVALS;
  protected readonly intervalLabels = INTERVAL_LABELS;
  protected readonly clients = signal<ClientSummary[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly notDraft = signal(false);
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  private settings: BillingSettingsView | null = null;

  private readonly currencyValue = signal('USD');
  protected readonly currency = this.currencyValue.asReadonly();

  protected readonly form = new FormGroup({
    clientId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    currency: new FormControl('USD', { nonNullable: true, validators: [Validators.required] }),
    issueDate: new FormControl(today(), { nonNullable: true }),
    dueDate: new FormControl(addDays(today(), 14), { nonNullable: true }),
    interval: new FormControl<RecurringInterval>('month', { nonNullable: true }),
    startsOn: new FormControl(today(), { nonNullable: true }),
    endsOn: new FormControl('', { nonNullable: true }),
    dueInDays: new FormControl(14, { nonNullable: true, validators: [Validators.min(0), Validators.max(365)] }),
    lines: linesArray(),
    discount: discountForm(() => this.currencyValue()),
    notes: new FormControl('', { nonNullable: true, validators: notesValidators }),
    terms: new FormControl('', { nonNullable: true, validators: notesValidators }),
  });

  protected readonly isNew = computed(() => !this.id());
  protected readonly heading = computed(() => {
    if (this.kind() === 'recurring') return this.isNew() ? 'New recurring invoice' : 'Edit recurring invoice';
    return this.isNew() ? 'New invoice' : 'Edit draft invoice';
  });
  protected readonly intro = computed(() =>
    this.kind() === 'recurring'
      ? 'An invoice made from this template is issued and emailed to the client on each date.'
      : 'Saved as a draft: nothing reaches the client until you send it.',
  );
  protected readonly submitLabel = computed(() =>
    this.kind() === 'recurring' ? 'Save recurring invoice' : 'Save draft',
  );
  protected readonly backLink = computed(() => {
    const id = this.id();
    if (this.kind() === 'recurring') return `${WEB_PATHS.agencyBilling}/recurring`;
    return id ? `${WEB_PATHS.agencyBilling}/invoices/${id}` : WEB_PATHS.agencyBilling;
  });
  protected readonly backLabel = computed(() =>
    this.kind() === 'recurring' ? 'Recurring invoices' : this.id() ? 'Invoice' : 'Invoices',
  );

  constructor() {
    this.form.controls.currency.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((currency) => this.currencyValue.set(currency));
  }

  ngOnInit(): void {
    const required = this.kind() === 'invoice' ? ['issueDate', 'dueDate'] : ['startsOn', 'interval', 'dueInDays'];
    for (const name of required) this.form.get(name)?.addValidators(Validators.required);
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    const id = this.id();
    const existing: Observable<InvoiceView | RecurringInvoiceView | null> = !id
      ? of(null)
      : this.kind() === 'invoice'
        ? this.api.get(id)
        : this.api.getRecurring(id);
    forkJoin({
      clients: this.clientsApi.listAll(),
      // Members may not read the settings: the editor then starts from plain defaults.
      settings: this.api.settings().pipe(catchError(() => of(null))),
      existing,
    })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ clients, settings, existing }) => {
          this.clients.set(clients);
          this.settings = settings;
          if (existing) this.fill(existing);
          else this.startNew();
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(`This could not be loaded. ${toApiError(error).message}`);
          this.loading.set(false);
        },
      });
  }

  private startNew(): void {
    const settings = this.settings;
    this.form.patchValue({
      currency: settings?.defaultCurrency ?? 'USD',
      notes: settings?.defaultNotes ?? '',
      terms: settings?.defaultTerms ?? '',
      dueInDays: settings?.defaultPaymentTermsDays ?? 14,
      dueDate: addDays(today(), settings?.defaultPaymentTermsDays ?? 14),
    });
    this.currencyValue.set(this.form.controls.currency.value);
    this.form.controls.lines.push(lineForm({}, () => this.currencyValue()));
    const preselected = this.clientId();
    if (preselected && this.clients().some((client) => client.id === preselected)) {
      this.form.controls.clientId.setValue(preselected);
      this.clientChosen(preselected);
    }
  }

  private fill(existing: InvoiceView | RecurringInvoiceView): void {
    if ('status' in existing && this.kind() === 'invoice' && (existing as InvoiceView).status !== 'draft') {
      this.notDraft.set(true);
      return;
    }
    const currency = existing.currency;
    this.currencyValue.set(currency);
    this.form.patchValue({
      clientId: existing.clientId,
      currency,
      notes: existing.notes,
      terms: existing.terms,
      discount: discountValue(existing.discount, currency),
    });
    if ('issueDate' in existing) {
      this.form.patchValue({ issueDate: existing.issueDate, dueDate: existing.dueDate });
    } else {
      this.form.patchValue({
        interval: existing.interval,
        startsOn: existing.nextIssueOn ?? today(),
        endsOn: existing.endsOn ?? '',
        dueInDays: existing.dueInDays,
      });
    }
    for (const line of existing.lines) {
      this.form.controls.lines.push(lineForm(lineValue(line, currency), () => this.currencyValue()));
    }
    if (existing.lines.length === 0) this.form.controls.lines.push(lineForm({}, () => this.currencyValue()));
  }

  /** A new invoice starts in the client's currency, due after the client's (or the agency's) terms. */
  protected clientChosen(clientId: string): void {
    if (!this.isNew()) return;
    this.api
      .profile(clientId)
      .pipe(
        catchError(() => of(null)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((profile) => {
        const currency = profile?.currency || this.settings?.defaultCurrency || this.form.controls.currency.value;
        const days = profile?.paymentTermsDays ?? this.settings?.defaultPaymentTermsDays ?? 14;
        this.form.patchValue({ currency, dueInDays: days, dueDate: addDays(this.form.controls.issueDate.value, days) });
      });
  }

  protected issueDateChanged(): void {
    const issue = this.form.controls.issueDate.value;
    if (issue && this.form.controls.dueDate.value < issue) {
      this.form.controls.dueDate.setValue(addDays(issue, this.form.controls.dueInDays.value));
    }
  }

  protected error(control: Parameters<typeof fieldError>[0], what?: string): string | null {
    return fieldError(control, what);
  }

  protected save(): void {
    if (this.saving()) return;
    this.formError.set(null);
    const value = this.form.getRawValue();
    const lines = toLineInputs(value.lines, value.currency);
    const discount = toDiscount(value.discount, value.currency);
    if (this.form.invalid || !lines || !discount) {
      this.form.markAllAsTouched();
      this.formError.set('Some fields need your attention.');
      requestAnimationFrame(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const common = {
      clientId: value.clientId,
      currency: value.currency,
      lines,
      discount,
      notes: value.notes,
      terms: value.terms,
    };
    const id = this.id();
    this.saving.set(true);
    if (this.kind() === 'invoice') {
      const body: SaveInvoiceRequest = { ...common, issueDate: value.issueDate, dueDate: value.dueDate };
      (id ? this.api.save(id, body) : this.api.create(body)).pipe(finalize(() => this.saving.set(false))).subscribe({
        next: (invoice) => {
          this.toast.show('Draft saved. The client sees nothing until you send it.');
          void this.router.navigate([WEB_PATHS.agencyBilling, 'invoices', invoice.id]);
        },
        error: (error: unknown) => this.refused(error),
      });
    } else {
      const body: SaveRecurringInvoiceRequest = {
        ...common,
        interval: value.interval,
        startsOn: value.startsOn,
        endsOn: value.endsOn || null,
        dueInDays: Number(value.dueInDays),
      };
      (id ? this.api.saveRecurring(id, body) : this.api.createRecurring(body))
        .pipe(finalize(() => this.saving.set(false)))
        .subscribe({
          next: () => {
            this.toast.show('Recurring invoice saved.');
            void this.router.navigateByUrl(`${WEB_PATHS.agencyBilling}/recurring`);
          },
          error: (error: unknown) => this.refused(error),
        });
    }
  }

  /** The server's field errors land on their fields (lines.0.unitPrice and all); the rest above. */
  private refused(error: unknown): void {
    const apiError = toApiError(error);
    this.formError.set(applyServerErrors(this.form, apiError) ?? 'Some fields need your attention.');
    requestAnimationFrame(() => focusFirstInvalid(this.host.nativeElement));
  }
}
