import {
  addDays,
  formatDay,
  parseDayList,
  pdfFileName,
  perCurrency,
  shownStatus,
  statusLabel,
  today,
} from './billing-wording';

describe('billing wording', () => {
  it('never adds amounts of different currencies: one figure each, empty ones left out', () => {
    const totals = [
      { currency: 'EUR', outstanding: 12050, overdue: 0, paidThisMonth: 100 },
      { currency: 'USD', outstanding: 99, overdue: 99, paidThisMonth: 0 },
      { currency: 'JPY', outstanding: 0, overdue: 0, paidThisMonth: 0 },
    ];
    expect(perCurrency(totals, 'outstanding')).toEqual(['€120.50', '$0.99']);
    expect(perCurrency(totals, 'overdue')).toEqual(['$0.99']);
    expect(perCurrency([], 'paidThisMonth')).toEqual([]);
  });

  it('derives "Overdue" and speaks plainly to clients', () => {
    expect(statusLabel(shownStatus({ status: 'viewed', overdue: true }))).toBe('Overdue');
    expect(statusLabel('viewed')).toBe('Viewed');
    expect(statusLabel('viewed', 'client')).toBe('To pay');
    expect(statusLabel('void', 'client')).toBe('Cancelled');
    expect(statusLabel('partially_paid', 'client')).toBe('Partly paid');
  });

  it('writes dates without a time the same in every time zone', () => {
    expect(formatDay('2026-12-31')).toBe('Dec 31, 2026');
    expect(formatDay('nonsense')).toBe('');
    expect(addDays('2026-12-20', 14)).toBe('2027-01-03');
    expect(today(new Date(2026, 1, 5, 23, 30))).toBe('2026-02-05');
  });

  it('reads reminder days as typed', () => {
    expect(parseDayList('7, 1 14', 90, 5)).toEqual([1, 7, 14]);
    expect(parseDayList('', 90, 5)).toEqual([]);
    expect(parseDayList('0', 90, 5)).toBeNull();
    expect(parseDayList('91', 90, 5)).toBeNull();
    expect(parseDayList('1.5', 90, 5)).toBeNull();
    expect(parseDayList('1,2,3,4,5,6', 90, 5)).toBeNull();
  });

  it('names the PDF after the number', () => {
    expect(pdfFileName({ id: 'abc', number: 'INV-0007' })).toBe('INV-0007.pdf');
    expect(pdfFileName({ id: '12345678-aaaa', number: null })).toBe('draft-12345678.pdf');
  });
});
