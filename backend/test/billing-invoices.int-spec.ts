import { computeInvoiceTotals, type InvoiceLineInput, type InvoiceView, type SaveInvoiceRequest } from '@atrium/shared';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import type { Agency } from '../src/core/tenancy/entities/agency.entity';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import type { User } from '../src/core/tenancy/entities/user.entity';
import { BillingProfile } from '../src/modules/billing/entities/billing-profile.entity';
import { BillingSettings } from '../src/modules/billing/entities/billing-settings.entity';
import { InvoiceLine } from '../src/modules/billing/entities/invoice-line.entity';
import { InvoicePayment } from '../src/modules/billing/entities/invoice-payment.entity';
import { Invoice } from '../src/modules/billing/entities/invoice.entity';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const INVOICES = '/api/v1/invoices';
const SETTINGS = '/api/v1/billing/settings';
const PORTAL = '/api/v1/portal/billing';

const EMPTY_ADDRESS = { line1: '', line2: '', city: '', postalCode: '', region: '', country: '' };

describe('Billing: invoices, settings, profiles and the portal Billing page', () => {
  let t: TestApp;
  let f: Factory;
  let agency: Agency;
  let acme: Client;
  let globex: Client;
  let owner: string;
  let admin: string;
  let member: string;
  let acmeAdmin: { user: User; token: string };
  let acmeMember: string;
  let globexAdmin: string;
  let otherOwner: string;
  let otherClient: Client;

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) => t.http().put(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', `Bearer ${token}`),
  });
  const tokenOf = async (user: User) => (await f.signIn(user.email)).accessToken;

  const draftBody = (clientId: string, overrides: Partial<SaveInvoiceRequest> = {}): SaveInvoiceRequest => ({
    clientId,
    currency: 'USD',
    issueDate: '2026-12-01',
    dueDate: '2026-12-15',
    lines: [
      { description: 'Design', quantity: 2, unitPrice: 15000, taxRate: 8.875 },
      { description: 'Hosting', quantity: 1, unitPrice: 4999, taxRate: 0 },
    ],
    discount: { kind: 'none', value: 0 },
    notes: 'Thank you',
    terms: 'Net 14',
    ...overrides,
  });

  async function draft(clientId = acme.id, overrides: Partial<SaveInvoiceRequest> = {}): Promise<InvoiceView> {
    const response = await as(member).post(INVOICES, draftBody(clientId, overrides));
    expect(response.status).toBe(201);
    return response.body as InvoiceView;
  }

  async function sent(clientId = acme.id, overrides: Partial<SaveInvoiceRequest> = {}): Promise<InvoiceView> {
    const invoice = await draft(clientId, overrides);
    const response = await as(admin).post(`${INVOICES}/${invoice.id}/send`);
    expect(response.status).toBe(200);
    return response.body as InvoiceView;
  }

  /** Every billing row, to prove a refused request changed nothing. */
  async function billingRows(): Promise<string> {
    const rows = await Promise.all(
      [Invoice, InvoiceLine, InvoicePayment, BillingProfile, BillingSettings].map((entity) =>
        t.db.getRepository(entity as never).find({ order: { id: 'ASC' } as never }),
      ),
    );
    return JSON.stringify(rows);
  }

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: 'false' });
    f = new Factory(t);
    agency = await f.agency('Northwind Studio');
    acme = await f.client(agency, ['billing.manage', 'messages.use'], 'Acme');
    globex = await f.client(agency, ['billing.manage'], 'Globex');
    owner = await tokenOf(await f.agencyUser(agency, 'owner'));
    admin = await tokenOf(await f.agencyUser(agency, 'admin'));
    member = await tokenOf(await f.agencyUser(agency, 'member'));
    const acmeAdminUser = await f.clientUser(acme, 'admin');
    acmeAdmin = { user: acmeAdminUser, token: await tokenOf(acmeAdminUser) };
    acmeMember = await tokenOf(await f.clientUser(acme, 'member'));
    globexAdmin = await tokenOf(await f.clientUser(globex, 'admin'));
    const other = await f.agency('Other Agency');
    otherOwner = await tokenOf(await f.agencyUser(other, 'owner'));
    otherClient = await f.client(other, ['billing.manage'], 'Other client');
  });
  afterAll(() => t.close());

  describe('settings', () => {
    it('starts from defaults, made once however many read them at once', async () => {
      const reads = await Promise.all([as(member).get(SETTINGS), as(owner).get(SETTINGS), as(admin).get(SETTINGS)]);
      for (const read of reads) {
        expect(read.status).toBe(200);
        expect(read.body).toEqual({
          numberPrefix: 'INV-',
          nextNumber: 1,
          defaultCurrency: 'USD',
          defaultPaymentTermsDays: 14,
          defaultNotes: '',
          defaultTerms: '',
          remindDaysBefore: [3],
          remindDaysAfter: [1, 7],
          provider: null,
        });
      }
      expect(await t.db.getRepository(BillingSettings).countBy({ agencyId: agency.id })).toBe(1);
    });

    it('lets owners and admins change them; the number only moves forward', async () => {
      const body = {
        numberPrefix: 'NW-',
        defaultCurrency: 'EUR',
        defaultPaymentTermsDays: 30,
        defaultNotes: 'Thanks!',
        defaultTerms: 'Pay within 30 days',
        remindDaysBefore: [7, 1],
        remindDaysAfter: [14, 3],
      };
      expect((await as(member).put(SETTINGS, body)).status).toBe(403);
      const saved = await as(admin).put(SETTINGS, { ...body, nextNumber: 5 });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        numberPrefix: 'NW-',
        nextNumber: 5,
        remindDaysBefore: [7, 1],
        remindDaysAfter: [3, 14],
      });

      const before = await billingRows();
      const back = await as(owner).put(SETTINGS, { ...body, nextNumber: 4 });
      expect(back.status).toBe(400);
      expect(back.body.details).toEqual([expect.objectContaining({ field: 'nextNumber' })]);
      expect(await billingRows()).toBe(before);

      // Back to the defaults the other tests expect (numbers stay where they are).
      const reset = await as(owner).put(SETTINGS, {
        ...body,
        numberPrefix: 'INV-',
        defaultCurrency: 'USD',
        defaultPaymentTermsDays: 14,
        remindDaysBefore: [3],
        remindDaysAfter: [1, 7],
      });
      expect(reset.body.nextNumber).toBe(5);
    });

    it.each([
      ['an offset of 0', { remindDaysBefore: [0] }],
      ['an offset over 90', { remindDaysAfter: [91] }],
      ['six offsets', { remindDaysAfter: [1, 2, 3, 4, 5, 6] }],
      ['the same offset twice', { remindDaysBefore: [3, 3] }],
      ['a fractional offset', { remindDaysBefore: [1.5] }],
      ['an unknown currency', { defaultCurrency: 'XYZ' }],
      ['a prefix with markup', { numberPrefix: '<b>' }],
      ['a prefix too long', { numberPrefix: 'P'.repeat(21) }],
      ['terms of a year and a day', { defaultPaymentTermsDays: 366 }],
      ['an unknown field', { provider: 'stripe' }],
    ])('refuses %s with a 400 and changes nothing', async (_, change) => {
      const before = await billingRows();
      const response = await as(owner).put(SETTINGS, {
        numberPrefix: 'INV-',
        defaultCurrency: 'USD',
        defaultPaymentTermsDays: 14,
        defaultNotes: '',
        defaultTerms: '',
        remindDaysBefore: [3],
        remindDaysAfter: [1, 7],
        ...change,
      });
      expect(response.status).toBe(400);
      expect(response.body.details.length).toBeGreaterThan(0);
      expect(await billingRows()).toBe(before);
    });
  });

  describe('billing profiles', () => {
    const profileBody = {
      legalName: 'Acme Corporation Ltd',
      email: 'billing@acme.test',
      address: {
        line1: '1 Road Runner Way',
        line2: '',
        city: 'Phoenix',
        postalCode: '85001',
        region: 'AZ',
        country: 'US',
      },
      taxId: 'US-123',
      currency: 'USD',
      paymentTermsDays: 30,
    };

    it("shows the agency's defaults until first saved", async () => {
      const response = await as(member).get(`/api/v1/clients/${globex.id}/billing-profile`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        clientId: globex.id,
        legalName: '',
        email: '',
        address: EMPTY_ADDRESS,
        taxId: '',
        currency: 'USD',
        paymentTermsDays: 14,
        updatedAt: null,
      });
    });

    it('is saved by owners and admins (not members), once per client even when saved twice at once', async () => {
      const path = `/api/v1/clients/${acme.id}/billing-profile`;
      expect((await as(member).put(path, profileBody)).status).toBe(403);
      const [a, b] = await Promise.all([as(admin).put(path, profileBody), as(owner).put(path, profileBody)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body).toMatchObject({ legalName: 'Acme Corporation Ltd', address: { country: 'US' } });
      expect(await t.db.getRepository(BillingProfile).countBy({ clientId: acme.id })).toBe(1);
    });

    it('answers 404 for a client of another agency, both ways', async () => {
      expect((await as(owner).get(`/api/v1/clients/${otherClient.id}/billing-profile`)).status).toBe(404);
      expect((await as(owner).put(`/api/v1/clients/${otherClient.id}/billing-profile`, profileBody)).status).toBe(404);
      expect((await as(otherOwner).get(`/api/v1/clients/${acme.id}/billing-profile`)).status).toBe(404);
      expect(await t.db.getRepository(BillingProfile).countBy({ clientId: otherClient.id })).toBe(0);
    });

    it.each([
      ['a country of three letters', { address: { ...EMPTY_ADDRESS, country: 'USA' } }],
      ['a lower-case country', { address: { ...EMPTY_ADDRESS, country: 'us' } }],
      ['an email that is not one', { email: 'not-an-email' }],
      ['an unknown currency', { currency: 'ABC' }],
      ['a fund code', { currency: 'USN' }],
      ['negative terms', { paymentTermsDays: -1 }],
      ['a missing address', { address: undefined }],
    ])('refuses %s with a 400 and changes nothing', async (_, change) => {
      const before = await billingRows();
      const response = await as(owner).put(`/api/v1/clients/${globex.id}/billing-profile`, {
        ...profileBody,
        ...change,
      });
      expect(response.status).toBe(400);
      expect(await billingRows()).toBe(before);
    });

    it("lets the client's admin edit it in the portal; members are refused even with billing.manage", async () => {
      const saved = await as(globexAdmin).put(`${PORTAL}/profile`, { ...profileBody, legalName: 'Globex Inc.' });
      expect(saved.status).toBe(200);
      expect(saved.body.clientId).toBe(globex.id);
      const agencySide = await as(member).get(`/api/v1/clients/${globex.id}/billing-profile`);
      expect(agencySide.body.legalName).toBe('Globex Inc.');
      expect((await as(acmeMember).put(`${PORTAL}/profile`, profileBody)).status).toBe(403);
      expect((await as(acmeMember).get(PORTAL)).status).toBe(403);
    });
  });

  describe('drafts', () => {
    it('computes the totals on the server, the same as computeInvoiceTotals', async () => {
      const invoice = await draft();
      const expected = computeInvoiceTotals(draftBody(acme.id));
      expect(invoice).toMatchObject({
        status: 'draft',
        number: null,
        subtotal: expected.subtotal,
        discountTotal: 0,
        taxes: expected.taxes,
        taxTotal: expected.taxTotal,
        total: expected.total,
        balance: expected.total,
        amountPaid: 0,
      });
      expect(invoice.lines.map((line) => line.amount)).toEqual(expected.lineAmounts);
      expect(invoice.total).toBe(30000 + 4999 + 2663); // 8.875 % of 300.00 = 26.625 → 26.63
    });

    it.each<[string, InvoiceLineInput[], SaveInvoiceRequest['discount']]>([
      [
        'New York, California and German rates with thirds',
        [
          { description: 'NY', quantity: 0.333, unitPrice: 9999, taxRate: 8.875 },
          { description: 'CA', quantity: 1.667, unitPrice: 1234, taxRate: 7.25 },
          { description: 'DE', quantity: 3, unitPrice: 3333, taxRate: 19 },
          { description: 'Untaxed', quantity: 0.001, unitPrice: 1, taxRate: 0 },
        ],
        { kind: 'percent', value: 12.5 },
      ],
      [
        'one cent lines',
        [
          { description: 'a', quantity: 1, unitPrice: 1, taxRate: 8.875 },
          { description: 'b', quantity: 1, unitPrice: 1, taxRate: 8.875 },
          { description: 'c', quantity: 1, unitPrice: 1, taxRate: 7.25 },
        ],
        { kind: 'amount', value: 1 },
      ],
      [
        'a third of a large amount',
        [{ description: 'Retainer', quantity: 0.333, unitPrice: 100_000_000, taxRate: 19 }],
        { kind: 'percent', value: 33.333 },
      ],
    ])('totals %s exactly as the shared function does', async (_, lines, discount) => {
      const invoice = await draft(acme.id, { lines, discount });
      const expected = computeInvoiceTotals({ currency: 'USD', lines, discount });
      expect({
        lineAmounts: invoice.lines.map((line) => line.amount),
        subtotal: invoice.subtotal,
        discountTotal: invoice.discountTotal,
        taxes: invoice.taxes,
        taxTotal: invoice.taxTotal,
        total: invoice.total,
      }).toEqual(expected);
      expect(invoice.lines.map(({ quantity, taxRate }) => ({ quantity, taxRate }))).toEqual(
        lines.map(({ quantity, taxRate }) => ({ quantity, taxRate })),
      );
      expect(invoice.discount).toEqual(discount);
    });

    it('is saved and deleted by any agency role while a draft', async () => {
      const invoice = await draft();
      const saved = await as(member).put(
        `${INVOICES}/${invoice.id}`,
        draftBody(globex.id, {
          currency: 'JPY',
          lines: [{ description: 'Yen', quantity: 3, unitPrice: 1000, taxRate: 10 }],
        }),
      );
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ clientId: globex.id, clientName: 'Globex', currency: 'JPY', total: 3300 });
      expect(await t.db.getRepository(InvoiceLine).findBy({ invoiceId: invoice.id })).toEqual([
        expect.objectContaining({ clientId: globex.id, amount: 3000 }),
      ]);
      expect((await as(member).delete(`${INVOICES}/${invoice.id}`)).status).toBe(204);
      expect((await as(member).get(`${INVOICES}/${invoice.id}`)).status).toBe(404);
      expect(await t.db.getRepository(InvoiceLine).countBy({ invoiceId: invoice.id })).toBe(0);
    });

    it.each<[string, Record<string, unknown>]>([
      [
        '101 lines',
        { lines: Array.from({ length: 101 }, () => ({ description: 'x', quantity: 1, unitPrice: 1, taxRate: 0 })) },
      ],
      ['an empty description', { lines: [{ description: '  ', quantity: 1, unitPrice: 1, taxRate: 0 }] }],
      [
        'a description of 501 characters',
        { lines: [{ description: 'x'.repeat(501), quantity: 1, unitPrice: 1, taxRate: 0 }] },
      ],
      ['a zero quantity', { lines: [{ description: 'x', quantity: 0, unitPrice: 1, taxRate: 0 }] }],
      ['a negative quantity', { lines: [{ description: 'x', quantity: -1, unitPrice: 1, taxRate: 0 }] }],
      ['a quantity over a million', { lines: [{ description: 'x', quantity: 1_000_001, unitPrice: 1, taxRate: 0 }] }],
      ['a quantity with 4 decimals', { lines: [{ description: 'x', quantity: 1.0001, unitPrice: 1, taxRate: 0 }] }],
      ['a fractional unit price', { lines: [{ description: 'x', quantity: 1, unitPrice: 1.5, taxRate: 0 }] }],
      ['a negative unit price', { lines: [{ description: 'x', quantity: 1, unitPrice: -1, taxRate: 0 }] }],
      ['a unit price over 1e12', { lines: [{ description: 'x', quantity: 1, unitPrice: 1e12 + 1, taxRate: 0 }] }],
      ['a tax rate over 100', { lines: [{ description: 'x', quantity: 1, unitPrice: 1, taxRate: 100.001 }] }],
      ['a tax rate with 4 decimals', { lines: [{ description: 'x', quantity: 1, unitPrice: 1, taxRate: 8.8755 }] }],
      ['a quantity given as text', { lines: [{ description: 'x', quantity: '1', unitPrice: 1, taxRate: 0 }] }],
      ['a discount over 100 %', { discount: { kind: 'percent', value: 100.5 } }],
      ['a discount larger than the subtotal', { discount: { kind: 'amount', value: 1_000_000 } }],
      ['a fractional amount discount', { discount: { kind: 'amount', value: 1.5 } }],
      ['a value with no discount', { discount: { kind: 'none', value: 5 } }],
      ['an unknown discount kind', { discount: { kind: 'coupon', value: 5 } }],
      ['an impossible date', { issueDate: '2026-02-30' }],
      ['a date in another format', { dueDate: '15/12/2026' }],
      ['a due date before the issue date', { issueDate: '2026-12-16' }],
      ['an unknown currency', { currency: 'EURO' }],
      ['a lower-case currency', { currency: 'usd' }],
      ['notes too long', { notes: 'x'.repeat(2001) }],
      ['an agencyId smuggled in', { agencyId: '00000000-0000-4000-8000-000000000000' }],
      ['a status smuggled in', { status: 'paid' }],
    ])('refuses %s with a 400 and changes nothing', async (_, change) => {
      const before = await billingRows();
      const response = await as(owner).post(INVOICES, { ...draftBody(acme.id), ...change });
      expect(response.status).toBe(400);
      expect(response.body.details.length).toBeGreaterThan(0);
      expect(await billingRows()).toBe(before);
    });

    it('refuses a client of another agency (404) and an unknown one, changing nothing', async () => {
      const before = await billingRows();
      expect((await as(owner).post(INVOICES, draftBody(otherClient.id))).status).toBe(404);
      expect((await as(owner).post(INVOICES, draftBody('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
      const invoice = await draft();
      const moved = await as(owner).put(`${INVOICES}/${invoice.id}`, draftBody(otherClient.id));
      expect(moved.status).toBe(404);
      expect((await as(owner).get(`${INVOICES}/${invoice.id}`)).body.clientId).toBe(acme.id);
      await as(owner).delete(`${INVOICES}/${invoice.id}`);
      expect(await billingRows()).toBe(before);
    });
  });

  describe('lifecycle', () => {
    it('sends a draft: the next number, frozen parties, an email to the client admin, audited', async () => {
      const before = (await as(owner).get(SETTINGS)).body.nextNumber as number;
      const invoice = await sent();
      expect(invoice.status).toBe('sent');
      expect(invoice.number).toBe(`INV-${String(before).padStart(4, '0')}`);
      expect(invoice.sentAt).toEqual(expect.any(String));
      expect(invoice.billTo).toMatchObject({ name: 'Acme Corporation Ltd', email: 'billing@acme.test' });
      expect(invoice.issuer).toMatchObject({ name: 'Northwind Studio', primaryColor: expect.any(String) });
      expect((await as(owner).get(SETTINGS)).body.nextNumber).toBe(before + 1);
      const emails = await t.emailsTo(acmeAdmin.user.email);
      expect(emails.some((email) => email.subject.includes(invoice.number as string))).toBe(true);
      expect(await t.db.getRepository(AuditLog).countBy({ action: 'invoice.sent', targetId: invoice.id })).toBe(1);

      // Frozen: a later profile change does not rewrite what was sent.
      await as(owner).put(`/api/v1/clients/${acme.id}/billing-profile`, {
        legalName: 'Acme Renamed',
        email: '',
        address: EMPTY_ADDRESS,
        taxId: '',
        currency: 'USD',
        paymentTermsDays: 14,
      });
      expect((await as(owner).get(`${INVOICES}/${invoice.id}`)).body.billTo.name).toBe('Acme Corporation Ltd');
    });

    it('is immutable once sent: save, delete and send again answer 409', async () => {
      const invoice = await sent();
      const before = await billingRows();
      expect((await as(owner).put(`${INVOICES}/${invoice.id}`, draftBody(acme.id))).status).toBe(409);
      expect((await as(owner).delete(`${INVOICES}/${invoice.id}`)).status).toBe(409);
      expect((await as(owner).post(`${INVOICES}/${invoice.id}/send`)).status).toBe(409);
      expect(await billingRows()).toBe(before);
    });

    it('refuses to send an invoice with no line or a zero total, without using a number', async () => {
      const before = (await as(owner).get(SETTINGS)).body.nextNumber as number;
      const empty = await draft(acme.id, { lines: [] });
      expect((await as(owner).post(`${INVOICES}/${empty.id}/send`)).status).toBe(409);
      const free = await draft(acme.id, { lines: [{ description: 'Free', quantity: 1, unitPrice: 0, taxRate: 0 }] });
      expect((await as(owner).post(`${INVOICES}/${free.id}/send`)).status).toBe(409);
      expect((await as(member).post(`${INVOICES}/${free.id}/send`)).status).toBe(403);
      expect((await as(owner).get(SETTINGS)).body.nextNumber).toBe(before);
    });

    it('records manual payments: partial, then paid; never more than the balance', async () => {
      const invoice = await sent();
      const pay = (amount: number, method = 'bank_transfer') =>
        as(admin).post(`${INVOICES}/${invoice.id}/payments`, {
          amount,
          method,
          paidOn: '2026-12-02',
          reference: 'TX-1',
        });

      const partial = await pay(10000);
      expect(partial.status).toBe(201);
      expect(partial.body).toMatchObject({
        status: 'partially_paid',
        amountPaid: 10000,
        balance: invoice.total - 10000,
      });
      expect(partial.body.payments).toEqual([
        expect.objectContaining({
          amount: 10000,
          method: 'bank_transfer',
          reference: 'TX-1',
          recordedBy: expect.objectContaining({ name: expect.any(String) }),
        }),
      ]);

      const before = await billingRows();
      const over = await pay(invoice.total);
      expect(over.status).toBe(409);
      expect(over.body.message).toContain('larger than the balance');
      expect((await pay(100, 'stripe')).status).toBe(400);
      expect((await pay(0)).status).toBe(400);
      expect(
        (
          await as(admin).post(`${INVOICES}/${invoice.id}/payments`, {
            amount: 1,
            method: 'cash',
            paidOn: '2026-13-01',
            reference: '',
          })
        ).status,
      ).toBe(400);
      const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      const future = await as(admin).post(`${INVOICES}/${invoice.id}/payments`, {
        amount: 1,
        method: 'cash',
        paidOn: nextWeek,
        reference: '',
      });
      expect(future.status).toBe(400);
      expect(future.body.details.map((d: { field: string }) => d.field)).toContain('paidOn');
      expect(
        (
          await as(member).post(`${INVOICES}/${invoice.id}/payments`, {
            amount: 1,
            method: 'cash',
            paidOn: '2026-12-01',
            reference: '',
          })
        ).status,
      ).toBe(403);
      expect(await billingRows()).toBe(before);

      const rest = await pay(invoice.total - 10000, 'cash');
      expect(rest.status).toBe(201);
      expect(rest.body).toMatchObject({ status: 'paid', balance: 0, paidAt: expect.any(String), overdue: false });
      expect((await pay(1)).status).toBe(409);
      expect(
        await t.db.getRepository(AuditLog).countBy({ action: 'invoice.payment_recorded', targetId: invoice.id }),
      ).toBe(2);
      const receipts = await t.emailsTo(acmeAdmin.user.email);
      expect(
        receipts.filter(
          (email) =>
            email.subject.toLowerCase().includes('receipt') || email.textBody.includes(invoice.number as string),
        ).length,
      ).toBeGreaterThan(0);
    });

    it('voids an open invoice with a reason (terminal); drafts and paid invoices are refused', async () => {
      const invoice = await sent();
      expect((await as(member).post(`${INVOICES}/${invoice.id}/void`, { reason: 'Wrong client' })).status).toBe(403);
      expect((await as(owner).post(`${INVOICES}/${invoice.id}/void`, { reason: '  ' })).status).toBe(400);
      const voided = await as(owner).post(`${INVOICES}/${invoice.id}/void`, { reason: 'Wrong client' });
      expect(voided.status).toBe(200);
      expect(voided.body).toMatchObject({ status: 'void', voidReason: 'Wrong client', balance: 0, overdue: false });
      expect((await as(owner).post(`${INVOICES}/${invoice.id}/void`, { reason: 'Again' })).status).toBe(409);
      expect(
        (
          await as(owner).post(`${INVOICES}/${invoice.id}/payments`, {
            amount: 1,
            method: 'cash',
            paidOn: '2026-12-02',
            reference: '',
          })
        ).status,
      ).toBe(409);
      const stillDraft = await draft();
      expect((await as(owner).post(`${INVOICES}/${stillDraft.id}/void`, { reason: 'No' })).status).toBe(409);
      expect(await t.db.getRepository(AuditLog).countBy({ action: 'invoice.voided', targetId: invoice.id })).toBe(1);
    });

    it('reminds by hand: open invoices only, once an hour at most', async () => {
      const invoice = await sent();
      expect((await as(member).post(`${INVOICES}/${invoice.id}/remind`)).status).toBe(403);
      expect((await as(owner).post(`${INVOICES}/${invoice.id}/remind`)).status).toBe(204);
      const again = await as(owner).post(`${INVOICES}/${invoice.id}/remind`);
      expect(again.status).toBe(429);
      expect(again.headers['retry-after']).toEqual(expect.any(String));
      const stillDraft = await draft();
      expect((await as(owner).post(`${INVOICES}/${stillDraft.id}/remind`)).status).toBe(409);
    });
  });

  describe('list and totals', () => {
    it('lists newest first with filters and a cursor, and derives overdue from the due date', async () => {
      const client = await f.client(agency, ['billing.manage'], 'Listed');
      const past = await sent(client.id, { issueDate: '2020-01-01', dueDate: '2020-01-31' });
      const future = await sent(client.id, { issueDate: '2026-12-01', dueDate: '2099-01-01' });
      const drafted = await draft(client.id, { issueDate: '2026-11-01', dueDate: '2026-11-15' });

      const all = await as(member).get(`${INVOICES}?clientId=${client.id}&limit=2`);
      expect(all.status).toBe(200);
      expect(all.body.invoices.map((i: InvoiceView) => i.id)).toEqual([future.id, drafted.id]);
      const next = await as(member).get(`${INVOICES}?clientId=${client.id}&limit=2&cursor=${all.body.nextCursor}`);
      expect(next.body.invoices.map((i: InvoiceView) => i.id)).toEqual([past.id]);
      expect(next.body.nextCursor).toBeNull();
      expect(next.body.invoices[0]).toMatchObject({ overdue: true, clientName: 'Listed' });

      const overdue = await as(member).get(`${INVOICES}?clientId=${client.id}&overdue=true`);
      expect(overdue.body.invoices.map((i: InvoiceView) => i.id)).toEqual([past.id]);
      const drafts = await as(member).get(`${INVOICES}?clientId=${client.id}&status=draft`);
      expect(drafts.body.invoices.map((i: InvoiceView) => i.id)).toEqual([drafted.id]);
      expect((await as(member).get(`${INVOICES}?cursor=nonsense`)).status).toBe(400);
      expect((await as(member).get(`${INVOICES}?status=overdue`)).status).toBe(400);

      const foreign = await as(otherOwner).get(INVOICES);
      expect(foreign.body.invoices).toEqual([]);
    });

    it('totals outstanding, overdue and paid this month per currency, per client and in all', async () => {
      const client = await f.client(agency, ['billing.manage'], 'Totalled');
      const today = new Date().toISOString().slice(0, 10);
      const late = await sent(client.id, { issueDate: '2020-01-01', dueDate: '2020-01-31' });
      const current = await sent(client.id, { issueDate: today, dueDate: '2099-01-01' });
      const euro = await sent(client.id, { currency: 'EUR', issueDate: today, dueDate: '2099-01-01' });
      await as(owner).post(`${INVOICES}/${current.id}/payments`, {
        amount: 1000,
        method: 'cash',
        paidOn: today,
        reference: '',
      });
      await as(owner).post(`${INVOICES}/${late.id}/payments`, {
        amount: 500,
        method: 'cash',
        paidOn: '2020-02-01',
        reference: '',
      });
      await draft(client.id); // drafts are not outstanding

      const response = await as(member).get(`${INVOICES}/totals?clientId=${client.id}`);
      expect(response.status).toBe(200);
      const usd = {
        currency: 'USD',
        outstanding: late.total - 500 + current.total - 1000,
        overdue: late.total - 500,
        paidThisMonth: 1000,
      };
      const eur = { currency: 'EUR', outstanding: euro.total, overdue: 0, paidThisMonth: 0 };
      expect(response.body).toEqual({
        all: [eur, usd],
        perClient: [{ clientId: client.id, clientName: 'Totalled', totals: [eur, usd] }],
      });

      const everything = await as(member).get(`${INVOICES}/totals`);
      expect(everything.body.perClient.map((row: { clientId: string }) => row.clientId)).toEqual(
        expect.arrayContaining([client.id, acme.id]),
      );
      expect((await as(otherOwner).get(`${INVOICES}/totals?clientId=${client.id}`)).status).toBe(404);
      expect((await as(otherOwner).get(`${INVOICES}/totals`)).body).toEqual({ all: [], perClient: [] });
    });
  });

  describe('isolation', () => {
    it("answers 404 for another agency's invoices on every route, and changes nothing", async () => {
      const drafted = await draft();
      const open = await sent();
      const before = await billingRows();
      const other = as(otherOwner);
      const calls = [
        other.get(`${INVOICES}/${open.id}`),
        other.put(`${INVOICES}/${drafted.id}`, draftBody(otherClient.id)),
        other.delete(`${INVOICES}/${drafted.id}`),
        other.post(`${INVOICES}/${drafted.id}/send`),
        other.post(`${INVOICES}/${open.id}/void`, { reason: 'x' }),
        other.post(`${INVOICES}/${open.id}/payments`, {
          amount: 1,
          method: 'cash',
          paidOn: '2026-12-01',
          reference: '',
        }),
        other.post(`${INVOICES}/${open.id}/remind`),
      ];
      for (const response of await Promise.all(calls)) expect(response.status).toBe(404);
      expect(await billingRows()).toBe(before);
    });

    it("never shows drafts or another client's invoices in the portal; opening one marks it viewed once", async () => {
      const drafted = await draft(globex.id);
      const mine = await sent(globex.id);
      const acmeOpen = await sent(acme.id);
      const page = await as(globexAdmin).get(PORTAL);
      expect(page.status).toBe(200);
      const ids = page.body.invoices.map((i: InvoiceView) => i.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(drafted.id);
      expect(ids).not.toContain(acmeOpen.id);
      expect(page.body.onlinePayments).toBe(false);
      expect(page.body.profile.clientId).toBe(globex.id);

      expect((await as(globexAdmin).get(`${PORTAL}/invoices/${drafted.id}`)).status).toBe(404);
      expect((await as(globexAdmin).get(`${PORTAL}/invoices/${acmeOpen.id}`)).status).toBe(404);
      expect((await as(acmeMember).get(`${PORTAL}/invoices/${acmeOpen.id}`)).status).toBe(403);
      expect((await as(owner).get(`${PORTAL}/invoices/${acmeOpen.id}`)).status).toBe(403);
      expect(await t.db.getRepository(Invoice).findOneByOrFail({ id: acmeOpen.id })).toMatchObject({
        status: 'sent',
        viewedAt: null,
      });

      const opened = await as(globexAdmin).get(`${PORTAL}/invoices/${mine.id}`);
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ status: 'viewed', viewedAt: expect.any(String), payable: false });
      const again = await as(globexAdmin).get(`${PORTAL}/invoices/${mine.id}`);
      expect(again.body.viewedAt).toBe(opened.body.viewedAt);
    });

    it('does not mark an invoice viewed when the agency looks through "View as client"', async () => {
      const invoice = await sent(acme.id);
      const view = await as(owner).post(`/api/v1/clients/${acme.id}/view-as`, { userId: acmeAdmin.user.id });
      expect(view.status).toBe(201);
      const seen = await as(view.body.accessToken as string).get(`${PORTAL}/invoices/${invoice.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ status: 'sent', viewedAt: null });
      expect(await t.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({
        status: 'sent',
        viewedAt: null,
      });
    });

    it('lists open invoices first (oldest due first), then the rest newest first', async () => {
      const client = await f.client(agency, ['billing.manage'], 'Ordered');
      const user = await f.clientUser(client, 'admin');
      const token = await tokenOf(user);
      const paid = await sent(client.id, { issueDate: '2026-10-01', dueDate: '2026-10-15' });
      await as(owner).post(`${INVOICES}/${paid.id}/payments`, {
        amount: paid.total,
        method: 'cash',
        paidOn: '2026-10-02',
        reference: '',
      });
      const voided = await sent(client.id, { issueDate: '2026-11-01', dueDate: '2026-11-15' });
      await as(owner).post(`${INVOICES}/${voided.id}/void`, { reason: 'Duplicate' });
      const dueLater = await sent(client.id, { issueDate: '2026-09-01', dueDate: '2099-01-01' });
      const dueSooner = await sent(client.id, { issueDate: '2026-12-01', dueDate: '2026-12-20' });
      const page = await as(token).get(PORTAL);
      expect(page.body.invoices.map((i: InvoiceView) => i.id)).toEqual([dueSooner.id, dueLater.id, voided.id, paid.id]);
    });

    it('refuses billing to client users without billing.manage, and to clients that did not enable it', async () => {
      const closed = await f.client(agency, ['messages.use'], 'No billing');
      const closedAdmin = await tokenOf(await f.clientUser(closed, 'admin'));
      expect((await as(closedAdmin).get(PORTAL)).status).toBe(403);
      expect((await as(closedAdmin).put(`${PORTAL}/profile`, {})).status).toBe(403);
    });
  });
});
