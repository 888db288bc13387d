import { createHmac, timingSafeEqual } from 'node:crypto';
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

/** The agency's sandbox merchant account: its API key and webhook signing secret. */
export interface SandboxSecrets {
  apiKey: string;
  webhookSecret: string;
}

/** Signatures older (or newer) than this are refused, so a captured event cannot be replayed later. */
export const SANDBOX_SIGNATURE_TOLERANCE_SECONDS = 300;

const EVENT_TYPES: Record<string, PaymentEventType> = {
  'checkout.session.completed': 'checkout.completed',
  'checkout.session.failed': 'checkout.failed',
  'checkout.session.expired': 'checkout.expired',
};

interface SandboxEventBody {
  id?: unknown;
  type?: unknown;
  data?: { object?: { id?: unknown; amount?: unknown; currency?: unknown; metadata?: unknown } };
}

/**
 * The local sandbox payment provider (LocalPaymentsModule), reached over HTTP with the agency's
 * API key like any real provider, so checkout, webhooks and refunds take the production path.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;

  constructor(
    private readonly secrets: SandboxSecrets,
    /** Where the backend calls the sandbox's API: this server's own address. */
    private readonly apiBaseUrl: () => string,
  ) {}

  async createCheckout(request: CheckoutRequest): Promise<CheckoutCreated> {
    const session = (await this.call('/v1/checkout/sessions', {
      amount: request.amount,
      currency: request.currency,
      description: request.description,
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      metadata: request.metadata,
    })) as { id: string; url: string };
    return { externalId: session.id, url: session.url };
  }

  async expireCheckout(externalId: string): Promise<void> {
    await this.call(`/v1/checkout/sessions/${encodeURIComponent(externalId)}/expire`, {});
  }

  async refund(paymentId: string, amount: number): Promise<void> {
    await this.call('/v1/refunds', { session: paymentId, amount });
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent {
    verifySandboxSignature(rawBody, headerOf(headers, 'sandbox-signature'), this.secrets.webhookSecret);
    const body = parseSandboxEvent(rawBody);
    const type = typeof body.type === 'string' ? (EVENT_TYPES[body.type] ?? 'other') : 'other';
    const session = body.data?.object ?? {};
    if (typeof body.id !== 'string') throw new WebhookSignatureError('The event has no id');
    if (type === 'other' || typeof session.id !== 'string') {
      return {
        eventId: body.id,
        type: 'other',
        externalId: null,
        amount: null,
        currency: null,
        metadata: {},
        paymentId: null,
      };
    }
    return {
      eventId: body.id,
      type,
      externalId: session.id,
      amount: Number.isSafeInteger(session.amount) ? (session.amount as number) : null,
      currency: typeof session.currency === 'string' ? session.currency.toUpperCase() : null,
      metadata: sandboxMetadata(body),
      paymentId: session.id,
    };
  }

  private async call(path: string, body: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.apiBaseUrl()}/api/sandbox-pay${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.secrets.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
    } catch {
      throw new PaymentProviderError('unavailable', 'The sandbox payment provider could not be reached');
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    if (response.ok) return answer;
    const reason = answer.error?.message ?? `HTTP ${response.status}`;
    throw new PaymentProviderError(
      response.status >= 500 ? 'unavailable' : 'rejected',
      `The sandbox refused the request: ${reason}`,
    );
  }
}

/** The event's JSON, before its signature is known to be good (only to find whose secret checks it). */
export function parseSandboxEvent(rawBody: Buffer): SandboxEventBody {
  try {
    const body = JSON.parse(rawBody.toString('utf8')) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as SandboxEventBody;
  } catch {
    // fall through
  }
  throw new WebhookSignatureError('The event is not a JSON object');
}

export function sandboxMetadata(body: SandboxEventBody): Record<string, string> {
  const metadata = body.data?.object?.metadata;
  if (!metadata || typeof metadata !== 'object') return {};
  return Object.fromEntries(
    Object.entries(metadata as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/**
 * `Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, checked in
 * constant time, within SANDBOX_SIGNATURE_TOLERANCE_SECONDS of now.
 */
export function verifySandboxSignature(
  rawBody: Buffer,
  header: string | null,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): void {
  if (!header) throw new WebhookSignatureError('The Sandbox-Signature header is missing');
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const at = item.indexOf('=');
    if (at < 1) continue;
    const key = item.slice(0, at).trim();
    parts.set(key, [...(parts.get(key) ?? []), item.slice(at + 1).trim()]);
  }
  const timestamp = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(timestamp)) throw new WebhookSignatureError('The signature has no timestamp');
  if (Math.abs(nowSeconds - timestamp) > SANDBOX_SIGNATURE_TOLERANCE_SECONDS) {
    throw new WebhookSignatureError('The signature is too old (or from the future)');
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  const matches = (parts.get('v1') ?? []).some((candidate) => {
    if (!/^[0-9a-f]{64}$/i.test(candidate)) return false;
    return timingSafeEqual(Buffer.from(candidate, 'hex'), expected);
  });
  if (!matches) throw new WebhookSignatureError('The signature does not match this endpoint’s secret');
}
