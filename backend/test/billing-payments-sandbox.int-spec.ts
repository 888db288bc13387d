import { createHash } from 'node:crypto';
import { IsNull, Like } from 'typeorm';
import { PaymentProviderRegistry } from '../src/modules/billing/payments/payment-provider.registry';
import type { SandboxSecrets } from '../src/modules/billing/payments/sandbox/sandbox.provider';
import { BillingSettings } from '../src/modules/billing/entities/billing-settings.entity';
import {
  SandboxPayAccount,
  SandboxPayEvent,
  SandboxPaySession,
} from '../src/modules/local-payments/entities/sandbox-payments.entities';
import { sandboxSignatureHeader } from '../src/modules/local-payments/sandbox-pay-signature';
import { connectSandboxForDemo } from '../src/modules/billing/payments/demo-sandbox';
import { SandboxPayServer } from '../src/modules/local-payments/sandbox-pay.server';
import { SandboxPayDeliverer } from '../src/modules/local-payments/sandbox-pay.deliverer';
import { PaymentsWorld } from './support/payments-world';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The sandbox payment provider end to end, over real HTTP: Atrium opens a checkout with the
 * agency's key, the person pays (or declines) on the hosted page, the provider POSTs a signed event
 * to Atrium's webhook, and only that marks the invoice paid.
 */
describe('Billing payments: the sandbox provider, end to end', () => {
  let t: TestApp;
  let w: PaymentsWorld;

  beforeAll(async () => {
    // The deliverer's own passes are driven by the tests (each payment is delivered at once anyway).
    t = await startTestApp({ SANDBOX_PAY_POLL_MS: '600000' });
    w = await new PaymentsWorld(t).build();
    await w.connectSandbox();
  });
  afterAll(() => t.close());

  const pathOf = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  };

  async function openPage(url: string): Promise<{ html: string; token: string }> {
    expect(url.startsWith(`${t.config.appUrl}/api/sandbox-pay/checkout/`)).toBe(true);
    const page = await t.http().get(pathOf(url));
    expect(page.status).toBe(200);
    // A page's headers (its own inline styles allowed), never framed by another site.
    expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1];
    if (!token) throw new Error('The hosted page has no form token');
    return { html: page.text, token };
  }

  /** The agency's merchant account, found by the key sealed in its settings. */
  async function accountOf(world: PaymentsWorld): Promise<SandboxPayAccount> {
    const settings = await t.db.getRepository(BillingSettings).findOneByOrFail({ agencyId: world.agency.id });
    const secrets = t.app.get(PaymentProviderRegistry).openSecrets(settings) as SandboxSecrets;
    const apiKeyHash = createHash('sha256').update(secrets.apiKey).digest('hex');
    return t.db.getRepository(SandboxPayAccount).findOneByOrFail({ apiKeyHash });
  }

  const decide = (url: string, form: Record<string, string>) => t.http().post(pathOf(url)).type('form').send(form);

  it('connects: a merchant account whose webhook is this installation, keys sealed in the settings', async () => {
    const settings = await t.db.getRepository(BillingSettings).findOneByOrFail({ agencyId: w.agency.id });
    expect(settings).toMatchObject({ provider: 'sandbox', providerTestMode: true });
    expect(settings.providerSecrets).not.toMatch(/sk_sandbox_|whsec_sandbox_/);
    const account = await accountOf(w);
    expect(account.webhookUrl).toBe(`${t.config.appUrl}/api/v1/billing/webhooks/sandbox`);
  });

  it('pays: hosted page → Pay → signed webhook → the invoice is paid before the browser is back', async () => {
    const invoice = await w.invoice({ total: 12_000 });
    const url = await w.pay(invoice.id);
    const { html, token } = await openPage(url);
    expect(html).toContain('$120.00');
    expect(html).toContain('Decline payment');
    expect(html).toContain(`invoice ${invoice.number}`);

    const answer = await decide(url, { decision: 'pay', token });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`${t.config.appUrl}/portal/billing/invoices/${invoice.id}?payment=success`);
    expect(await w.reloaded(invoice.id)).toMatchObject({ status: 'paid', amountPaid: 12_000 });
    const [payment] = await w.payments(invoice.id);
    expect(payment).toMatchObject({ method: 'sandbox', provider: 'sandbox', amount: 12_000 });
    expect((await w.sessions(invoice.id))[0].status).toBe('paid');
    const [session] = await w.sessions(invoice.id);
    const event = await t.db
      .getRepository(SandboxPayEvent)
      .findOneByOrFail({ type: 'checkout.session.completed', payload: Like(`%${session.externalId}%`) });
    expect(event).toMatchObject({ attempts: 1, deliveredAt: expect.any(Date), nextAttemptAt: null });

    // Paying the same page again is refused; nothing more is recorded.
    expect((await decide(url, { decision: 'pay', token })).status).toBe(409);
    expect(await w.payments(invoice.id)).toHaveLength(1);
  });

  it('declines: back to the cancel URL, the invoice stays open, the session is marked failed', async () => {
    const invoice = await w.invoice();
    const url = await w.pay(invoice.id);
    const { token } = await openPage(url);
    const answer = await decide(url, { decision: 'decline', token });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`${t.config.appUrl}/portal/billing/invoices/${invoice.id}?payment=cancelled`);
    expect((await w.reloaded(invoice.id)).status).toBe('sent');
    expect(await w.payments(invoice.id)).toHaveLength(0);
    expect((await w.sessions(invoice.id))[0].status).toBe('failed');
  });

  it('takes the hosted page’s form only from the page itself', async () => {
    const invoice = await w.invoice();
    const url = await w.pay(invoice.id);
    const { token } = await openPage(url);
    expect((await decide(url, { decision: 'pay' })).status).toBe(403);
    expect((await decide(url, { decision: 'pay', token: `${token}x` })).status).toBe(403);
    const crossSite = await t
      .http()
      .post(pathOf(url))
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ decision: 'pay', token });
    expect(crossSite.status).toBe(403);
    const fetchedCrossSite = await t
      .http()
      .post(pathOf(url))
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ decision: 'pay', token });
    expect(fetchedCrossSite.status).toBe(403);
    // `Origin: null` (what a browser sends under no-referrer) counts only with same-origin fetch metadata.
    const opaque = await t.http().post(pathOf(url)).set('Origin', 'null').type('form').send({ decision: 'pay', token });
    expect(opaque.status).toBe(403);
    expect((await decide(url, { decision: 'maybe', token })).status).toBe(400);
    expect((await w.reloaded(invoice.id)).status).toBe('sent');
    expect((await t.http().get('/api/sandbox-pay/checkout/not-a-session')).status).toBe(404);

    const fromItsPage = await t
      .http()
      .post(pathOf(url))
      .set('Origin', 'null')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ decision: 'pay', token });
    expect(fromItsPage.status).toBe(303);
  });

  it('answers its API only with the account’s key', async () => {
    const body = { amount: 100, currency: 'USD', success_url: 'https://x.test/ok', cancel_url: 'https://x.test/no' };
    const anonymous = await t.http().post('/api/sandbox-pay/v1/checkout/sessions').send(body);
    expect(anonymous.status).toBe(401);
    const wrong = await t
      .http()
      .post('/api/sandbox-pay/v1/checkout/sessions')
      .set('Authorization', 'Bearer sk_sandbox_notARealKeyAtAll00000000')
      .send(body);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.type).toBe('authentication_error');
  });

  it('refuses webhooks that are not signed with the agency’s secret (400), or name no agency (404)', async () => {
    const invoice = await w.invoice();
    await w.pay(invoice.id);
    const [session] = await w.sessions(invoice.id);
    const payload = JSON.stringify({
      id: 'evt_forged',
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: session.externalId,
          amount: session.amount,
          currency: 'USD',
          status: 'paid',
          metadata: { invoiceId: invoice.id, agencyId: w.agency.id, clientId: w.client.id },
        },
      },
    });
    const post = (body: string, signature: string) =>
      t
        .http()
        .post('/api/v1/billing/webhooks/sandbox')
        .set('Content-Type', 'application/json')
        .set('Sandbox-Signature', signature)
        .send(body);
    expect((await post(payload, sandboxSignatureHeader(payload, 'whsec_sandbox_guessed'))).status).toBe(400);
    const old = sandboxSignatureHeader(payload, 'whsec_sandbox_guessed', Math.floor(Date.now() / 1000) - 3600);
    expect((await post(payload, old)).status).toBe(400);
    const noAgency = payload.replace(w.agency.id, '00000000-0000-4000-8000-000000000000');
    expect((await post(noAgency, sandboxSignatureHeader(noAgency, 'whsec_sandbox_guessed'))).status).toBe(404);
    expect((await post('not json', 't=1,v1=00')).status).toBe(400);
    expect(await w.payments(invoice.id)).toHaveLength(0);
    expect(await w.webhookEvents()).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ eventId: 'evt_forged' })]),
    );
  });

  it('retries a delivery the receiver did not acknowledge, with a wait, until it is', async () => {
    const accounts = t.db.getRepository(SandboxPayAccount);
    const account = await accountOf(w);
    // The receiver is briefly wrong (a path that answers 404), like an endpoint misconfigured for a while.
    await accounts.update({ id: account.id }, { webhookUrl: `${t.config.appUrl}/api/v1/billing/webhooks/nowhere` });
    const invoice = await w.invoice();
    const url = await w.pay(invoice.id);
    const { token } = await openPage(url);
    expect((await decide(url, { decision: 'pay', token })).status).toBe(303);
    expect((await w.reloaded(invoice.id)).status).toBe('sent');
    const events = t.db.getRepository(SandboxPayEvent);
    const pending = await events.findOneByOrFail({
      accountId: account.id,
      deliveredAt: IsNull(),
      type: 'checkout.session.completed',
    });
    expect(pending.attempts).toBe(1);
    expect(pending.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now());

    await accounts.update({ id: account.id }, { webhookUrl: account.webhookUrl });
    const deliverer = t.app.get(SandboxPayDeliverer);
    expect(await deliverer.deliverDue()).toBe(0); // not due yet
    await events.update({ id: pending.id }, { nextAttemptAt: new Date(Date.now() - 1000) });
    expect(await deliverer.deliverDue()).toBe(1);
    expect(await events.findOneByOrFail({ id: pending.id })).toMatchObject({ attempts: 2, nextAttemptAt: null });
    expect((await w.reloaded(invoice.id)).status).toBe('paid');
  });

  it('disconnects: the account’s key stops working and "Pay now" answers 409', async () => {
    const other = await new PaymentsWorld(t).build();
    await other.connectSandbox();
    const invoice = await other.invoice();
    await other.pay(invoice.id);
    const sessionsBefore = await t.db.getRepository(SandboxPaySession).count();
    expect((await other.as(other.ownerToken, 'delete', '/api/v1/billing/settings/sandbox')).status).toBe(204);
    const pay = await other.as(other.adminToken, 'post', `/api/v1/portal/billing/invoices/${invoice.id}/pay`);
    expect(pay.status).toBe(409);
    expect(await t.db.getRepository(SandboxPaySession).count()).toBe(sessionsBefore);
    const settings = await t.db.getRepository(BillingSettings).findOneByOrFail({ agencyId: other.agency.id });
    expect(settings.provider).toBeNull();
  });

  it('connects the demo agencies the way the seed does, so a demo invoice can be paid at once', async () => {
    const demo = await new PaymentsWorld(t).build();
    const sandbox = t.app.get(SandboxPayServer);
    await t.db.transaction((manager) => connectSandboxForDemo(manager, t.config, sandbox, demo.agency.id));
    const settings = await t.db.getRepository(BillingSettings).findOneByOrFail({ agencyId: demo.agency.id });
    expect(settings).toMatchObject({ provider: 'sandbox', providerTestMode: true, numberPrefix: 'INV-' });
    const invoice = await demo.invoice({ total: 2_500 });
    const url = await demo.pay(invoice.id);
    const { token } = await openPage(url);
    expect((await decide(url, { decision: 'pay', token })).status).toBe(303);
    expect((await demo.reloaded(invoice.id)).status).toBe('paid');
  });

  it('expires a page nobody paid in time and tells Atrium, which closes its session', async () => {
    const invoice = await w.invoice();
    const url = await w.pay(invoice.id);
    const [session] = await w.sessions(invoice.id);
    await t.db
      .getRepository(SandboxPaySession)
      .update({ id: session.externalId }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await t.app.get(SandboxPayServer).expireOverdue()).toBe(1);
    expect(await t.app.get(SandboxPayDeliverer).deliverDue()).toBe(1);
    expect((await w.sessions(invoice.id))[0].status).toBe('expired');
    const page = await t.http().get(pathOf(url));
    expect(page.text).toContain('expired');
    expect(page.text).not.toContain('name="token"');
  });
});
