import {
  add,
  allocate,
  createDinero,
  halfAwayFromZero,
  multiply,
  toSnapshot,
  transformScale,
  type Dinero,
} from 'dinero.js';
import * as dineroExports from 'dinero.js';

/**
 * Invoice arithmetic (issue 17), shared so the server, the PDF and the pages compute and show the
 * same figures: the server is the authority, the agency's editor uses the same function to preview.
 *
 * Money is integer minor units (cents) and goes through dinero.js with a bigint calculator, so no
 * step ever holds a float or loses a digit. Rounding is half away from zero, at these points only:
 * - each line: quantity × unit price;
 * - the discount, when it is a percentage of the subtotal;
 * - the tax of each rate, on the sum of that rate's lines after their share of the discount.
 * The discount is shared among the lines in proportion to their amounts (largest remainders), so
 * the taxable bases add up exactly to subtotal − discount.
 */

/** Quantities and percentages carry at most this many decimals (0.001). */
export const DECIMALS_SCALE = 3;
/** A percentage in thousandths (8.875 % = 8875) over 100 % = 100000. */
const PERCENT_SCALE = 5;

export interface InvoiceMathLine {
  /** Units, up to 3 decimals (e.g. 1.5 hours). */
  quantity: number;
  /** Price of one unit, integer minor units. */
  unitPrice: number;
  /** Percent, up to 3 decimals (e.g. 8.875); 0 = untaxed. */
  taxRate: number;
}

export type DiscountKind = 'none' | 'percent' | 'amount';

export interface InvoiceMathInput {
  currency: string;
  lines: readonly InvoiceMathLine[];
  discount: { kind: DiscountKind; /** percent (≤3 decimals) or integer minor units */ value: number };
}

export interface InvoiceTaxTotal {
  /** Percent as given on the lines (e.g. 8.875). */
  rate: number;
  /** Sum of this rate's lines after their share of the discount (minor units). */
  taxable: number;
  tax: number;
}

export interface InvoiceTotals {
  /** Each line's amount (quantity × unit price, rounded), in the order given. */
  lineAmounts: number[];
  subtotal: number;
  discountTotal: number;
  /** One entry per non-zero rate, ascending by rate. */
  taxes: InvoiceTaxTotal[];
  taxTotal: number;
  total: number;
}

type Currency = { code: string; base: bigint; exponent: bigint };
const bigintDinero = createDinero({
  calculator: {
    add: (a: bigint, b: bigint) => a + b,
    compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0) as never,
    decrement: (v: bigint) => v - 1n,
    increment: (v: bigint) => v + 1n,
    integerDivide: (a: bigint, b: bigint) => a / b,
    modulo: (a: bigint, b: bigint) => a % b,
    multiply: (a: bigint, b: bigint) => a * b,
    power: (a: bigint, b: bigint) => a ** b,
    subtract: (a: bigint, b: bigint) => a - b,
    zero: () => 0n,
  },
});

/** Codes that are funds or accounting units, not currencies anyone invoices in. */
const NOT_FOR_INVOICES = new Set(['BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW', 'XAD']);

const CURRENCY_TABLE: ReadonlyMap<string, { exponent: number; base: number }> = new Map(
  // dinero.js exports every ISO 4217 currency beside its functions: keep the currency objects.
  Object.values(dineroExports as unknown as Record<string, { code: string; base: number; exponent: number }>)
    .filter((c) => typeof c === 'object' && c && typeof c.code === 'string' && !NOT_FOR_INVOICES.has(c.code))
    .map((c) => [c.code, { exponent: c.exponent, base: c.base }]),
);

/** ISO 4217 codes an invoice may be in, sorted. */
export const INVOICE_CURRENCIES: readonly string[] = [...CURRENCY_TABLE.keys()].sort();

export function isInvoiceCurrency(code: unknown): code is string {
  return typeof code === 'string' && CURRENCY_TABLE.has(code);
}

/** Digits after the decimal point of a currency's major unit (USD 2, JPY 0, KWD 3). */
export function currencyExponent(code: string): number {
  const entry = CURRENCY_TABLE.get(code);
  if (!entry) throw new RangeError(`Unknown currency ${code}`);
  return entry.exponent;
}

function currencyOf(code: string): Currency {
  const entry = CURRENCY_TABLE.get(code);
  if (!entry) throw new RangeError(`Unknown currency ${code}`);
  return { code, base: BigInt(entry.base), exponent: BigInt(entry.exponent) };
}

/** `value` × 1000 as an exact integer, or null when it has more than 3 decimals. */
export function toThousandths(value: number): bigint | null {
  if (!Number.isFinite(value)) return null;
  const scaled = Math.round(value * 1000);
  return Math.abs(value * 1000 - scaled) < 1e-6 ? BigInt(scaled) : null;
}

function thousandths(value: number, what: string): bigint {
  const scaled = toThousandths(value);
  if (scaled === null) throw new RangeError(`${what} has more than ${DECIMALS_SCALE} decimals`);
  return scaled;
}

type Money = Dinero<bigint>;

function money(amount: bigint, currency: Currency, scale?: bigint): Money {
  return bigintDinero({ amount, currency, ...(scale === undefined ? {} : { scale }) }) as Money;
}

function minorUnits(value: Money, currency: Currency): bigint {
  const rounded = transformScale(value, currency.exponent, halfAwayFromZero);
  return toSnapshot(rounded).amount;
}

function safe(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError('Amount out of range');
  }
  return Number(value);
}

/** Totals of an invoice. Throws RangeError for input the API validation should have refused. */
export function computeInvoiceTotals(input: InvoiceMathInput): InvoiceTotals {
  const currency = currencyOf(input.currency);
  const lineAmounts = input.lines.map((line) => {
    const unit = money(BigInt(line.unitPrice), currency);
    const product = multiply(unit, { amount: thousandths(line.quantity, 'Quantity'), scale: 3n });
    return minorUnits(product, currency);
  });
  const subtotal = lineAmounts.reduce((sum, amount) => sum + amount, 0n);

  let discountTotal = 0n;
  if (input.discount.kind === 'percent') {
    const percent = thousandths(input.discount.value, 'Discount');
    discountTotal = minorUnits(
      multiply(money(subtotal, currency), { amount: percent, scale: BigInt(PERCENT_SCALE) }),
      currency,
    );
  } else if (input.discount.kind === 'amount') {
    discountTotal = BigInt(input.discount.value);
  }
  if (discountTotal > subtotal) throw new RangeError('Discount is larger than the subtotal');

  // Each line's share of the discount, in proportion to its amount; the shares add up exactly.
  const shares =
    discountTotal > 0n && subtotal > 0n
      ? allocate(money(discountTotal, currency), lineAmounts).map((share) => toSnapshot(share).amount)
      : lineAmounts.map(() => 0n);

  const bases = new Map<bigint, { rate: number; taxable: bigint }>();
  input.lines.forEach((line, index) => {
    const rate = thousandths(line.taxRate, 'Tax rate');
    if (rate === 0n) return;
    const entry = bases.get(rate) ?? { rate: line.taxRate, taxable: 0n };
    entry.taxable += lineAmounts[index] - shares[index];
    bases.set(rate, entry);
  });
  const taxes = [...bases.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([rate, { rate: shown, taxable }]) => ({
      rate: shown,
      taxable,
      tax: minorUnits(multiply(money(taxable, currency), { amount: rate, scale: BigInt(PERCENT_SCALE) }), currency),
    }));
  const taxTotal = taxes.reduce((sum, entry) => sum + entry.tax, 0n);
  const total = toSnapshot(add(money(subtotal - discountTotal, currency), money(taxTotal, currency))).amount;

  return {
    lineAmounts: lineAmounts.map(safe),
    subtotal: safe(subtotal),
    discountTotal: safe(discountTotal),
    taxes: taxes.map((entry) => ({ rate: entry.rate, taxable: safe(entry.taxable), tax: safe(entry.tax) })),
    taxTotal: safe(taxTotal),
    total: safe(total),
  };
}

/** Minor units as an exact decimal string in major units: (123456, 'USD') → "1234.56". */
export function toMajorString(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const negative = amount < 0;
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  const major = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits;
  return negative ? `-${major}` : major;
}

/**
 * How money is written everywhere (API consumers, the PDF, emails, the pages): one locale, so a
 * figure never reads differently in two places. "$1,234.56", "€12.00", "¥1,200".
 */
export function formatMoney(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const format = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // A decimal string keeps every digit (Intl formats strings exactly).
  return format.format(toMajorString(amount, currency) as unknown as number);
}

/** Major-unit decimal text ("12.5", "1,200.00") as minor units, or null when it is not an amount. */
export function parseMajorAmount(text: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const cleaned = text.replace(/[\s,]/g, '');
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(cleaned);
  if (!match || (match[2] ?? '').length > exponent) return null;
  const minor = BigInt(match[1]) * 10n ** BigInt(exponent) + BigInt((match[2] ?? '').padEnd(exponent, '0') || '0');
  return minor > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(minor);
}

/** Percent as written on a line or a tax row: 8.875 → "8.875%", 20 → "20%". */
export function formatPercent(rate: number): string {
  return `${Number(rate.toFixed(DECIMALS_SCALE))}%`;
}
