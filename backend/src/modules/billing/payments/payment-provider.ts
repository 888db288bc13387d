import type { PaymentProviderName } from '@atrium/shared';

/** What Atrium asks a provider to collect: an invoice's open balance, in ISO 4217 minor units. */
export interface CheckoutRequest {
  invoice: { id: string; number: string };
  /** Minor units of `currency` as ISO 4217 counts them (what invoices store). */
  amount: number;
  currency: string;
  description: string;
  successUrl: string;
  cancelUrl: string;
  /** Echoed back in every event about the checkout; checked against the stored session. */
  metadata: CheckoutMetadata;
}

export interface CheckoutMetadata {
  invoiceId: string;
  agencyId: string;
  clientId: string;
}

export interface CheckoutCreated {
  /** The provider's id of the hosted page (Stripe: the Checkout Session id `cs_…`). */
  externalId: string;
  /** Where the browser goes to pay. */
  url: string;
}

export type PaymentEventType = 'checkout.completed' | 'checkout.failed' | 'checkout.expired' | 'other';

/** A webhook event whose signature was verified, in Atrium's terms. */
export interface PaymentEvent {
  /** The provider's event id: an event is applied once (PaymentWebhookEvent). */
  eventId: string;
  type: PaymentEventType;
  /** The hosted page the event is about (null for `other`). */
  externalId: string | null;
  /** ISO 4217 minor units, converted back from the provider's own units. */
  amount: number | null;
  currency: string | null;
  metadata: Partial<CheckoutMetadata>;
  /** What a refund names (Stripe: the PaymentIntent `pi_…`; sandbox: the session), once paid. */
  paymentId: string | null;
}

/** Why a provider call failed: `rejected` = the provider said no (bad key, bad amount); `unavailable` = try later. */
export class PaymentProviderError extends Error {
  constructor(
    readonly kind: 'rejected' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'PaymentProviderError';
  }
}

/** A webhook whose signature, timestamp or shape does not check out: answered 400, nothing stored. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/**
 * One online payment provider, as connected by one agency (its own keys). Every provider offers a
 * hosted payment page and signed webhooks; Atrium never sees card details.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  createCheckout(request: CheckoutRequest): Promise<CheckoutCreated>;
  /** Closes an open hosted page so it can no longer be paid; one already closed is fine. */
  expireCheckout(externalId: string): Promise<void>;
  /** Gives a payment back (one that could not be applied to its invoice); idempotent per payment. */
  refund(paymentId: string, amount: number, currency: string): Promise<void>;
  /** Verifies the signature on the raw body, then normalises the event. Throws WebhookSignatureError. */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent;
}

export function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
