import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatMoney, formatPercent, type InvoiceView } from '@atrium/shared';
import { formatDay } from '../billing-wording';

/**
 * An invoice laid out like the document it is: who issues it, who it is for, the lines, and the
 * server's figures (subtotal, one row per tax rate, total, paid, balance), shown exactly as sent.
 */
@Component({
  selector: 'atr-invoice-document',
  template: `
    @let inv = invoice();
    <article class="doc" [attr.aria-labelledby]="headingId()">
      <header class="doc__head">
        <div>
          <p class="doc__issuer">{{ inv.issuer.name }}</p>
          <h2 class="doc__title" [id]="headingId()">{{ title() }}</h2>
        </div>
        <dl class="doc__dates">
          <div>
            <dt>Issued</dt>
            <dd>{{ day(inv.issueDate) }}</dd>
          </div>
          <div>
            <dt>Due</dt>
            <dd>{{ day(inv.dueDate) }}</dd>
          </div>
          <div>
            <dt>Currency</dt>
            <dd>{{ inv.currency }}</dd>
          </div>
        </dl>
      </header>

      <section class="doc__billto" [attr.aria-labelledby]="headingId() + '-billto'">
        <h3 [id]="headingId() + '-billto'">Bill to</h3>
        <address>
          <strong>{{ inv.billTo.name || inv.clientName }}</strong>
          @for (line of addressLines(); track $index) {
            <br />{{ line }}
          }
          @if (inv.billTo.email) {
            <br />{{ inv.billTo.email }}
          }
          @if (inv.billTo.taxId) {
            <br />Tax ID {{ inv.billTo.taxId }}
          }
        </address>
      </section>

      <div class="doc__lines">
        <table class="lines">
          <caption class="atr-visually-hidden">
            Invoice lines
          </caption>
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col" class="num">Qty</th>
              <th scope="col" class="num">Unit price</th>
              <th scope="col" class="num">Tax</th>
              <th scope="col" class="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            @for (line of inv.lines; track line.id) {
              <tr>
                <th scope="row" class="desc">{{ line.description }}</th>
                <td class="num"><span class="cell-label">Qty </span>{{ line.quantity }}</td>
                <td class="num"><span class="cell-label">Unit price </span>{{ money(line.unitPrice) }}</td>
                <td class="num">
                  <span class="cell-label">Tax </span>{{ line.taxRate ? percent(line.taxRate) : '—' }}
                </td>
                <td class="num amount">{{ money(line.amount) }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>

      <dl class="sums">
        <div>
          <dt>Subtotal</dt>
          <dd>{{ money(inv.subtotal) }}</dd>
        </div>
        @if (inv.discountTotal > 0) {
          <div>
            <dt>Discount{{ inv.discount.kind === 'percent' ? ' (' + percent(inv.discount.value) + ')' : '' }}</dt>
            <dd>−{{ money(inv.discountTotal) }}</dd>
          </div>
        }
        @for (tax of inv.taxes; track tax.rate) {
          <div>
            <dt>Tax {{ percent(tax.rate) }} on {{ money(tax.taxable) }}</dt>
            <dd>{{ money(tax.tax) }}</dd>
          </div>
        }
        <div class="sums__total">
          <dt>Total</dt>
          <dd>{{ money(inv.total) }}</dd>
        </div>
        @if (inv.amountPaid > 0) {
          <div>
            <dt>Paid</dt>
            <dd>−{{ money(inv.amountPaid) }}</dd>
          </div>
        }
        @if (inv.status !== 'void') {
          <div class="sums__balance">
            <dt>Balance due</dt>
            <dd>{{ money(inv.balance) }}</dd>
          </div>
        }
      </dl>

      @if (inv.notes) {
        <section class="doc__text">
          <h3>Notes</h3>
          <p>{{ inv.notes }}</p>
        </section>
      }
      @if (inv.terms) {
        <section class="doc__text">
          <h3>Terms</h3>
          <p>{{ inv.terms }}</p>
        </section>
      }
    </article>
  `,
  styles: `
    :host {
      display: block;
      container-type: inline-size;
    }
    .doc {
      display: flex;
      flex-direction: column;
      gap: 24px;
      padding: 24px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
    }
    .doc__head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 16px;
    }
    .doc__issuer {
      margin: 0 0 4px;
      font: var(--mat-sys-title-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .doc__title {
      font: var(--mat-sys-headline-small);
    }
    .doc__dates {
      display: grid;
      grid-template-columns: repeat(3, auto);
      gap: 4px 24px;
      margin: 0;
      div {
        display: flex;
        flex-direction: column;
      }
      dt {
        font: var(--mat-sys-label-medium);
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
        font: var(--mat-sys-body-large);
      }
    }
    h3 {
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface-variant);
      margin-bottom: 4px;
    }
    address {
      font-style: normal;
      overflow-wrap: anywhere;
    }
    .lines {
      width: 100%;
      border-collapse: collapse;
      font: var(--mat-sys-body-medium);
      th,
      td {
        padding: 8px;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
        text-align: left;
        vertical-align: top;
      }
      thead th {
        font: var(--mat-sys-title-small);
        color: var(--mat-sys-on-surface-variant);
      }
      .desc {
        font: var(--mat-sys-body-medium);
        overflow-wrap: anywhere;
        white-space: pre-line;
      }
      .num {
        text-align: right;
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      .cell-label {
        display: none;
      }
    }
    .sums {
      margin: 0 0 0 auto;
      min-width: min(100%, 340px);
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
        white-space: nowrap;
      }
    }
    .sums__total {
      border-top: 1px solid var(--mat-sys-outline);
      margin-top: 4px;
      font: var(--mat-sys-title-medium);
      dt {
        color: var(--mat-sys-on-surface);
      }
    }
    .sums__balance {
      font: var(--mat-sys-title-medium);
      dt {
        color: var(--mat-sys-on-surface);
      }
    }
    .doc__text p {
      margin: 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    @container (max-width: 559.98px) {
      .doc {
        padding: 16px;
      }
      .lines thead {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
      .lines,
      .lines tbody,
      .lines tr {
        display: block;
      }
      .lines tr {
        display: grid;
        grid-template-columns: 1fr auto;
        padding: 8px 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
      .lines th,
      .lines td {
        border: 0;
        padding: 2px 0;
      }
      .lines .desc {
        grid-column: 1 / -1;
        font-weight: 500;
      }
      .lines td.num {
        text-align: left;
        grid-column: 1;
      }
      .lines td.amount {
        grid-column: 2;
        grid-row: 2 / span 3;
        align-self: end;
        text-align: right;
        font-weight: 500;
      }
      .lines .cell-label {
        display: inline;
        color: var(--mat-sys-on-surface-variant);
      }
      .doc__dates {
        grid-template-columns: repeat(2, auto);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvoiceDocumentComponent {
  readonly invoice = input.required<InvoiceView>();

  protected readonly headingId = computed(() => `invoice-${this.invoice().id}`);
  protected readonly title = computed(() => {
    const number = this.invoice().number;
    return number ? `Invoice ${number}` : 'Draft invoice';
  });
  protected readonly addressLines = computed(() => {
    const address = this.invoice().billTo.address;
    const cityLine = [address.city, address.region, address.postalCode].filter(Boolean).join(', ');
    return [address.line1, address.line2, cityLine, address.country].filter((line) => !!line);
  });

  protected money(amount: number): string {
    return formatMoney(amount, this.invoice().currency);
  }

  protected percent(rate: number): string {
    return formatPercent(rate);
  }

  protected day(value: string): string {
    return formatDay(value);
  }
}
