import { In } from 'typeorm';
import { SandboxPaySession } from '../src/modules/local-payments/entities/sandbox-payments.entities';
import { RecordedStripeServer } from '../src/modules/billing/payments/stripe/testing/recorded-stripe-server';
import { actLikeStripe, PaymentsWorld } from './support/payments-world';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Webhooks racing on one invoice (run on MariaDB too: TEST_DATABASE=mariadb): the same event
 * delivered twice at once, two events announcing one payment at once, and two payments of one
 * invoice at once. Nothing is recorded twice and the invoice is never overpaid.
 */
describe('Billing payments: racing webhooks', () => {
  let t: TestApp;
  let stripe: RecordedStripeServer;
  let w: PaymentsWorld;

  beforeAll(async () => {
    stripe = await RecordedStripeServer.start();
    actLikeStripe(stripe);
    t = await startTestApp({ STRIPE_API_URL: stripe.url });
    w = await new PaymentsWorld(t).build();
    await w.connectStripe();
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  it('one event delivered several times at once is applied once', async () => {
    const invoice = await w.invoice({ total: 9_900 });
    await w.pay(invoice.id);
    const [session] = await w.sessions(invoice.id);
    const event = w.paidEvent(session);
    const answers = await Promise.all([1, 2, 3, 4].map(() => w.postStripe(event)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await w.payments(invoice.id)).toHaveLength(1);
    expect(await w.reloaded(invoice.id)).toMatchObject({ status: 'paid', amountPaid: 9_900 });
    const eventId = JSON.parse(event).id as string;
    expect((await w.webhookEvents()).filter((e) => e.eventId === eventId)).toHaveLength(1);
  });

  it('two events for one payment (completed and async succeeded) raced: recorded once, nothing refunded', async () => {
    const invoice = await w.invoice({ total: 5_000 });
    await w.pay(invoice.id);
    const [session] = await w.sessions(invoice.id);
    const refundsBefore = stripe.requests('POST', /^\/v1\/refunds$/).length;
    const answers = await Promise.all([
      w.postStripe(w.paidEvent(session)),
      w.postStripe(w.paidEvent(session, {}, 'checkout.session.async_payment_succeeded')),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await w.payments(invoice.id)).toHaveLength(1);
    expect((await w.reloaded(invoice.id)).amountPaid).toBe(5_000);
    expect(stripe.requests('POST', /^\/v1\/refunds$/).length).toBe(refundsBefore);
  });

  it('two pages of one invoice paid at once: one payment applies, the other is refunded', async () => {
    const invoice = await w.invoice({ total: 8_000 });
    await w.pay(invoice.id);
    await w.pay(invoice.id);
    const [s1, s2] = await w.sessions(invoice.id);
    const refundsBefore = stripe.requests('POST', /^\/v1\/refunds$/).length;
    const answers = await Promise.all([w.postStripe(w.paidEvent(s1)), w.postStripe(w.paidEvent(s2))]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await w.payments(invoice.id)).toHaveLength(1);
    expect(await w.reloaded(invoice.id)).toMatchObject({ status: 'paid', amountPaid: 8_000 });
    expect((await w.sessions(invoice.id)).map((s) => s.status).sort()).toEqual(['paid', 'refunded']);
    expect(stripe.requests('POST', /^\/v1\/refunds$/).length).toBe(refundsBefore + 1);
  });

  it('sandbox: two hosted pages of one invoice paid at once: one applies, the other is refunded at the provider', async () => {
    const sandbox = await new PaymentsWorld(t).build();
    await sandbox.connectSandbox();
    const invoice = await sandbox.invoice({ total: 3_000 });
    const urls = [await sandbox.pay(invoice.id), await sandbox.pay(invoice.id)];
    // The second "Pay now" closed the first page; reopen it as if the close had lost the race.
    const [first] = await sandbox.sessions(invoice.id);
    await t.db.getRepository(SandboxPaySession).update({ id: first.externalId }, { status: 'open' });
    const forms = await Promise.all(
      urls.map(async (url) => {
        const path = new URL(url).pathname;
        const page = await t.http().get(path);
        return { path, token: /name="token" value="([^"]+)"/.exec(page.text)?.[1] ?? '' };
      }),
    );
    const answers = await Promise.all(
      forms.map((form) => t.http().post(form.path).type('form').send({ decision: 'pay', token: form.token })),
    );
    expect(answers.map((a) => a.status)).toEqual([303, 303]);
    expect(await sandbox.payments(invoice.id)).toHaveLength(1);
    expect(await sandbox.reloaded(invoice.id)).toMatchObject({ status: 'paid', amountPaid: 3_000 });
    expect((await sandbox.sessions(invoice.id)).map((s) => s.status).sort()).toEqual(['paid', 'refunded']);
    const atProvider = await t.db
      .getRepository(SandboxPaySession)
      .find({ where: { id: In((await sandbox.sessions(invoice.id)).map((s) => s.externalId)) } });
    expect(atProvider.map((s) => s.status).sort()).toEqual(['paid', 'refunded']);
  });
});
