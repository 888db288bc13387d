import { computeInvoiceTotals, formatMoney } from '@atrium/shared';
import {
  balanceOf,
  calendarDate,
  invoiceDocument,
  quantityText,
  taxLabel,
  taxesOf,
  type PrintedInvoice,
  type PrintedLine,
} from './invoice-document';

const ISSUER = { name: 'Northwind Creative', logoUrl: null, primaryColor: '#1a73e8' };
const BILL_TO = {
  name: 'Acme Coffee GmbH',
  email: 'billing@acme.test',
  address: { line1: 'Kaffeestraße 1', line2: '', city: 'Berlin', postalCode: '10115', region: '', country: 'DE' },
  taxId: 'DE123456789',
};

/** An invoice stored the way the server stores one: totals from computeInvoiceTotals. */
function stored(
  lines: Array<{ description: string; quantity: number; unitPrice: number; taxRate: number }>,
  discount: { kind: 'none' | 'percent' | 'amount'; value: number },
  patch: Partial<PrintedInvoice> = {},
): { invoice: PrintedInvoice; lines: PrintedLine[] } {
  const totals = computeInvoiceTotals({ currency: 'USD', lines, discount });
  return {
    invoice: {
      status: 'sent',
      number: 'INV-0042',
      currency: 'USD',
      issueDate: '2026-12-03',
      dueDate: '2026-12-17',
      discountKind: discount.kind,
      discountValue: discount.kind === 'percent' ? Math.round(discount.value * 1000) : discount.value,
      subtotal: totals.subtotal,
      discountTotal: totals.discountTotal,
      taxes: JSON.stringify(totals.taxes),
      total: totals.total,
      amountPaid: 0,
      notes: 'Thank you for your business.',
      terms: 'Payable within 14 days.',
      paidAt: null,
      voidReason: null,
      ...patch,
    },
    lines: lines.map((line, index) => ({
      description: line.description,
      quantityMilli: Math.round(line.quantity * 1000),
      unitPrice: line.unitPrice,
      taxRateMilli: Math.round(line.taxRate * 1000),
      amount: totals.lineAmounts[index],
    })),
  };
}

const AWKWARD = [
  { description: 'Espresso consulting', quantity: 0.333, unitPrice: 2700, taxRate: 8.875 },
  { description: 'Menu photos', quantity: 3, unitPrice: 1999, taxRate: 7.25 },
  { description: 'Untaxed travel', quantity: 1.5, unitPrice: 1001, taxRate: 0 },
];

describe('invoiceDocument', () => {
  it('writes every figure of the stored invoice with formatMoney: subtotal, discount, one row per tax rate, total, balance', () => {
    const { invoice, lines } = stored(AWKWARD, { kind: 'percent', value: 12.5 });
    const document = invoiceDocument(invoice, lines, ISSUER, BILL_TO);
    const taxes = taxesOf(invoice);
    expect(taxes).toHaveLength(2);
    expect(document.totals).toEqual([
      { label: 'Subtotal', value: formatMoney(invoice.subtotal, 'USD') },
      { label: 'Discount (12.5%)', value: formatMoney(-invoice.discountTotal, 'USD') },
      { label: `Tax 7.25% on ${formatMoney(taxes[0].taxable, 'USD')}`, value: formatMoney(taxes[0].tax, 'USD') },
      { label: `Tax 8.875% on ${formatMoney(taxes[1].taxable, 'USD')}`, value: formatMoney(taxes[1].tax, 'USD') },
      { label: 'Total', value: formatMoney(invoice.total, 'USD'), strong: true },
      { label: 'Balance due', value: formatMoney(invoice.total, 'USD'), strong: true },
    ]);
    expect(document.lines[0]).toEqual({
      description: 'Espresso consulting',
      quantity: '0.333',
      unitPrice: '$27.00',
      taxRate: '8.875%',
      amount: '$8.99',
    });
    expect(document.lines[2].taxRate).toBe('—');
    expect(document.title).toBe('Invoice INV-0042');
    expect(document.filename).toBe('INV-0042.pdf');
    expect(document.stamp).toBeNull();
    expect(document.billTo).toEqual([
      'Acme Coffee GmbH',
      'Kaffeestraße 1',
      '10115 Berlin',
      'DE',
      'billing@acme.test',
      'Tax ID: DE123456789',
    ]);
  });

  it('shows the amount paid and the balance of a partly paid invoice, and marks it', () => {
    const { invoice, lines } = stored(
      AWKWARD,
      { kind: 'none', value: 0 },
      { status: 'partially_paid', amountPaid: 1000 },
    );
    const document = invoiceDocument(invoice, lines, ISSUER, BILL_TO);
    const balance = formatMoney(invoice.total - 1000, 'USD');
    expect(document.totals.slice(-2)).toEqual([
      { label: 'Amount paid', value: '$10.00' },
      { label: 'Balance due', value: balance, strong: true },
    ]);
    expect(document.stamp).toEqual({ label: 'PARTIALLY PAID', detail: `Balance due: ${balance}` });
    expect(document.facts).toContainEqual({ label: 'Balance due', value: balance, strong: true });
  });

  it('marks drafts (no number yet), paid invoices and void ones with their reason', () => {
    const draft = stored(AWKWARD, { kind: 'none', value: 0 }, { status: 'draft', number: null });
    const draftDocument = invoiceDocument(draft.invoice, draft.lines, ISSUER, BILL_TO);
    expect(draftDocument.draft).toBe(true);
    expect(draftDocument.stamp?.label).toBe('DRAFT');
    expect(draftDocument.filename).toBe('Draft invoice.pdf');

    const paid = stored(
      AWKWARD,
      { kind: 'none', value: 0 },
      { status: 'paid', paidAt: new Date('2026-12-10T15:00:00Z') },
    );
    paid.invoice.amountPaid = paid.invoice.total;
    expect(invoiceDocument(paid.invoice, paid.lines, ISSUER, BILL_TO).stamp).toEqual({
      label: 'PAID',
      detail: 'Paid in full on Dec 10, 2026. Thank you.',
    });

    const voided = stored(
      AWKWARD,
      { kind: 'none', value: 0 },
      { status: 'void', voidReason: 'Sent to the wrong client' },
    );
    const voidDocument = invoiceDocument(voided.invoice, voided.lines, ISSUER, BILL_TO);
    expect(voidDocument.stamp?.label).toBe('VOID');
    expect(voidDocument.stamp?.detail).toContain('Reason: Sent to the wrong client');
    // A void invoice owes nothing, as the API's balance says.
    expect(voidDocument.totals.at(-1)).toEqual({ label: 'Balance due', value: '$0.00', strong: true });
  });

  it('writes quantities, dates and tax labels the same way everywhere', () => {
    expect(quantityText(333)).toBe('0.333');
    expect(quantityText(1500)).toBe('1.5');
    expect(quantityText(2000)).toBe('2');
    expect(quantityText(1234500)).toBe('1,234.5');
    expect(calendarDate('2026-01-05')).toBe('Jan 5, 2026');
    expect(taxLabel({ rate: 8.875, taxable: 900, tax: 80 }, 'USD')).toBe('Tax 8.875% on $9.00');
    expect(taxLabel({ rate: 20, taxable: 120000, tax: 24000 }, 'JPY')).toBe('Tax 20% on ¥120,000');
    expect(balanceOf({ status: 'void', total: 500, amountPaid: 0 })).toBe(0);
    expect(taxesOf({ taxes: 'not json' })).toEqual([]);
  });
});
