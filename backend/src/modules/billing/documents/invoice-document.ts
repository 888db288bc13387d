import {
  formatMoney,
  formatPercent,
  type InvoiceBillTo,
  type InvoiceIssuer,
  type InvoiceStatus,
  type InvoiceTaxTotal,
} from '@atrium/shared';
import type { InvoiceLine } from '../entities/invoice-line.entity';
import type { Invoice } from '../entities/invoice.entity';

/**
 * What an invoice document says, as text, before anything is drawn: every figure comes from the
 * stored invoice (the totals `computeInvoiceTotals` gave it) and is written with `formatMoney`, so
 * the PDF reads exactly as the API and the pages. Pure, so the wording is testable without a PDF.
 */
export interface InvoiceDocument {
  /** "Invoice INV-0042", or "Draft invoice" before it has a number. */
  title: string;
  number: string | null;
  draft: boolean;
  issuer: InvoiceIssuer;
  /** Invoice number, issue and due dates, balance due: label / value pairs under the title. */
  facts: DocumentRow[];
  /** PAID / VOID / PARTIALLY PAID / DRAFT, with what it means; null for an open invoice. */
  stamp: { label: string; detail: string } | null;
  billTo: string[];
  lines: DocumentLine[];
  /** Subtotal, discount, one row per tax rate, total, amount paid, balance due. */
  totals: DocumentRow[];
  notes: string;
  terms: string;
  /** The footer of every page (the page numbers are added beside it). */
  footer: string;
  /** The download's file name: "INV-0042.pdf", "Draft invoice.pdf". */
  filename: string;
}

export interface DocumentRow {
  label: string;
  value: string;
  strong?: boolean;
}

export interface DocumentLine {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  amount: string;
}

/** The fields of an invoice a document prints (a loaded row has them all). */
export type PrintedInvoice = Pick<
  Invoice,
  | 'status'
  | 'number'
  | 'currency'
  | 'issueDate'
  | 'dueDate'
  | 'discountKind'
  | 'discountValue'
  | 'subtotal'
  | 'discountTotal'
  | 'taxes'
  | 'total'
  | 'amountPaid'
  | 'notes'
  | 'terms'
  | 'paidAt'
  | 'voidReason'
>;

export type PrintedLine = Pick<InvoiceLine, 'description' | 'quantityMilli' | 'unitPrice' | 'taxRateMilli' | 'amount'>;

/** What the invoice owes: total − paid; nothing once void (as the API's `balance`). */
export function balanceOf(invoice: Pick<Invoice, 'status' | 'total' | 'amountPaid'>): number {
  return invoice.status === 'void' ? 0 : Math.max(0, invoice.total - invoice.amountPaid);
}

export function invoiceDocument(
  invoice: PrintedInvoice,
  lines: readonly PrintedLine[],
  issuer: InvoiceIssuer,
  billTo: InvoiceBillTo,
): InvoiceDocument {
  const money = (amount: number) => formatMoney(amount, invoice.currency);
  const draft = invoice.status === 'draft';
  const balance = balanceOf(invoice);
  const title = invoice.number && !draft ? `Invoice ${invoice.number}` : 'Draft invoice';

  const facts: DocumentRow[] = [
    { label: 'Invoice number', value: draft || !invoice.number ? 'Not yet numbered' : invoice.number },
    { label: 'Issue date', value: calendarDate(invoice.issueDate) },
    { label: 'Due date', value: calendarDate(invoice.dueDate) },
    { label: 'Balance due', value: money(balance), strong: true },
  ];

  const totals: DocumentRow[] = [{ label: 'Subtotal', value: money(invoice.subtotal) }];
  if (invoice.discountTotal > 0) {
    const percent = invoice.discountKind === 'percent' ? ` (${formatPercent(invoice.discountValue / 1000)})` : '';
    totals.push({ label: `Discount${percent}`, value: money(-invoice.discountTotal) });
  }
  for (const tax of taxesOf(invoice)) {
    totals.push({ label: taxLabel(tax, invoice.currency), value: money(tax.tax) });
  }
  totals.push({ label: 'Total', value: money(invoice.total), strong: true });
  if (invoice.amountPaid > 0) totals.push({ label: 'Amount paid', value: money(invoice.amountPaid) });
  totals.push({ label: 'Balance due', value: money(balance), strong: true });

  return {
    title,
    number: draft ? null : invoice.number,
    draft,
    issuer,
    facts,
    stamp: stampOf(invoice, money(balance)),
    billTo: billToLines(billTo),
    lines: lines.map((line) => ({
      description: line.description,
      quantity: quantityText(line.quantityMilli),
      unitPrice: money(line.unitPrice),
      taxRate: line.taxRateMilli === 0 ? '—' : formatPercent(line.taxRateMilli / 1000),
      amount: money(line.amount),
    })),
    totals,
    notes: invoice.notes.trim(),
    terms: invoice.terms.trim(),
    footer: `${issuer.name} · ${title}`,
    filename: `${draft || !invoice.number ? 'Draft invoice' : invoice.number}.pdf`,
  };
}

/** "Tax 8.875% on $9.00": the rate and the amount it was taken on. */
export function taxLabel(tax: InvoiceTaxTotal, currency: string): string {
  return `Tax ${formatPercent(tax.rate)} on ${formatMoney(tax.taxable, currency)}`;
}

/** The stored tax rows (JSON); none when the column holds anything else. */
export function taxesOf(invoice: Pick<Invoice, 'taxes'>): InvoiceTaxTotal[] {
  try {
    const parsed: unknown = JSON.parse(invoice.taxes || '[]');
    return Array.isArray(parsed) ? (parsed as InvoiceTaxTotal[]) : [];
  } catch {
    return [];
  }
}

/** Thousandths of a unit as written: 1500 → "1.5", 333 → "0.333", 2000 → "2". */
export function quantityText(quantityMilli: number): string {
  const negative = quantityMilli < 0;
  const absolute = Math.abs(quantityMilli);
  const whole = Math.floor(absolute / 1000).toLocaleString('en-US');
  const fraction = String(absolute % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "2026-12-03" → "Dec 3, 2026" (a calendar date: no time zone moves it). */
export function calendarDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}

function stampOf(invoice: PrintedInvoice, balance: string): InvoiceDocument['stamp'] {
  const status: InvoiceStatus = invoice.status;
  switch (status) {
    case 'draft':
      return { label: 'DRAFT', detail: 'A preview: this invoice has not been sent and is not payable yet.' };
    case 'paid':
      return {
        label: 'PAID',
        detail: invoice.paidAt
          ? `Paid in full on ${calendarDate(invoice.paidAt.toISOString().slice(0, 10))}. Thank you.`
          : 'Paid in full. Thank you.',
      };
    case 'void':
      return {
        label: 'VOID',
        detail: `This invoice was voided and is not to be paid. Reason: ${invoice.voidReason?.trim() || 'none given'}`,
      };
    case 'partially_paid':
      return { label: 'PARTIALLY PAID', detail: `Balance due: ${balance}` };
    default:
      return null;
  }
}

function billToLines(billTo: InvoiceBillTo): string[] {
  const { address } = billTo;
  const place = [address.postalCode, address.city].filter(Boolean).join(' ');
  const lines = [
    billTo.name,
    address.line1,
    address.line2,
    [place, address.region].filter(Boolean).join(', '),
    address.country,
    billTo.email,
    billTo.taxId ? `Tax ID: ${billTo.taxId}` : '',
  ];
  return lines.map((line) => line.trim()).filter(Boolean);
}
