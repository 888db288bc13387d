import Stripe from 'stripe';
import {
  headerOf,
  PaymentProviderError,
  WebhookSignatureError,
  type CheckoutCreated,
  type CheckoutRequest,
  type PaymentEvent,
  type PaymentEventType,
  type PaymentProvider,
} from '../payment-provider';
import { fromStripeAmount, toStripeAmount } from './stripe-amounts';

/** The agency's own Stripe keys, as kept sealed in its billing settings. */
export interface StripeSecrets {
  secretKey: string;
  webhookSecret: string;
}

/** Where the client talks to: api.stripe.com, or a stand-in (stripe-mock, a test's recorded server). */
export interface StripeEndpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

export function stripeEndpoint(apiUrl: string | null): StripeEndpoint | null {
  if (!apiUrl) return null;
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: Number(url.port) || (protocol === 'http' ? 80 : 443), protocol };
}

/** `sk_test_…`, `sk_live_…` or a restricted `rk_test_…`/`rk_live_…` key. */
export const STRIPE_SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9]{16,247}$/;
export const STRIPE_WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/=]{16,200}$/;

export function isStripeTestKey(secretKey: string): boolean {
  return secretKey.startsWith('sk_test_') || secretKey.startsWith('rk_test_');
}

/**
 * Stripe Checkout for one agency's account. Events are verified with `constructEvent` on the raw
 * bytes and the agency's endpoint secret; only the Checkout Session events Atrium acts on are
 * given a type, the rest are `other`.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly client: Stripe;

  constructor(
    private readonly secrets: StripeSecrets,
    endpoint: StripeEndpoint | null,
  ) {
    this.client = new Stripe(secrets.secretKey, {
      ...(endpoint ?? {}),
      // A request that hangs must not hold the portal's "Pay" button (or a webhook) for 80 s.
      timeout: 20_000,
      maxNetworkRetries: 2,
      telemetry: false,
    });
  }

  /** One cheap authenticated call: proves the key is real and live before it is saved. */
  async verifyKey(): Promise<void> {
    await this.call(() => this.client.balance.retrieve());
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutCreated> {
    const unitAmount = toStripeAmount(request.amount, request.currency);
    if (unitAmount === null || unitAmount <= 0) {
      throw new PaymentProviderError('rejected', `Stripe cannot charge this exact amount in ${request.currency}`);
    }
    const metadata = { ...request.metadata };
    const session = await this.call(() =>
      this.client.checkout.sessions.create({
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: request.currency.toLowerCase(),
              unit_amount: unitAmount,
              product_data: { name: `Invoice ${request.invoice.number}`, description: request.description },
            },
          },
        ],
        client_reference_id: request.invoice.id,
        metadata,
        payment_intent_data: { metadata, description: request.description },
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
      }),
    );
    if (!session.url) throw new PaymentProviderError('unavailable', 'Stripe returned a Checkout Session without a URL');
    return { externalId: session.id, url: session.url };
  }

  async expireCheckout(externalId: string): Promise<void> {
    try {
      await this.call(() => this.client.checkout.sessions.expire(externalId));
    } catch (error) {
      // Stripe refuses to expire a session that is already complete or expired: nothing left to close.
      if (error instanceof PaymentProviderError && error.kind === 'rejected') return;
      throw error;
    }
  }

  async refund(paymentId: string, amount: number, currency: string): Promise<void> {
    const stripeAmount = toStripeAmount(amount, currency);
    await this.call(() =>
      this.client.refunds.create(
        { payment_intent: paymentId, ...(stripeAmount === null ? {} : { amount: stripeAmount }) },
        // Redelivered webhooks retry the refund: Stripe answers the first refund again.
        { idempotencyKey: `atrium-refund-${paymentId}` },
      ),
    );
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent {
    const signature = headerOf(headers, 'stripe-signature');
    if (!signature) throw new WebhookSignatureError('The Stripe-Signature header is missing');
    let event: Stripe.Event;
    try {
      event = this.client.webhooks.constructEvent(rawBody, signature, this.secrets.webhookSecret);
    } catch {
      throw new WebhookSignatureError('The Stripe signature does not match this endpoint’s secret');
    }
    return normalise(event);
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw asProviderError(error);
    }
  }
}

const CHECKOUT_EVENTS: Record<string, PaymentEventType> = {
  'checkout.session.completed': 'checkout.completed',
  'checkout.session.async_payment_succeeded': 'checkout.completed',
  'checkout.session.async_payment_failed': 'checkout.failed',
  'checkout.session.expired': 'checkout.expired',
};

function normalise(event: Stripe.Event): PaymentEvent {
  let type = CHECKOUT_EVENTS[event.type] ?? 'other';
  if (type === 'other') return otherEvent(event.id);
  const session = event.data.object as Stripe.Checkout.Session;
  // A completed session whose payment is still on its way (bank debits) is paid later, by
  // async_payment_succeeded; until then it records nothing.
  if (type === 'checkout.completed' && session.payment_status !== 'paid') type = 'other';
  if (type === 'other') return otherEvent(event.id);
  const currency = (session.currency ?? '').toUpperCase();
  const paymentIntent = session.payment_intent;
  return {
    eventId: event.id,
    type,
    externalId: session.id,
    amount: session.amount_total === null || !currency ? null : safeFromStripe(session.amount_total, currency),
    currency: currency || null,
    metadata: {
      invoiceId: session.metadata?.['invoiceId'],
      agencyId: session.metadata?.['agencyId'],
      clientId: session.metadata?.['clientId'],
    },
    paymentId: typeof paymentIntent === 'string' ? paymentIntent : (paymentIntent?.id ?? null),
  };
}

function safeFromStripe(amount: number, currency: string): number | null {
  try {
    return fromStripeAmount(amount, currency);
  } catch {
    return null; // a currency Atrium does not know: the amount check refuses it
  }
}

function otherEvent(eventId: string): PaymentEvent {
  return { eventId, type: 'other', externalId: null, amount: null, currency: null, metadata: {}, paymentId: null };
}

function asProviderError(error: unknown): PaymentProviderError {
  if (error instanceof PaymentProviderError) return error;
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError
  ) {
    return new PaymentProviderError('unavailable', `Stripe is not answering: ${error.message}`);
  }
  if (error instanceof Stripe.errors.StripeError) {
    return new PaymentProviderError('rejected', `Stripe refused the request: ${error.message}`);
  }
  return new PaymentProviderError('unavailable', `Stripe could not be reached: ${String(error)}`);
}
