import type { InvoiceView, SaveInvoiceRequest, SaveRecurringInvoiceRequest } from '@atrium/shared';
import type { Agency } from '../src/core/tenancy/entities/agency.entity';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import type { User } from '../src/core/tenancy/entities/user.entity';
import { TenantData } from '../src/core/tenancy/tenant-data';
import { InvoicePayment } from '../src/modules/billing/entities/invoice-payment.entity';
import { InvoiceReminder } from '../src/modules/billing/entities/invoice-reminder.entity';
import { Invoice } from '../src/modules/billing/entities/invoice.entity';
import { RecurringInvoice } from '../src/modules/billing/entities/recurring-invoice.entity';
import { InvoiceLifecycleService } from '../src/modules/billing/invoices/invoice-lifecycle.service';
import { PaymentLedger, type PaymentToRecord } from '../src/modules/billing/invoices/payment-ledger';
import { RecurringIssuer } from '../src/modules/billing/invoices/recurring/recurring-issuer.service';
import { InvoiceReminders } from '../src/modules/billing/invoices/reminders/invoice-reminders.service';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DATABASE } from './support/test-env';

const INVOICES = '/api/v1/invoices';
const RECURRING = '/api/v1/recurring-invoices';

/**
 * What must hold when things happen at once (run on MariaDB too, where they really do): numbers
 * never repeat or skip, payments never overpay, a provider payment is recorded once, a recurring
 * occurrence is issued once, a reminder is sent once — and reminders stop when paid or void.
 */
describe(`Billing under concurrency and the schedulers (${TEST_DATABASE})`, () => {
  let t: TestApp;
  let f: Factory;
  let agency: Agency;
  let client: Client;
  let owner: string;
  let clientAdmin: User;

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) => t.http().put(path).set('Authorization', `Bearer ${token}`).send(body),
  });

  const invoiceBody = (overrides: Partial<SaveInvoiceRequest> = {}): SaveInvoiceRequest => ({
    clientId: client.id,
    currency: 'USD',
    issueDate: '2026-12-01',
    // Far away, so that no scheduled reminder falls due for invoices of the other tests.
    dueDate: '2099-12-31',
    lines: [{ description: 'Work', quantity: 1, unitPrice: 10000, taxRate: 0 }],
    discount: { kind: 'none', value: 0 },
    notes: '',
    terms: '',
    ...overrides,
  });

  async function draft(overrides: Partial<SaveInvoiceRequest> = {}): Promise<InvoiceView> {
    const response = await as(owner).post(INVOICES, invoiceBody(overrides));
    expect(response.status).toBe(201);
    return response.body as InvoiceView;
  }

  async function sent(overrides: Partial<SaveInvoiceRequest> = {}): Promise<InvoiceView> {
    const invoice = await draft(overrides);
    const response = await as(owner).post(`${INVOICES}/${invoice.id}/send`);
    expect(response.status).toBe(200);
    return response.body as InvoiceView;
  }

  const day = (offset: number, from = new Date()) =>
    new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + offset))
      .toISOString()
      .slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: 'false' });
    f = new Factory(t);
    agency = await f.agency('Concurrent Studio');
    client = await f.client(agency, ['billing.manage'], 'Racing Client');
    owner = (await f.signIn((await f.agencyUser(agency, 'owner')).email)).accessToken;
    clientAdmin = await f.clientUser(client, 'admin');
  });
  afterAll(() => t.close());

  it('numbers ten invoices sent at once 1..10, each exactly once', async () => {
    const drafts = [];
    for (let i = 0; i < 10; i += 1) drafts.push(await draft());
    const responses = await Promise.all(drafts.map((d) => as(owner).post(`${INVOICES}/${d.id}/send`)));
    expect(responses.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const numbers = responses.map((r) => r.body.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => `INV-${String(i + 1).padStart(4, '0')}`));
    expect((await as(owner).get('/api/v1/billing/settings')).body.nextNumber).toBe(11);
  });

  it('keeps numbers gapless on the row lock alone, as between instances (no in-process queue)', async () => {
    // Another instance has its own queue: bypass ours so that only the database lock orders them.
    const lifecycle = t.app.get(InvoiceLifecycleService);
    const bypass = jest.spyOn(lifecycle, 'numbering').mockImplementation((_agencyId, work) => work());
    try {
      const start = (await as(owner).get('/api/v1/billing/settings')).body.nextNumber as number;
      const drafts = [];
      for (let i = 0; i < 6; i += 1) drafts.push(await draft());
      const responses = await Promise.all(drafts.map((d) => as(owner).post(`${INVOICES}/${d.id}/send`)));
      expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
      expect(
        responses.map((r) => Number((r.body.number as string).slice('INV-'.length))).sort((a, b) => a - b),
      ).toEqual(Array.from({ length: 6 }, (_, i) => start + i));
      expect(bypass).toHaveBeenCalledTimes(6);
    } finally {
      bypass.mockRestore();
    }
  });

  it('sends one draft sent twice at once only once, with one number', async () => {
    const invoice = await draft();
    const [a, b] = await Promise.all([
      as(owner).post(`${INVOICES}/${invoice.id}/send`),
      as(owner).post(`${INVOICES}/${invoice.id}/send`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await as(owner).get('/api/v1/billing/settings')).body.nextNumber).toBe(18);
  });

  it('never overpays when two manual payments race for the same balance', async () => {
    const invoice = await sent();
    const pay = () =>
      as(owner).post(`${INVOICES}/${invoice.id}/payments`, {
        amount: 6000,
        method: 'bank_transfer',
        paidOn: '2026-12-02',
        reference: 'race',
      });
    const results = await Promise.all([pay(), pay(), pay()]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const row = await t.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id });
    expect(row).toMatchObject({ amountPaid: 6000, status: 'partially_paid' });
    expect(await t.db.getRepository(InvoicePayment).countBy({ invoiceId: invoice.id })).toBe(1);
  });

  it('records a provider payment once however often and however concurrently it arrives', async () => {
    const invoice = await sent();
    const ledger = t.app.get(PaymentLedger);
    const tenant = t.app.get(TenantData);
    const payment: PaymentToRecord = {
      agencyId: agency.id,
      invoiceId: invoice.id,
      amount: invoice.total,
      currency: 'USD',
      method: 'sandbox',
      paidOn: '2026-12-03',
      reference: 'Sandbox cs_1',
      recordedBy: null,
      provider: { name: 'sandbox', paymentId: `cs_${invoice.id}` },
    };
    const record = () => tenant.transaction((tx) => ledger.record(tx.manager, payment));
    const outcomes = await Promise.all([record(), record(), record()]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['duplicate', 'duplicate', 'recorded']);
    expect((await record()).kind).toBe('duplicate');
    expect(await t.db.getRepository(InvoicePayment).countBy({ invoiceId: invoice.id })).toBe(1);
    expect(await t.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({
      status: 'paid',
      amountPaid: invoice.total,
    });

    // Different provider payments racing for one balance: the row lock lets one fit, never two.
    const contested = await sent();
    const racing = await Promise.all(
      [1, 2, 3].map((n) =>
        tenant.transaction((tx) =>
          ledger.record(tx.manager, {
            ...payment,
            invoiceId: contested.id,
            amount: 6000,
            provider: { name: 'sandbox', paymentId: `cs_race_${contested.id}_${n}` },
          }),
        ),
      ),
    );
    expect(racing.map((o) => (o.kind === 'refused' ? o.reason : o.kind)).sort()).toEqual([
      'exceeds_balance',
      'exceeds_balance',
      'recorded',
    ]);
    expect(await t.db.getRepository(Invoice).findOneByOrFail({ id: contested.id })).toMatchObject({ amountPaid: 6000 });

    // A different provider payment on a paid invoice is refused; a wrong currency too.
    const other = await sent();
    const refused = await tenant.transaction((tx) =>
      ledger.record(tx.manager, {
        ...payment,
        invoiceId: invoice.id,
        provider: { name: 'sandbox', paymentId: 'cs_new' },
      }),
    );
    expect(refused).toEqual({ kind: 'refused', reason: 'not_open' });
    const wrongCurrency = await tenant.transaction((tx) =>
      ledger.record(tx.manager, {
        ...payment,
        invoiceId: other.id,
        currency: 'EUR',
        provider: { name: 'sandbox', paymentId: 'cs_eur' },
      }),
    );
    expect(wrongCurrency).toEqual({ kind: 'refused', reason: 'currency_mismatch' });
    const tooMuch = await tenant.transaction((tx) =>
      ledger.record(tx.manager, {
        ...payment,
        invoiceId: other.id,
        amount: other.total + 1,
        provider: { name: 'sandbox', paymentId: 'cs_big' },
      }),
    );
    expect(tooMuch).toEqual({ kind: 'refused', reason: 'exceeds_balance' });
    const stranger = await f.agency();
    const foreign = await tenant.transaction((tx) =>
      ledger.record(tx.manager, {
        ...payment,
        agencyId: stranger.id,
        invoiceId: other.id,
        provider: { name: 'sandbox', paymentId: 'cs_x' },
      }),
    );
    expect(foreign).toEqual({ kind: 'refused', reason: 'not_found' });
    expect(await t.db.getRepository(InvoicePayment).countBy({ invoiceId: other.id })).toBe(0);
  });

  describe('recurring invoices', () => {
    const recurringBody = (overrides: Partial<SaveRecurringInvoiceRequest> = {}): SaveRecurringInvoiceRequest => ({
      clientId: client.id,
      interval: 'month',
      startsOn: day(0),
      endsOn: null,
      currency: 'USD',
      lines: [{ description: 'Monthly retainer', quantity: 1, unitPrice: 250000, taxRate: 19 }],
      discount: { kind: 'none', value: 0 },
      notes: 'Recurring',
      terms: '',
      dueInDays: 10,
      ...overrides,
    });

    it('issues a due occurrence once with two issuers at once, sent with a number and an email', async () => {
      const created = await as(owner).post(RECURRING, recurringBody());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'active', nextIssueOn: day(0), total: 297500, issuedCount: 0 });
      const issuer = t.app.get(RecurringIssuer);

      // Two instances: each with its own queue (bypassed here), racing on the conditional claim.
      const bypass = jest
        .spyOn(t.app.get(InvoiceLifecycleService), 'numbering')
        .mockImplementation((_agencyId, work) => work());
      const counts = await Promise.all([issuer.issueDue(), issuer.issueDue()]).finally(() => bypass.mockRestore());
      expect(counts[0] + counts[1]).toBe(1);
      const issued = await t.db.getRepository(Invoice).findBy({ recurringId: created.body.id });
      expect(issued).toHaveLength(1);
      expect(issued[0]).toMatchObject({
        status: 'sent',
        issueDate: day(0),
        dueDate: day(10),
        total: 297500,
        number: expect.stringMatching(/^INV-\d{4}$/),
      });
      const emails = await t.emailsTo(clientAdmin.email);
      expect(emails.some((email) => email.subject.includes(issued[0].number as string))).toBe(true);

      const after = await as(owner).get(`${RECURRING}/${created.body.id}`);
      expect(after.body).toMatchObject({
        issuedCount: 1,
        nextIssueOn: expect.any(String),
        lastIssuedAt: expect.any(String),
      });
      expect(after.body.nextIssueOn > day(27)).toBe(true);
      expect(await issuer.issueDue()).toBe(0);
      // Ended, so that the passes of the next tests (dated years ahead) leave it alone.
      expect((await as(owner).post(`${RECURRING}/${created.body.id}/end`)).status).toBe(200);
    });

    it('keeps to month ends (Jan 31 → Feb 28 → Mar 31), and ends after endsOn', async () => {
      const created = await as(owner).post(
        RECURRING,
        recurringBody({
          startsOn: '2099-01-31',
          endsOn: '2099-03-31',
          lines: [{ description: 'x', quantity: 1, unitPrice: 100, taxRate: 0 }],
        }),
      );
      const id = created.body.id as string;
      const issuer = t.app.get(RecurringIssuer);
      const issuedOn: string[] = [];
      for (const now of ['2099-01-31', '2099-02-28', '2099-03-31', '2099-04-30']) {
        await issuer.issueDue(new Date(`${now}T12:00:00Z`));
        const row = await t.db.getRepository(RecurringInvoice).findOneByOrFail({ id });
        issuedOn.push(`${row.issuedCount}:${row.nextIssueOn}:${row.status}`);
      }
      expect(issuedOn).toEqual(['1:2099-02-28:active', '2:2099-03-31:active', '3:null:ended', '3:null:ended']);
      const dates = (await t.db.getRepository(Invoice).findBy({ recurringId: id })).map((i) => i.issueDate).sort();
      expect(dates).toEqual(['2099-01-31', '2099-02-28', '2099-03-31']);
    });

    it('issues nothing while paused; resuming skips the dates that passed; ended is final', async () => {
      const created = await as(owner).post(RECURRING, recurringBody({ interval: 'week', startsOn: day(1) }));
      const id = created.body.id as string;
      const issuer = t.app.get(RecurringIssuer);
      expect((await as(owner).post(`${RECURRING}/${id}/pause`)).body.status).toBe('paused');
      expect((await as(owner).post(`${RECURRING}/${id}/pause`)).status).toBe(409);
      const tomorrow = new Date(Date.now() + 86400_000);
      await issuer.issueDue(tomorrow);
      expect(await t.db.getRepository(Invoice).countBy({ recurringId: id })).toBe(0);
      const resumed = await as(owner).post(`${RECURRING}/${id}/resume`);
      expect(resumed.body).toMatchObject({ status: 'active', nextIssueOn: day(1) });
      expect((await as(owner).post(`${RECURRING}/${id}/end`)).body).toMatchObject({
        status: 'ended',
        nextIssueOn: null,
      });
      expect((await as(owner).post(`${RECURRING}/${id}/resume`)).status).toBe(409);
      await issuer.issueDue(tomorrow);
      expect(await t.db.getRepository(Invoice).countBy({ recurringId: id })).toBe(0);
    });

    it('refuses a start in the past, an end before the start and an empty template (400, nothing made)', async () => {
      const before = await t.db.getRepository(RecurringInvoice).count();
      for (const body of [
        recurringBody({ startsOn: day(-1) }),
        recurringBody({ endsOn: day(-1) }),
        recurringBody({ lines: [] }),
        recurringBody({ dueInDays: -1 }),
        { ...recurringBody(), interval: 'day' },
      ]) {
        expect((await as(owner).post(RECURRING, body)).status).toBe(400);
      }
      expect(await t.db.getRepository(RecurringInvoice).count()).toBe(before);
    });
  });

  describe('reminders', () => {
    /** A sent invoice due on `dueDate`, sent a week before its first reminder could be due. */
    async function due(dueDate: string): Promise<InvoiceView> {
      const invoice = await sent({ issueDate: day(-100), dueDate });
      await t.db.getRepository(Invoice).update({ id: invoice.id }, { sentAt: new Date(Date.now() - 100 * 86400_000) });
      return invoice;
    }
    const keysOf = async (invoiceId: string) =>
      (await t.db.getRepository(InvoiceReminder).findBy({ invoiceId })).map((r) => r.offsetKey).sort();

    it('sends "3 days before" once, even with two passes at once', async () => {
      const invoice = await due(day(3));
      const reminders = t.app.get(InvoiceReminders);
      const emailsBefore = (await t.emailsTo(clientAdmin.email)).length;
      const counts = await Promise.all([reminders.sendDue(), reminders.sendDue()]);
      expect(counts[0] + counts[1]).toBe(1);
      expect(await keysOf(invoice.id)).toEqual(['before:3']);
      expect((await t.emailsTo(clientAdmin.email)).length).toBe(emailsBefore + 1);
      expect(await reminders.sendDue()).toBe(0);
    });

    it('sends the reminders after the due date, never a stale "before", and stops once paid', async () => {
      const invoice = await due(day(-1));
      const reminders = t.app.get(InvoiceReminders);
      await reminders.sendDue();
      expect(await keysOf(invoice.id)).toEqual(['after:1']);

      await as(owner).post(`${INVOICES}/${invoice.id}/payments`, {
        amount: invoice.total,
        method: 'cash',
        paidOn: day(0),
        reference: '',
      });
      await reminders.sendDue(new Date(Date.now() + 6 * 86400_000));
      expect(await keysOf(invoice.id)).toEqual(['after:1']);
    });

    it('sends none for a void invoice or a draft', async () => {
      const voided = await due(day(-1));
      await as(owner).post(`${INVOICES}/${voided.id}/void`, { reason: 'Cancelled' });
      const drafted = await draft({ issueDate: day(0), dueDate: day(3) });
      await t.app.get(InvoiceReminders).sendDue();
      expect(await keysOf(voided.id)).toEqual([]);
      expect(await keysOf(drafted.id)).toEqual([]);
    });
  });
});
