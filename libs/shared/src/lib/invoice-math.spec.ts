import {
  computeInvoiceTotals,
  currencyExponent,
  formatMoney,
  formatPercent,
  INVOICE_CURRENCIES,
  isInvoiceCurrency,
  parseMajorAmount,
  toMajorString,
  toThousandths,
  type InvoiceMathInput,
} from './invoice-math';

const line = (quantity: number, unitPrice: number, taxRate: number) => ({ quantity, unitPrice, taxRate });
const none = { kind: 'none' as const, value: 0 };

describe('computeInvoiceTotals', () => {
  it('rounds each line half away from zero, then taxes each rate on its sum', () => {
    // 0.5 × 1 cent = 0.5 → 1; 8.875 % of 300.00 = 26.625 → 26.63.
    const totals = computeInvoiceTotals({
      currency: 'USD',
      lines: [line(0.5, 1, 0), line(2, 15000, 8.875)],
      discount: none,
    });
    expect(totals).toEqual({
      lineAmounts: [1, 30000],
      subtotal: 30001,
      discountTotal: 0,
      taxes: [{ rate: 8.875, taxable: 30000, tax: 2663 }],
      taxTotal: 2663,
      total: 32664,
    });
  });

  it('taxes the sum of a rate, not each line (no drift from per-line rounding)', () => {
    // Three lines of 0.05 at 7.25 %: per line 0.003625 → 0 each; on the sum 0.15 × 7.25 % = 0.010875 → 0.01.
    const totals = computeInvoiceTotals({
      currency: 'USD',
      lines: [line(1, 5, 7.25), line(1, 5, 7.25), line(1, 5, 7.25)],
      discount: none,
    });
    expect(totals.taxes).toEqual([{ rate: 7.25, taxable: 15, tax: 1 }]);
    expect(totals.total).toBe(16);
  });

  it('lists one entry per rate, ascending, and leaves untaxed lines out', () => {
    const totals = computeInvoiceTotals({
      currency: 'EUR',
      lines: [line(1, 1000, 19), line(1, 1000, 0), line(1, 1000, 7.25), line(2, 500, 19)],
      discount: none,
    });
    expect(totals.taxes.map((t) => t.rate)).toEqual([7.25, 19]);
    expect(totals.taxes).toEqual([
      { rate: 7.25, taxable: 1000, tax: 73 },
      { rate: 19, taxable: 2000, tax: 380 },
    ]);
    expect(totals.total).toBe(4000 + 73 + 380);
  });

  it('shares a discount among the lines so that the taxable bases add up to subtotal − discount', () => {
    const input: InvoiceMathInput = {
      currency: 'USD',
      lines: [line(0.333, 9999, 8.875), line(1.667, 1234, 7.25), line(3, 3333, 19)],
      discount: { kind: 'percent', value: 12.5 },
    };
    const totals = computeInvoiceTotals(input);
    expect(totals.lineAmounts).toEqual([3330, 2057, 9999]);
    expect(totals.subtotal).toBe(15386);
    expect(totals.discountTotal).toBe(1923); // 12.5 % of 153.86 = 19.2325 → 19.23
    const taxable = totals.taxes.reduce((sum, t) => sum + t.taxable, 0);
    expect(taxable).toBe(totals.subtotal - totals.discountTotal);
    expect(totals.total).toBe(totals.subtotal - totals.discountTotal + totals.taxTotal);
  });

  it('takes an amount discount as given and refuses one larger than the subtotal', () => {
    const totals = computeInvoiceTotals({
      currency: 'USD',
      lines: [line(1, 1000, 10)],
      discount: { kind: 'amount', value: 250 },
    });
    expect(totals).toMatchObject({ discountTotal: 250, taxes: [{ rate: 10, taxable: 750, tax: 75 }], total: 825 });
    expect(() =>
      computeInvoiceTotals({ currency: 'USD', lines: [line(1, 1000, 0)], discount: { kind: 'amount', value: 1001 } }),
    ).toThrow(RangeError);
  });

  it('works in currencies without minor units and with three', () => {
    expect(computeInvoiceTotals({ currency: 'JPY', lines: [line(3, 1000, 10)], discount: none }).total).toBe(3300);
    // KWD has 3 decimals: 1.5 × 1.234 KWD = 1.851 KWD, exactly.
    expect(computeInvoiceTotals({ currency: 'KWD', lines: [line(1.5, 1234, 0)], discount: none }).total).toBe(1851);
  });

  it('keeps every digit of large amounts (no float drift)', () => {
    const totals = computeInvoiceTotals({
      currency: 'USD',
      lines: [line(1_000_000, 1_000_000_000, 19)],
      discount: none,
    });
    expect(totals.subtotal).toBe(1_000_000_000_000_000);
    expect(totals.taxTotal).toBe(190_000_000_000_000);
  });

  it('refuses quantities and rates with more than 3 decimals, and unknown currencies', () => {
    expect(() => computeInvoiceTotals({ currency: 'USD', lines: [line(1.0001, 1, 0)], discount: none })).toThrow(
      RangeError,
    );
    expect(() => computeInvoiceTotals({ currency: 'USD', lines: [line(1, 1, 8.8755)], discount: none })).toThrow(
      RangeError,
    );
    expect(() => computeInvoiceTotals({ currency: 'XXX1', lines: [], discount: none })).toThrow(RangeError);
  });

  it('gives zero totals for no lines', () => {
    expect(computeInvoiceTotals({ currency: 'USD', lines: [], discount: none })).toEqual({
      lineAmounts: [],
      subtotal: 0,
      discountTotal: 0,
      taxes: [],
      taxTotal: 0,
      total: 0,
    });
  });
});

describe('money helpers', () => {
  it('knows ISO 4217 currencies and their exponents, without fund codes', () => {
    expect(isInvoiceCurrency('USD')).toBe(true);
    expect(isInvoiceCurrency('usd')).toBe(false);
    expect(isInvoiceCurrency('USN')).toBe(false);
    expect(INVOICE_CURRENCIES).toContain('EUR');
    expect([currencyExponent('USD'), currencyExponent('JPY'), currencyExponent('KWD')]).toEqual([2, 0, 3]);
  });

  it('reads thousandths exactly, or not at all', () => {
    expect(toThousandths(8.875)).toBe(8875n);
    expect(toThousandths(0.1 + 0.2)).toBe(300n);
    expect(toThousandths(1.0005)).toBeNull();
    expect(toThousandths(Number.NaN)).toBeNull();
  });

  it('writes and reads major amounts without losing a digit', () => {
    expect(toMajorString(123456, 'USD')).toBe('1234.56');
    expect(toMajorString(5, 'USD')).toBe('0.05');
    expect(toMajorString(-5, 'KWD')).toBe('-0.005');
    expect(toMajorString(1200, 'JPY')).toBe('1200');
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(1200, 'JPY')).toBe('¥1,200');
    expect(parseMajorAmount('1,234.56', 'USD')).toBe(123456);
    expect(parseMajorAmount('12.5', 'USD')).toBe(1250);
    expect(parseMajorAmount('1.234', 'USD')).toBeNull();
    expect(parseMajorAmount('-1', 'USD')).toBeNull();
    expect(formatPercent(8.875)).toBe('8.875%');
    expect(formatPercent(20)).toBe('20%');
  });
});
