import {
  computeInvoiceTotals,
  OPEN_INVOICE_STATUSES,
  toThousandths,
  type InvoiceDiscount,
  type InvoiceLineInput,
  type InvoiceStatus,
  type InvoiceTotals,
  type RecurringInterval,
} from '@atrium/shared';
import { ValidationFailedException } from '../../../core/http/api-error.filter';

/**
 * The invoice rules that need no database: calendar dates, numbering, totals and the checks that
 * span several fields (a DTO checks each field alone). Unit-tested in invoice-rules.spec.ts.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number);
  return [year, month, day];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The UTC calendar day of an instant (the installation has no per-agency time zone yet). */
export function calendarDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  return calendarDay(new Date(Date.UTC(year, month - 1, day + days)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

const MONTHS_PER: Record<Exclude<RecurringInterval, 'week'>, number> = { month: 1, quarter: 3, year: 12 };

/**
 * Occurrence `n` (0 = the first) of a schedule starting on `startsOn`. Always counted from the
 * start, never from the previous occurrence, so a month-end start keeps to month ends:
 * Jan 31 → Feb 28 (29) → Mar 31.
 */
export function occurrenceDate(startsOn: string, interval: RecurringInterval, n: number): string {
  if (interval === 'week') return addDays(startsOn, 7 * n);
  const [year, month, day] = parts(startsOn);
  const monthIndex = month - 1 + MONTHS_PER[interval] * n;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** "INV-" and 42 → "INV-0042" (at least 4 digits; more once past 9999). */
export function invoiceNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(4, '0')}`;
}

export function isOpen(status: InvoiceStatus): boolean {
  return OPEN_INVOICE_STATUSES.includes(status);
}

/** Open with a balance left and past its due date on `today`. */
export function isOverdue(
  invoice: { status: InvoiceStatus; dueDate: string; total: number; amountPaid: number },
  today: string,
): boolean {
  return isOpen(invoice.status) && invoice.total - invoice.amountPaid > 0 && invoice.dueDate < today;
}

export function balanceOf(invoice: { status: InvoiceStatus; total: number; amountPaid: number }): number {
  return invoice.status === 'void' ? 0 : Math.max(invoice.total - invoice.amountPaid, 0);
}

/** What an invoice (or a recurring template) is made of, before its totals are known. */
export interface InvoiceContent {
  currency: string;
  lines: InvoiceLineInput[];
  discount: InvoiceDiscount;
}

/**
 * The totals of checked content, or a 400 naming the field: the checks a DTO cannot make alone
 * (a discount larger than the subtotal, a percentage discount over 100, amounts too large).
 */
export function totalsOrRefuse(content: InvoiceContent): InvoiceTotals {
  const { discount } = content;
  if (discount.kind === 'none' && discount.value !== 0) {
    throw new ValidationFailedException([
      { field: 'discount.value', messages: ['must be 0 when there is no discount'] },
    ]);
  }
  if (discount.kind === 'percent' && (discount.value > 100 || toThousandths(discount.value) === null)) {
    throw new ValidationFailedException([
      { field: 'discount.value', messages: ['a percentage is 0 to 100 with at most 3 decimals'] },
    ]);
  }
  if (discount.kind === 'amount' && !Number.isSafeInteger(discount.value)) {
    throw new ValidationFailedException([
      { field: 'discount.value', messages: ['an amount is a whole number of minor units'] },
    ]);
  }
  let totals: InvoiceTotals;
  try {
    totals = computeInvoiceTotals(content);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const field = /Discount/.test(error.message) ? 'discount.value' : 'lines';
    throw new ValidationFailedException([{ field, messages: [error.message] }]);
  }
  if (discount.kind === 'amount' && discount.value > totals.subtotal) {
    throw new ValidationFailedException([{ field: 'discount.value', messages: ['is larger than the subtotal'] }]);
  }
  return totals;
}

/** Issue and due dates: both real dates, due on or after issue. */
export function checkDates(issueDate: string, dueDate: string): void {
  if (dueDate < issueDate) {
    throw new ValidationFailedException([{ field: 'dueDate', messages: ['must be on or after the issue date'] }]);
  }
}

/** Stored discount value: thousandths of a percent for percentages, minor units for amounts. */
export function storedDiscountValue(discount: InvoiceDiscount): number {
  if (discount.kind === 'percent') return Number(toThousandths(discount.value) ?? 0n);
  if (discount.kind === 'amount') return discount.value;
  return 0;
}

export function discountOf(kind: InvoiceDiscount['kind'], stored: number): InvoiceDiscount {
  if (kind === 'percent') return { kind, value: stored / 1000 };
  return { kind, value: kind === 'amount' ? stored : 0 };
}
