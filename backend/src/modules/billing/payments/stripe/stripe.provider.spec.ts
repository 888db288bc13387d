import Stripe from 'stripe';
import { PaymentProviderError, WebhookSignatureError } from '../payment-provider';
import { STRIPE_SECRET_KEY, StripePaymentProvider, isStripeTestKey } from './stripe.provider';
import { checkoutSessionObject, recorded, RecordedStripeServer } from './testing/recorded-stripe-server';

const SECRET_KEY = 'sk_test_51AtriumRecordedKeyxxxxxxxxxxxxwxyz';
const WEBHOOK_SECRET = 'whsec_recordedSecretForTheTests0123456789';
const SESSION_ID = 'cs_test_a1Xq7oGuZ2Zbm3IbRwHmlCTBy2tdaJrDbr8CukCVF5dVWVIt8DYUxOvIpv';
const signer = new Stripe('sk_test_signer');

function event(type: string, session: Record<string, unknown>, id = 'evt_1QxYz2LkdIwHu7ixAbCdEf01') {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-10-29.clover',
    created: 1764752460,
    data: { object: checkoutSessionObject(session) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}

const signed = (payload: string, secret = WEBHOOK_SECRET) => ({
  'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret }),
});

const checkout = {
  invoice: { id: '00000000-0000-4000-8000-000000000001', number: 'INV-0001' },
  amount: 123456,
  currency: 'USD',
  description: 'Acme Agency: invoice INV-0001',
  successUrl: 'https://portal.atrium.test/portal/billing/invoices/00000000-0000-4000-8000-000000000001?payment=success',
  cancelUrl:
    'https://portal.atrium.test/portal/billing/invoices/00000000-0000-4000-8000-000000000001?payment=cancelled',
  metadata: {
    invoiceId: '00000000-0000-4000-8000-000000000001',
    agencyId: '00000000-0000-4000-8000-0000000000a1',
    clientId: '00000000-0000-4000-8000-0000000000c1',
  },
};

describe('StripePaymentProvider against recorded Stripe exchanges', () => {
  let stripe: RecordedStripeServer;
  let provider: StripePaymentProvider;

  beforeEach(async () => {
    stripe = await RecordedStripeServer.start();
    provider = new StripePaymentProvider({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET }, stripe.endpoint);
  });
  afterEach(() => stripe.close());

  it('recognises secret and restricted keys, and which are test keys', () => {
    expect(STRIPE_SECRET_KEY.test(SECRET_KEY)).toBe(true);
    expect(STRIPE_SECRET_KEY.test('rk_live_51AtriumRestrictedKey0000')).toBe(true);
    expect(STRIPE_SECRET_KEY.test('pk_test_51AtriumPublishableKey000')).toBe(false);
    expect(STRIPE_SECRET_KEY.test('sk_test_short')).toBe(false);
    expect(isStripeTestKey(SECRET_KEY)).toBe(true);
    expect(isStripeTestKey('rk_test_51AtriumRestrictedKey0000')).toBe(true);
    expect(isStripeTestKey('sk_live_51AtriumLiveKey0000000000')).toBe(false);
  });

  it('verifies a key with one balance read, sent with the key', async () => {
    stripe.on('GET', /^\/v1\/balance$/, recorded('balance.retrieve'));
    await provider.verifyKey();
    expect(stripe.received).toHaveLength(1);
    expect(stripe.received[0].headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
  });

  it('tells a refused key (rejected) from Stripe being down (unavailable)', async () => {
    stripe.once('GET', /^\/v1\/balance$/, recorded('balance.retrieve.invalid_key'));
    await expect(provider.verifyKey()).rejects.toMatchObject({ kind: 'rejected' });
    stripe.once('GET', /^\/v1\/balance$/, recorded('balance.retrieve.unavailable'));
    await expect(provider.verifyKey()).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('opens a Checkout Session for the balance, with one line, the metadata and the return URLs', async () => {
    stripe.on('POST', /^\/v1\/checkout\/sessions$/, recorded('checkout.sessions.create'));
    const created = await provider.createCheckout(checkout);
    expect(created).toEqual({
      externalId: SESSION_ID,
      url: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\//),
    });
    const { form } = stripe.received[0];
    expect(form).toMatchObject({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '123456',
      'line_items[0][price_data][product_data][name]': 'Invoice INV-0001',
      client_reference_id: checkout.invoice.id,
      'metadata[invoiceId]': checkout.metadata.invoiceId,
      'metadata[agencyId]': checkout.metadata.agencyId,
      'metadata[clientId]': checkout.metadata.clientId,
      'payment_intent_data[metadata][invoiceId]': checkout.metadata.invoiceId,
      success_url: checkout.successUrl,
      cancel_url: checkout.cancelUrl,
    });
  });

  it.each([
    ['JPY', 5000, '5000'], // zero-decimal both in ISO and at Stripe
    ['ISK', 500, '50000'], // ISO: no decimals; Stripe: two, whole krónur only
    ['KWD', 12340, '12340'], // three decimals, last digit 0
    ['MGA', 1230, '123'], // ISO: one decimal; Stripe: zero-decimal
  ])('sends %s %i (ISO minor units) to Stripe as %s', async (currency, amount, sent) => {
    stripe.on('POST', /^\/v1\/checkout\/sessions$/, recorded('checkout.sessions.create'));
    await provider.createCheckout({ ...checkout, currency, amount });
    expect(stripe.received[0].form['line_items[0][price_data][unit_amount]']).toBe(sent);
    expect(stripe.received[0].form['line_items[0][price_data][currency]']).toBe(currency.toLowerCase());
  });

  it.each([
    ['KWD', 12345], // Stripe needs the last of three decimals to be 0
    ['MGA', 1235], // half an ariary has no Stripe amount
  ])('refuses %s %i, which Stripe cannot charge exactly, without calling Stripe', async (currency, amount) => {
    await expect(provider.createCheckout({ ...checkout, currency, amount })).rejects.toBeInstanceOf(
      PaymentProviderError,
    );
    expect(stripe.received).toHaveLength(0);
  });

  it('expires a session, and takes "already complete" as nothing left to close', async () => {
    stripe.once('POST', /\/expire$/, recorded('checkout.sessions.expire'));
    await provider.expireCheckout(SESSION_ID);
    stripe.once('POST', /\/expire$/, recorded('checkout.sessions.expire.already_complete'));
    await provider.expireCheckout(SESSION_ID);
    expect(stripe.requests('POST', new RegExp(`^/v1/checkout/sessions/${SESSION_ID}/expire$`))).toHaveLength(2);
  });

  it('refunds a payment intent with an idempotency key per payment', async () => {
    stripe.on('POST', /^\/v1\/refunds$/, recorded('refunds.create'));
    await provider.refund('pi_3QxYz2LkdIwHu7ix0Jv1fTq8', 123456, 'USD');
    const [request] = stripe.received;
    expect(request.form).toEqual({ payment_intent: 'pi_3QxYz2LkdIwHu7ix0Jv1fTq8', amount: '123456' });
    expect(request.headers['idempotency-key']).toBe('atrium-refund-pi_3QxYz2LkdIwHu7ix0Jv1fTq8');
  });

  describe('webhooks, signed like Stripe signs them', () => {
    const paid = { status: 'complete', payment_status: 'paid', payment_intent: 'pi_3QxYz2LkdIwHu7ix0Jv1fTq8' };

    it('normalises a paid checkout.session.completed, amounts back in ISO minor units', () => {
      const payload = event('checkout.session.completed', { ...paid, currency: 'isk', amount_total: 50000 });
      expect(provider.parseWebhook(Buffer.from(payload), signed(payload))).toEqual({
        eventId: 'evt_1QxYz2LkdIwHu7ixAbCdEf01',
        type: 'checkout.completed',
        externalId: SESSION_ID,
        amount: 500,
        currency: 'ISK',
        metadata: checkout.metadata,
        paymentId: 'pi_3QxYz2LkdIwHu7ix0Jv1fTq8',
      });
    });

    it('waits for async_payment_succeeded when the session completed unpaid (bank debits)', () => {
      const unpaid = event('checkout.session.completed', { status: 'complete', payment_status: 'unpaid' });
      expect(provider.parseWebhook(Buffer.from(unpaid), signed(unpaid)).type).toBe('other');
      const later = event('checkout.session.async_payment_succeeded', paid, 'evt_2');
      expect(provider.parseWebhook(Buffer.from(later), signed(later)).type).toBe('checkout.completed');
    });

    it.each([
      ['checkout.session.async_payment_failed', 'checkout.failed'],
      ['checkout.session.expired', 'checkout.expired'],
      ['payment_intent.succeeded', 'other'],
    ])('maps %s to %s', (stripeType, type) => {
      const payload = event(stripeType, { status: 'expired', payment_status: 'unpaid' });
      expect(provider.parseWebhook(Buffer.from(payload), signed(payload)).type).toBe(type);
    });

    it('refuses a wrong secret, a changed byte, and a missing header', () => {
      const payload = event('checkout.session.completed', paid);
      const forged = signed(payload, 'whsec_someoneElsesSecret000000000000');
      expect(() => provider.parseWebhook(Buffer.from(payload), forged)).toThrow(WebhookSignatureError);
      const headers = signed(payload);
      const tampered = payload.replace('"amount_total":123456', '"amount_total":1');
      expect(() => provider.parseWebhook(Buffer.from(tampered), headers)).toThrow(WebhookSignatureError);
      expect(() => provider.parseWebhook(Buffer.from(payload), {})).toThrow(WebhookSignatureError);
    });
  });
});
