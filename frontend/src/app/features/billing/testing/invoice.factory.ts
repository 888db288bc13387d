import type { InvoiceView } from '@atrium/shared';

/** An invoice as the API shows it: sent to Acme, two lines, two tax rates, in euros. */
export function invoiceView(overrides: Partial<InvoiceView> = {}): InvoiceView {
  return {
    id: 'inv-1',
    clientId: 'client-1',
    clientName: 'Acme Coffee',
    number: 'INV-0003',
    status: 'sent',
    overdue: false,
    currency: 'EUR',
    issueDate: '2026-12-03',
    dueDate: '2026-12-17',
    total: 196407,
    amountPaid: 0,
    balance: 196407,
    sentAt: '2026-12-03T10:00:00Z',
    paidAt: null,
    recurringId: null,
    lines: [
      { id: 'l1', description: 'Social media management', quantity: 1, unitPrice: 120000, taxRate: 19, amount: 120000 },
      { id: 'l2', description: 'Photo shoot', quantity: 2, unitPrice: 25050, taxRate: 7, amount: 50100 },
    ],
    discount: { kind: 'none', value: 0 },
    subtotal: 170100,
    discountTotal: 0,
    taxes: [
      { rate: 7, taxable: 50100, tax: 3507 },
      { rate: 19, taxable: 120000, tax: 22800 },
    ],
    taxTotal: 26307,
    notes: '',
    terms: 'Payable within 14 days.',
    billTo: {
      name: 'Acme Coffee Roasters LLC',
      email: 'accounts@acme.test',
      address: {
        line1: '120 Bean Street',
        line2: '',
        city: 'Brooklyn',
        postalCode: '11201',
        region: 'NY',
        country: 'US',
      },
      taxId: '',
    },
    issuer: { name: 'Northwind Creative', logoUrl: null, primaryColor: null },
    payments: [],
    viewedAt: null,
    voidedAt: null,
    voidReason: null,
    payable: true,
    createdAt: '2026-12-03T09:00:00Z',
    updatedAt: '2026-12-03T10:00:00Z',
    ...overrides,
  };
}
