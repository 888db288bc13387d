import {
  daysBetween,
  invoiceSentEmail,
  receiptEmail,
  reminderEmail,
  reminderTiming,
  type InvoiceFacts,
} from './invoice-emails';

const INVOICE: InvoiceFacts = {
  agencyName: 'Northwind Creative',
  number: 'INV-0007',
  currency: 'EUR',
  status: 'sent',
  total: 123456,
  amountPaid: 0,
  dueDate: '2026-12-17',
};
const ANNA = { kind: 'user', name: 'Anna' } as const;

describe('billing emails', () => {
  it('tells of a sent invoice: number, amount due, due date, agency, a View and pay button', () => {
    const email = invoiceSentEmail(INVOICE, ANNA);
    expect(email.subject).toBe('Invoice INV-0007 from Northwind Creative');
    expect(email.greeting).toBe('Hi Anna,');
    expect(email.paragraphs.join(' ')).toContain('Northwind Creative sent you invoice INV-0007 for €1,234.56.');
    expect(email.paragraphs.join(' ')).toContain('Amount due: €1,234.56, by Dec 17, 2026.');
    expect(email.action.label).toBe('View and pay');
    expect(invoiceSentEmail(INVOICE, { kind: 'billing_contact' }).greeting).toBe('Hello,');
  });

  it('reminds before the due date ("due in N days") and after it ("N days overdue") with the balance', () => {
    const partly = { ...INVOICE, status: 'partially_paid' as const, amountPaid: 23456 };
    const before = reminderEmail(partly, { kind: 'before', days: 3 }, ANNA);
    expect(before.subject).toBe('Reminder: invoice INV-0007 from Northwind Creative is due in 3 days');
    expect(before.paragraphs[0]).toContain('is due in 3 days, on Dec 17, 2026');
    expect(before.paragraphs[1]).toBe('Balance due: €1,000.00 (of €1,234.56; €234.56 already paid).');
    const after = reminderEmail(INVOICE, { kind: 'after', days: 1 }, ANNA);
    expect(after.subject).toBe('Overdue: invoice INV-0007 from Northwind Creative');
    expect(after.paragraphs[0]).toContain('is 1 day overdue');
  });

  it('places reminders from their key, and manual ones from today', () => {
    expect(reminderTiming('before:3', '2026-12-17', '2026-12-14')).toEqual({ kind: 'before', days: 3 });
    expect(reminderTiming('after:7', '2026-12-17', '2026-12-24')).toEqual({ kind: 'after', days: 7 });
    expect(reminderTiming('manual:2026-12-20T10:00:00Z', '2026-12-17', '2026-12-20')).toEqual({
      kind: 'after',
      days: 3,
    });
    expect(reminderTiming('manual:x', '2026-12-17', '2026-12-15')).toEqual({ kind: 'before', days: 2 });
    expect(reminderTiming('manual:x', '2026-12-17', '2026-12-17')).toEqual({ kind: 'today' });
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('nope', '2026-03-01')).toBeNull();
  });

  it('acknowledges a payment with its method and date, and says "Paid in full" once nothing is left', () => {
    const partial = receiptEmail(
      { ...INVOICE, status: 'partially_paid', amountPaid: 23456 },
      { amount: 23456, method: 'bank_transfer', paidOn: '2026-12-05' },
      ANNA,
    );
    expect(partial.subject).toBe('Receipt: €234.56 paid on invoice INV-0007');
    expect(partial.paragraphs).toEqual([
      'Thank you: Northwind Creative received your payment of €234.56 for invoice INV-0007.',
      'Paid by bank transfer on Dec 5, 2026.',
      'Balance left to pay: €1,000.00.',
    ]);
    const full = receiptEmail(
      { ...INVOICE, status: 'paid', amountPaid: 123456 },
      { amount: 100000, method: 'stripe', paidOn: '2026-12-06' },
      ANNA,
    );
    expect(full.paragraphs[2]).toBe('Paid in full: nothing is left to pay on this invoice.');
  });
});
