import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, input, signal } from '@angular/core';
import { TextFieldModule } from '@angular/cdk/text-field';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { formatMoney, formatPercent, isInvoiceCurrency } from '@atrium/shared';
import { merge, startWith } from 'rxjs';
import {
  LINES_MAX,
  fieldError,
  lineForm,
  previewTotals,
  type DiscountForm,
  type DraftValue,
  type LineForm,
} from '../invoice-form';
import type { FormArray } from '@angular/forms';

/**
 * The lines of an invoice (or of a recurring template) with their discount, and the totals as the
 * server will compute them, live. Prices are typed in the invoice's currency's major units.
 */
@Component({
  selector: 'atr-invoice-lines-editor',
  imports: [
    TextFieldModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
  ],
  template: `
    <section class="lines" aria-labelledby="lines-title">
      <h2 id="lines-title" class="section-title">Lines</h2>
      @for (line of lines().controls; track line; let i = $index) {
        <fieldset class="line" [formGroup]="line">
          <legend class="line__legend">Line {{ i + 1 }}</legend>
          <mat-form-field class="line__description" subscriptSizing="dynamic">
            <mat-label>Description</mat-label>
            <textarea matInput formControlName="description" rows="1" cdkTextareaAutosize required></textarea>
            @if (line.controls.description.invalid) {
              <mat-error>{{ error(line.controls.description, 'a description') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field class="line__quantity" subscriptSizing="dynamic">
            <mat-label>Quantity</mat-label>
            <input matInput formControlName="quantity" inputmode="decimal" autocomplete="off" required />
            @if (line.controls.quantity.invalid) {
              <mat-error>{{ error(line.controls.quantity, 'a quantity') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field class="line__price" subscriptSizing="dynamic">
            <mat-label>Unit price</mat-label>
            <input matInput formControlName="unitPrice" inputmode="decimal" autocomplete="off" required />
            <span matTextSuffix>{{ currency() }}</span>
            @if (line.controls.unitPrice.invalid) {
              <mat-error>{{ error(line.controls.unitPrice, 'a price') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field class="line__tax" subscriptSizing="dynamic">
            <mat-label>Tax</mat-label>
            <input matInput formControlName="taxRate" inputmode="decimal" autocomplete="off" />
            <span matTextSuffix>%</span>
            @if (line.controls.taxRate.invalid) {
              <mat-error>{{ error(line.controls.taxRate) }}</mat-error>
            }
          </mat-form-field>
          <div class="line__end">
            <span class="line__amount"><span class="atr-visually-hidden">Amount: </span>{{ lineAmount(i) }}</span>
            <button
              mat-icon-button
              type="button"
              [disabled]="lines().length <= 1"
              [attr.aria-label]="'Remove line ' + (i + 1)"
              (click)="remove(i)"
            >
              <mat-icon>delete</mat-icon>
            </button>
          </div>
        </fieldset>
      }
      <div>
        <button mat-stroked-button type="button" [disabled]="lines().length >= linesMax" (click)="add()">
          <mat-icon>add</mat-icon>Add line
        </button>
      </div>
    </section>

    <div class="bottom">
      <fieldset class="discount" [formGroup]="discount()">
        <legend class="section-title">Discount</legend>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Discount</mat-label>
          <mat-select formControlName="kind">
            <mat-option value="none">No discount</mat-option>
            <mat-option value="percent">Percentage of the subtotal</mat-option>
            <mat-option value="amount">Fixed amount</mat-option>
          </mat-select>
        </mat-form-field>
        @if (discount().controls.kind.value !== 'none') {
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{
              discount().controls.kind.value === 'percent' ? 'Discount percentage' : 'Discount amount'
            }}</mat-label>
            <input matInput formControlName="value" inputmode="decimal" autocomplete="off" />
            <span matTextSuffix>{{ discount().controls.kind.value === 'percent' ? '%' : currency() }}</span>
            @if (discount().controls.value.invalid) {
              <mat-error>{{ error(discount().controls.value) }}</mat-error>
            }
          </mat-form-field>
        }
      </fieldset>

      <section class="totals" aria-labelledby="totals-title" aria-live="polite">
        <h2 id="totals-title" class="section-title">Totals</h2>
        @if (totals(); as t) {
          <dl>
            <div>
              <dt>Subtotal</dt>
              <dd>{{ money(t.subtotal) }}</dd>
            </div>
            @if (t.discountTotal > 0) {
              <div>
                <dt>Discount</dt>
                <dd>−{{ money(t.discountTotal) }}</dd>
              </div>
            }
            @for (tax of t.taxes; track tax.rate) {
              <div>
                <dt>Tax {{ percent(tax.rate) }}</dt>
                <dd>{{ money(tax.tax) }}</dd>
              </div>
            }
            <div class="totals__total">
              <dt>Total</dt>
              <dd>{{ money(t.total) }}</dd>
            </div>
          </dl>
        } @else {
          <p class="atr-muted">{{ totalsHint() }}</p>
        }
      </section>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 24px;
      container-type: inline-size;
    }
    .section-title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
      padding: 0;
    }
    .lines {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    .line {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 96px 160px 96px auto;
      gap: 8px 12px;
      align-items: start;
      padding: 12px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
    }
    .line__legend {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    .line__end {
      display: flex;
      align-items: center;
      gap: 4px;
      min-height: 56px;
    }
    .line__amount {
      min-width: 96px;
      text-align: right;
      font-variant-numeric: tabular-nums;
      font: var(--mat-sys-title-small);
    }
    .bottom {
      display: flex;
      flex-wrap: wrap;
      gap: 24px;
      justify-content: space-between;
    }
    .discount {
      display: flex;
      flex-direction: column;
      gap: 8px;
      flex: 1 1 260px;
      max-width: 360px;
    }
    .totals {
      flex: 0 1 340px;
      dl {
        margin: 0;
      }
      div {
        display: flex;
        justify-content: space-between;
        gap: 24px;
        padding: 4px 0;
      }
      dt {
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
    }
    .totals__total {
      border-top: 1px solid var(--mat-sys-outline);
      font: var(--mat-sys-title-medium);
      dt {
        color: var(--mat-sys-on-surface);
      }
    }
    @container (max-width: 719.98px) {
      .line {
        grid-template-columns: repeat(3, minmax(0, 1fr));
      }
      .line__description {
        grid-column: 1 / -1;
      }
      .line__end {
        grid-column: 1 / -1;
        justify-content: space-between;
        min-height: 0;
      }
      .line__amount {
        text-align: left;
      }
      .discount,
      .totals {
        max-width: none;
        flex-basis: 100%;
      }
    }
    @container (max-width: 399.98px) {
      .line {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
      .line__price {
        grid-column: 1 / -1;
        grid-row: 2;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvoiceLinesEditorComponent {
  readonly lines = input.required<FormArray<LineForm>>();
  readonly discount = input.required<DiscountForm>();
  readonly currency = input.required<string>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly linesMax = LINES_MAX;
  private readonly draft = signal<DraftValue | null>(null);
  protected readonly totals = computed(() => {
    const draft = this.draft();
    return draft ? previewTotals(draft) : null;
  });
  protected readonly totalsHint = computed(() =>
    isInvoiceCurrency(this.currency())
      ? 'The totals show once every line has a description, a quantity and a price.'
      : 'Choose a currency to see the totals.',
  );

  constructor() {
    effect((onCleanup) => {
      const lines = this.lines();
      const discount = this.discount();
      const read = () =>
        this.draft.set({
          currency: this.currency(),
          lines: lines.getRawValue(),
          discount: discount.getRawValue(),
        });
      const subscription = merge(lines.valueChanges, discount.valueChanges).pipe(startWith(null)).subscribe(read);
      onCleanup(() => subscription.unsubscribe());
    });
    // Another currency means other decimals: prices are checked again, and the totals follow.
    effect(() => {
      const currency = this.currency();
      for (const line of this.lines().controls) line.controls.unitPrice.updateValueAndValidity({ emitEvent: false });
      const discount = this.discount();
      discount.controls.value.updateValueAndValidity({ emitEvent: false });
      this.draft.update((draft) => (draft ? { ...draft, currency } : draft));
    });
  }

  protected error(control: Parameters<typeof fieldError>[0], what?: string): string | null {
    return fieldError(control, what);
  }

  protected money(amount: number): string {
    return formatMoney(amount, this.currency());
  }

  protected percent(rate: number): string {
    return formatPercent(rate);
  }

  protected lineAmount(index: number): string {
    const amount = this.totals()?.lineAmounts[index];
    return amount === undefined ? '—' : this.money(amount);
  }

  protected add(): void {
    this.lines().push(lineForm({}, () => this.currency()));
    // The new line's description takes focus, so typing can go on.
    requestAnimationFrame(() => {
      const fields = this.host.nativeElement.querySelectorAll<HTMLTextAreaElement>('.line__description textarea');
      fields[fields.length - 1]?.focus();
    });
  }

  protected remove(index: number): void {
    this.lines().removeAt(index);
    requestAnimationFrame(() => {
      const buttons = this.host.nativeElement.querySelectorAll<HTMLTextAreaElement>('.line__description textarea');
      buttons[Math.min(index, buttons.length - 1)]?.focus();
    });
  }
}
