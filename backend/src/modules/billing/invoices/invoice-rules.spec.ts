import { computeInvoiceTotals } from '@atrium/shared';
import { ValidationFailedException } from '../../../core/http/api-error.filter';
import {
  addDays,
  balanceOf,
  daysBetween,
  discountOf,
  invoiceNumber,
  isCalendarDate,
  isOverdue,
  occurrenceDate,
  storedDiscountValue,
  totalsOrRefuse,
} from './invoice-rules';

describe('invoice rules', () => {
  it('accepts real calendar dates only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('2026-12-01T00:00:00Z')).toBe(false);
    expect(isCalendarDate(20261201)).toBe(false);
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-12-25', '2027-01-04')).toBe(10);
    expect(daysBetween('2027-01-04', '2026-12-25')).toBe(-10);
  });

  it('keeps month-end schedules at month ends: Jan 31 → Feb 28/29 → Mar 31', () => {
    const months = [0, 1, 2, 3].map((n) => occurrenceDate('2027-01-31', 'month', n));
    expect(months).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(occurrenceDate('2028-01-31', 'month', 1)).toBe('2028-02-29');
    expect(occurrenceDate('2026-11-30', 'quarter', 1)).toBe('2027-02-28');
    expect(occurrenceDate('2026-11-30', 'quarter', 2)).toBe('2027-05-30');
    expect(occurrenceDate('2028-02-29', 'year', 1)).toBe('2029-02-28');
    expect(occurrenceDate('2028-02-29', 'year', 4)).toBe('2032-02-29');
    expect(occurrenceDate('2026-12-28', 'week', 1)).toBe('2027-01-04');
    expect(occurrenceDate('2026-10-15', 'month', 14)).toBe('2027-12-15');
  });

  it('numbers invoices with the prefix and at least four digits', () => {
    expect(invoiceNumber('INV-', 1)).toBe('INV-0001');
    expect(invoiceNumber('', 42)).toBe('0042');
    expect(invoiceNumber('2026/', 12345)).toBe('2026/12345');
  });

  it('derives overdue and the balance from the status, the due date and the payments', () => {
    const open = { status: 'sent' as const, dueDate: '2026-12-01', total: 1000, amountPaid: 0 };
    expect(isOverdue(open, '2026-12-02')).toBe(true);
    expect(isOverdue(open, '2026-12-01')).toBe(false);
    expect(isOverdue({ ...open, status: 'paid', amountPaid: 1000 }, '2027-01-01')).toBe(false);
    expect(isOverdue({ ...open, status: 'void' }, '2027-01-01')).toBe(false);
    expect(isOverdue({ ...open, status: 'draft' }, '2027-01-01')).toBe(false);
    expect(balanceOf({ ...open, status: 'partially_paid', amountPaid: 400 })).toBe(600);
    expect(balanceOf({ ...open, status: 'void', amountPaid: 400 })).toBe(0);
  });

  it('stores percentage discounts in thousandths and reads them back', () => {
    expect(storedDiscountValue({ kind: 'percent', value: 12.5 })).toBe(12500);
    expect(discountOf('percent', 12500)).toEqual({ kind: 'percent', value: 12.5 });
    expect(storedDiscountValue({ kind: 'amount', value: 250 })).toBe(250);
    expect(discountOf('none', 0)).toEqual({ kind: 'none', value: 0 });
  });

  it('totals content like computeInvoiceTotals, and refuses what it cannot total with a 400', () => {
    const content = {
      currency: 'USD',
      lines: [{ description: 'x', quantity: 1.5, unitPrice: 999, taxRate: 8.875 }],
      discount: { kind: 'percent' as const, value: 10 },
    };
    expect(totalsOrRefuse(content)).toEqual(computeInvoiceTotals(content));
    const refused = (change: object) => () => totalsOrRefuse({ ...content, ...change });
    expect(refused({ discount: { kind: 'amount', value: 100_000 } })).toThrow(ValidationFailedException);
    expect(refused({ discount: { kind: 'percent', value: 100.5 } })).toThrow(ValidationFailedException);
    expect(refused({ discount: { kind: 'none', value: 3 } })).toThrow(ValidationFailedException);
    expect(refused({ discount: { kind: 'amount', value: 1.5 } })).toThrow(ValidationFailedException);
  });
});
