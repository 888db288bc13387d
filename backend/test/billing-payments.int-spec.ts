import Stripe from 'stripe';
import { PaymentLedger } from '../src/modules/billing/invoices/payment-ledger';
import { BillingSettings } from '../src/modules/billing/entities/billing-settings.entity';
import { PaymentSession } from '../src/modules/billing/entities/payment-session.entity';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { RecordedStripeServer, recorded } from '../src/modules/billing/payments/stripe/testing/recorded-stripe-server';
import { actLikeStripe, PaymentsWorld, STRIPE_KEY, STRIPE_WEBHOOK_SECRET } from './support/payments-world';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Online payments with Stripe (against recorded Stripe answers, events signed like Stripe signs
 * them): connecting, "Pay now", and webhooks verified, deduplicated and checked against what was
 * opened. The sandbox provider end to end: billing-payments-sandbox.int-spec.ts; races:
 * billing-payments-races.int-spec.ts.
 */
describe('Billing payments: Stripe', () => {
  let t: TestApp;
  let stripe: RecordedStripeServer;
  let w: PaymentsWorld;

  beforeAll(async () => {
    stripe = await RecordedStripeServer.start();
    actLikeStripe(stripe);
    t = await startTestApp({ STRIPE_API_URL: stripe.url });
    w = await new PaymentsWorld(t).build();
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  describe('connecting Stripe', () => {
    it('refuses what is not a Stripe key or signing secret (400 per field), without calling Stripe', async () => {
      const before = stripe.received.length;
      const response = await w
        .as(w.ownerToken, 'put', '/api/v1/billing/settings/stripe')
        .send({ secretKey: 'pk_test_publishableKey000000000', webhookSecret: 'nope' });
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'secretKey',
        'webhookSecret',
      ]);
      expect(stripe.received.length).toBe(before);
    });

    it('refuses a key Stripe does not accept, and saves nothing', async () => {
      stripe.once('GET', /^\/v1\/balance$/, recorded('balance.retrieve.invalid_key'));
      const response = await w
        .as(w.ownerToken, 'put', '/api/v1/billing/settings/stripe')
        .send({ secretKey: STRIPE_KEY, webhookSecret: STRIPE_WEBHOOK_SECRET });
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('secretKey');
      const settings = await t.db.getRepository(BillingSettings).findOneBy({ agencyId: w.agency.id });
      expect(settings?.provider ?? null).toBeNull();
    });

    it('answers 502 when Stripe cannot be reached to check the key', async () => {
      stripe.once('GET', /^\/v1\/balance$/, recorded('balance.retrieve.unavailable'));
      const response = await w
        .as(w.ownerToken, 'put', '/api/v1/billing/settings/stripe')
        .send({ secretKey: STRIPE_KEY, webhookSecret: STRIPE_WEBHOOK_SECRET });
      expect(response.status).toBe(502);
    });

    it('checks the key with Stripe, stores both secrets encrypted, and shows only a hint', async () => {
      const response = await w
        .as(w.ownerToken, 'put', '/api/v1/billing/settings/stripe')
        .send({ secretKey: STRIPE_KEY, webhookSecret: STRIPE_WEBHOOK_SECRET });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        name: 'stripe',
        keyHint: 'wxyz',
        testMode: true,
        webhookUrl: `${t.config.appUrl}/api/v1/billing/webhooks/stripe/${w.agency.id}`,
        connectedAt: expect.any(String),
      });
      expect(JSON.stringify(response.body)).not.toContain(STRIPE_KEY);
      expect(stripe.requests('GET', /^\/v1\/balance$/).at(-1)?.headers.authorization).toBe(`Bearer ${STRIPE_KEY}`);
      const settings = await t.db.getRepository(BillingSettings).findOneByOrFail({ agencyId: w.agency.id });
      expect(settings.providerSecrets).not.toContain(STRIPE_KEY);
      expect(settings.providerSecrets).not.toContain(STRIPE_WEBHOOK_SECRET);
      const audit = await t.db
        .getRepository(AuditLog)
        .findOneBy({ agencyId: w.agency.id, action: 'billing.provider_connected' });
      expect(JSON.stringify(audit?.details)).not.toContain(STRIPE_KEY);
    });

    it('disconnects: the keys are forgotten and paying online stops', async () => {
      const other = await new PaymentsWorld(t).build();
      await other.connectStripe();
      expect((await other.as(other.ownerToken, 'delete', '/api/v1/billing/settings/stripe')).status).toBe(204);
      const settings = await t.db.getRepository(BillingSettings).findOneByOrFail({ agencyId: other.agency.id });
      expect(settings).toMatchObject({ provider: null, providerSecrets: null, providerKeyHint: null });
      const invoice = await other.invoice();
      const pay = await other.as(other.adminToken, 'post', `/api/v1/portal/billing/invoices/${invoice.id}/pay`);
      expect(pay.status).toBe(409);
    });
  });

  describe('Pay now', () => {
    beforeAll(() => w.connectStripe());

    it('opens a Checkout Session for the open balance and remembers it', async () => {
      const invoice = await w.invoice({ total: 15_000, status: 'partially_paid', amountPaid: 5_000 });
      const url = await w.pay(invoice.id);
      expect(url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
      const [session] = await w.sessions(invoice.id);
      expect(session).toMatchObject({ provider: 'stripe', amount: 10_000, currency: 'USD', status: 'open', url });
      const sent = stripe.requests('POST', /^\/v1\/checkout\/sessions$/).at(-1);
      expect(sent?.form).toMatchObject({
        'line_items[0][price_data][unit_amount]': '10000',
        'line_items[0][price_data][currency]': 'usd',
        'line_items[0][price_data][product_data][name]': `Invoice ${invoice.number}`,
        'metadata[invoiceId]': invoice.id,
        'metadata[agencyId]': w.agency.id,
        'metadata[clientId]': w.client.id,
        client_reference_id: invoice.id,
        success_url: `${t.config.appUrl}/portal/billing/invoices/${invoice.id}?payment=success`,
        cancel_url: `${t.config.appUrl}/portal/billing/invoices/${invoice.id}?payment=cancelled`,
      });
    });

    it('closes the older open page of the invoice when a new one is opened', async () => {
      const invoice = await w.invoice();
      await w.pay(invoice.id);
      await w.pay(invoice.id);
      const [first, second] = await w.sessions(invoice.id);
      expect(first.status).toBe('expired');
      expect(second.status).toBe('open');
      expect(stripe.requests('POST', new RegExp(`^/v1/checkout/sessions/${first.externalId}/expire$`))).toHaveLength(1);
    });

    it('answers 404 for drafts and other clients’ invoices, 409 when nothing is left to pay, 403 for members', async () => {
      const draft = await w.invoice({ status: 'draft' });
      const otherClient = await w.factory.client(w.agency, ['billing.manage']);
      const foreign = await w.invoice({ client: otherClient });
      const paid = await w.invoice({ status: 'paid', amountPaid: 12_000 });
      const voided = await w.invoice({ status: 'void' });
      const call = (id: string, token = w.adminToken) =>
        w.as(token, 'post', `/api/v1/portal/billing/invoices/${id}/pay`);
      expect((await call(draft.id)).status).toBe(404);
      expect((await call(foreign.id)).status).toBe(404);
      expect((await call('00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await call(paid.id)).status).toBe(409);
      expect((await call(voided.id)).status).toBe(409);
      expect((await call((await w.invoice()).id, w.memberToken)).status).toBe(403);
      const sessions = await t.db.getRepository(PaymentSession).countBy({ agencyId: w.agency.id, invoiceId: draft.id });
      expect(sessions).toBe(0);
    });
  });

  describe('webhooks', () => {
    beforeAll(() => w.connectStripe());

    it('records a paid checkout once: the invoice turns paid, a redelivery changes nothing', async () => {
      const invoice = await w.invoice({ total: 4_321 });
      await w.pay(invoice.id);
      const [session] = await w.sessions(invoice.id);
      const event = w.paidEvent(session);
      expect((await w.postStripe(event)).status).toBe(200);
      expect(await w.reloaded(invoice.id)).toMatchObject({ status: 'paid', amountPaid: 4_321 });
      expect((await w.sessions(invoice.id))[0].status).toBe('paid');
      const [payment] = await w.payments(invoice.id);
      expect(payment).toMatchObject({
        amount: 4_321,
        method: 'stripe',
        provider: 'stripe',
        providerPaymentId: session.externalId,
      });

      const again = await w.postStripe(event);
      expect(again.status).toBe(200);
      expect(await w.payments(invoice.id)).toHaveLength(1);
      expect((await w.reloaded(invoice.id)).amountPaid).toBe(4_321);
    });

    it('records the same payment announced by two events (completed, then async succeeded) once', async () => {
      const invoice = await w.invoice();
      await w.pay(invoice.id);
      const [session] = await w.sessions(invoice.id);
      expect((await w.postStripe(w.paidEvent(session))).status).toBe(200);
      expect((await w.postStripe(w.paidEvent(session, {}, 'checkout.session.async_payment_succeeded'))).status).toBe(
        200,
      );
      expect(await w.payments(invoice.id)).toHaveLength(1);
    });

    it('refuses a bad signature (400) and stores nothing', async () => {
      const invoice = await w.invoice();
      await w.pay(invoice.id);
      const [session] = await w.sessions(invoice.id);
      const eventsBefore = (await w.webhookEvents()).length;
      const forged = await w.postStripe(w.paidEvent(session), 'whsec_anAttackersOwnSecret0000000000');
      expect(forged.status).toBe(400);
      const unsigned = await t
        .http()
        .post(`/api/v1/billing/webhooks/stripe/${w.agency.id}`)
        .set('Content-Type', 'application/json')
        .send(w.paidEvent(session));
      expect(unsigned.status).toBe(400);
      expect((await w.webhookEvents()).length).toBe(eventsBefore);
      expect(await w.payments(invoice.id)).toHaveLength(0);
      expect((await w.reloaded(invoice.id)).status).toBe('sent');
    });

    it('verifies the bytes as received: the same event re-serialised no longer matches', async () => {
      const invoice = await w.invoice();
      await w.pay(invoice.id);
      const [session] = await w.sessions(invoice.id);
      const payload = w.paidEvent(session);
      const pretty = JSON.stringify(JSON.parse(payload), null, 2);
      const signedCompact = new Stripe('sk_test_signer').webhooks.generateTestHeaderString({
        payload,
        secret: STRIPE_WEBHOOK_SECRET,
      });
      const response = await t
        .http()
        .post(`/api/v1/billing/webhooks/stripe/${w.agency.id}`)
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', signedCompact)
        .send(pretty);
      expect(response.status).toBe(400);
      // …and a pretty-printed body signed as it was sent is fine: nothing is re-serialised.
      expect((await w.postStripe(pretty)).status).toBe(200);
      expect((await w.reloaded(invoice.id)).status).toBe('paid');
    });

    it('answers 404 for an agency without Stripe and an unknown one, storing nothing', async () => {
      const invoice = await w.invoice();
      await w.pay(invoice.id);
      const [session] = await w.sessions(invoice.id);
      const other = await new PaymentsWorld(t).build();
      expect((await w.postStripe(w.paidEvent(session), STRIPE_WEBHOOK_SECRET, other.agency.id)).status).toBe(404);
      expect(
        (await w.postStripe(w.paidEvent(session), STRIPE_WEBHOOK_SECRET, '00000000-0000-4000-8000-000000000000'))
          .status,
      ).toBe(404);
      expect((await w.postStripe(w.paidEvent(session), STRIPE_WEBHOOK_SECRET, 'not-a-uuid')).status).toBe(404);
      expect(await w.payments(invoice.id)).toHaveLength(0);
    });

    it.each([
      ['an amount other than the session’s', (s: PaymentSession) => ({ amount_total: s.amount - 1 })],
      ['another currency', () => ({ currency: 'eur' })],
      [
        'another invoice id',
        (s: PaymentSession) => ({
          metadata: { invoiceId: '00000000-0000-4000-8000-000000000009', agencyId: s.agencyId, clientId: s.clientId },
        }),
      ],
      [
        'another agency id',
        (s: PaymentSession) => ({
          metadata: { invoiceId: s.invoiceId, agencyId: '00000000-0000-4000-8000-000000000009', clientId: s.clientId },
        }),
      ],
    ])('refuses %s (400) and stores nothing', async (_name, change) => {
      const invoice = await w.invoice();
      await w.pay(invoice.id);
      const [session] = await w.sessions(invoice.id);
      const eventsBefore = (await w.webhookEvents()).length;
      expect((await w.postStripe(w.paidEvent(session, change(session)))).status).toBe(400);
      expect((await w.webhookEvents()).length).toBe(eventsBefore);
      expect(await w.payments(invoice.id)).toHaveLength(0);
      expect((await w.sessions(invoice.id))[0].status).toBe('open');
    });

    it('answers 404 for a session it never opened that claims one of its invoices', async () => {
      const invoice = await w.invoice();
      await w.pay(invoice.id);
      const [session] = await w.sessions(invoice.id);
      const response = await w.postStripe(w.paidEvent(session, { id: 'cs_test_neverOpenedHere000' }));
      expect(response.status).toBe(404);
      expect(await w.payments(invoice.id)).toHaveLength(0);
    });

    it('answers 404 for another agency’s session posted to this agency’s endpoint, even correctly signed', async () => {
      const other = await new PaymentsWorld(t).build();
      await other.connectStripe(); // the same test secrets: only the endpoint's agency tells them apart
      const invoice = await other.invoice();
      await other.pay(invoice.id);
      const [session] = await other.sessions(invoice.id);
      const response = await w.postStripe(other.paidEvent(session));
      expect(response.status).toBe(404);
      expect(await other.payments(invoice.id)).toHaveLength(0);
      expect((await other.sessions(invoice.id))[0].status).toBe('open');
    });

    it('acknowledges events it does not act on (200) and changes nothing', async () => {
      const invoice = await w.invoice();
      await w.pay(invoice.id);
      const [session] = await w.sessions(invoice.id);
      expect((await w.postStripe(w.stripeEvent('customer.created', { id: 'cus_1' }))).status).toBe(200);
      expect((await w.postStripe(w.paidEvent(session, { payment_status: 'unpaid' }))).status).toBe(200);
      // A checkout another integration opened on the same Stripe account carries none of our metadata.
      expect((await w.postStripe(w.paidEvent(session, { id: 'cs_test_elsewhere', metadata: {} }))).status).toBe(200);
      expect(await w.payments(invoice.id)).toHaveLength(0);
    });

    it('keeps a payment when "expired" arrives after it, and records one that arrives after "expired"', async () => {
      const first = await w.invoice();
      await w.pay(first.id);
      const [s1] = await w.sessions(first.id);
      await w.postStripe(w.paidEvent(s1));
      await w.postStripe(w.paidEvent(s1, { status: 'expired', payment_status: 'unpaid' }, 'checkout.session.expired'));
      expect((await w.sessions(first.id))[0].status).toBe('paid');
      expect((await w.reloaded(first.id)).status).toBe('paid');

      const second = await w.invoice();
      await w.pay(second.id);
      const [s2] = await w.sessions(second.id);
      await w.postStripe(w.paidEvent(s2, { status: 'expired', payment_status: 'unpaid' }, 'checkout.session.expired'));
      expect((await w.sessions(second.id))[0].status).toBe('expired');
      expect((await w.postStripe(w.paidEvent(s2))).status).toBe(200);
      expect((await w.reloaded(second.id)).status).toBe('paid');
    });

    it('marks a failed bank payment, leaving the invoice open', async () => {
      const invoice = await w.invoice();
      await w.pay(invoice.id);
      const [session] = await w.sessions(invoice.id);
      await w.postStripe(w.paidEvent(session, { payment_status: 'unpaid' }, 'checkout.session.async_payment_failed'));
      expect((await w.sessions(invoice.id))[0].status).toBe('failed');
      expect((await w.reloaded(invoice.id)).status).toBe('sent');
    });

    it('never overpays: a second paid session is refunded through Stripe, and audited', async () => {
      const invoice = await w.invoice({ total: 7_000 });
      await w.pay(invoice.id);
      // Stripe refused to expire the first page: it was being paid at that moment.
      stripe.once('POST', /\/expire$/, recorded('checkout.sessions.expire.already_complete'));
      await w.pay(invoice.id);
      const [s1, s2] = await w.sessions(invoice.id);
      expect((await w.postStripe(w.paidEvent(s1))).status).toBe(200);
      expect((await w.postStripe(w.paidEvent(s2))).status).toBe(200);
      expect(await w.payments(invoice.id)).toHaveLength(1);
      expect(await w.reloaded(invoice.id)).toMatchObject({ status: 'paid', amountPaid: 7_000 });
      expect((await w.sessions(invoice.id)).map((s) => s.status)).toEqual(['paid', 'refunded']);
      const refund = stripe.requests('POST', /^\/v1\/refunds$/).at(-1);
      expect(refund?.form).toEqual({ payment_intent: `pi_for_${s2.externalId}`, amount: '7000' });
      expect(refund?.headers['idempotency-key']).toBe(`atrium-refund-pi_for_${s2.externalId}`);
      const audit = await t.db
        .getRepository(AuditLog)
        .findOneBy({ agencyId: w.agency.id, targetId: invoice.id, action: 'invoice.payment_refunded' });
      expect(audit?.details).toMatchObject({ reason: 'not_open', amount: 7_000 });
    });

    it('refunds a payment that arrives after a manual payment took the balance', async () => {
      const invoice = await w.invoice({ total: 5_000 });
      await w.pay(invoice.id);
      const [session] = await w.sessions(invoice.id);
      // A bank transfer recorded by hand meanwhile leaves less than the page asks for.
      const manual = await t.db.transaction((manager) =>
        t.app.get(PaymentLedger).record(manager, {
          agencyId: w.agency.id,
          invoiceId: invoice.id,
          amount: 2_000,
          currency: 'USD',
          method: 'bank_transfer',
          paidOn: '2026-12-02',
          reference: 'Wire 42',
          recordedBy: null,
        }),
      );
      expect(manual.kind).toBe('recorded');
      expect((await w.postStripe(w.paidEvent(session))).status).toBe(200);
      expect((await w.payments(invoice.id)).map((p) => p.method)).toEqual(['bank_transfer']);
      expect((await w.sessions(invoice.id))[0].status).toBe('refunded');
      expect(stripe.requests('POST', /^\/v1\/refunds$/).at(-1)?.form['payment_intent']).toBe(
        `pi_for_${session.externalId}`,
      );
    });

    it('answers 502 when the refund cannot be made, then refunds on the redelivery', async () => {
      const invoice = await w.invoice({ total: 5_000, status: 'void' });
      const session = await t.db.getRepository(PaymentSession).save(
        t.db.getRepository(PaymentSession).create({
          agencyId: w.agency.id,
          clientId: w.client.id,
          invoiceId: invoice.id,
          provider: 'stripe',
          externalId: `cs_test_void${Date.now()}`,
          amount: 5_000,
          currency: 'USD',
          status: 'open',
          url: 'https://checkout.stripe.com/c/pay/x',
        }),
      );
      const event = w.paidEvent(session);
      stripe.once('POST', /^\/v1\/refunds$/, recorded('balance.retrieve.unavailable'));
      expect((await w.postStripe(event)).status).toBe(502);
      const refundsBefore = stripe.requests('POST', /^\/v1\/refunds$/).length;
      expect((await w.postStripe(event)).status).toBe(200);
      expect(stripe.requests('POST', /^\/v1\/refunds$/).length).toBe(refundsBefore + 1);
      expect((await w.postStripe(event)).status).toBe(200);
      expect(stripe.requests('POST', /^\/v1\/refunds$/).length).toBe(refundsBefore + 1);
      expect(await w.payments(invoice.id)).toHaveLength(0);
    });
  });
});
