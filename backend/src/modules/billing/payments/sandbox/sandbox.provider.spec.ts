import { sandboxSignatureHeader } from '../../../local-payments/sandbox-pay-signature';
import { WebhookSignatureError } from '../payment-provider';
import { SandboxPaymentProvider, verifySandboxSignature } from './sandbox.provider';

const SECRET = 'whsec_sandbox_theAgencysOwnSecret';
const NOW = 1_764_752_400;

const body = (type: string, object: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'evt_1',
    type,
    created: NOW,
    data: {
      object: {
        id: 'sess-1',
        amount: 2500,
        currency: 'EUR',
        status: 'paid',
        metadata: { invoiceId: 'inv-1', agencyId: 'ag-1', clientId: 'cl-1' },
        ...object,
      },
    },
  });

describe('Sandbox webhook signatures', () => {
  const raw = Buffer.from(body('checkout.session.completed'));

  it('accepts what the sandbox provider signs, within 5 minutes either way', () => {
    expect(() =>
      verifySandboxSignature(raw, sandboxSignatureHeader(raw.toString(), SECRET, NOW), SECRET, NOW),
    ).not.toThrow();
    expect(() =>
      verifySandboxSignature(raw, sandboxSignatureHeader(raw.toString(), SECRET, NOW - 300), SECRET, NOW),
    ).not.toThrow();
    expect(() =>
      verifySandboxSignature(raw, sandboxSignatureHeader(raw.toString(), SECRET, NOW + 300), SECRET, NOW),
    ).not.toThrow();
  });

  it.each([
    ['another secret', sandboxSignatureHeader(raw.toString(), 'whsec_sandbox_someoneElse', NOW), raw],
    [
      'a changed body',
      sandboxSignatureHeader(raw.toString(), SECRET, NOW),
      Buffer.from(raw.toString().replace('2500', '1')),
    ],
    ['an old signature (replay)', sandboxSignatureHeader(raw.toString(), SECRET, NOW - 301), raw],
    ['no v1', `t=${NOW}`, raw],
    ['no timestamp', sandboxSignatureHeader(raw.toString(), SECRET, NOW).replace(/^t=\d+,/, ''), raw],
    ['a signature that is not hex', `t=${NOW},v1=zz`, raw],
    [
      'a timestamp moved (signed for another time)',
      sandboxSignatureHeader(raw.toString(), SECRET, NOW).replace(`t=${NOW}`, `t=${NOW - 1}`),
      raw,
    ],
  ])('refuses %s', (_name, header, signedBody) => {
    expect(() => verifySandboxSignature(signedBody, header, SECRET, NOW)).toThrow(WebhookSignatureError);
  });

  it('refuses a missing header', () => {
    expect(() => verifySandboxSignature(raw, null, SECRET, NOW)).toThrow(WebhookSignatureError);
  });

  it('accepts one good v1 among several (secret rotation)', () => {
    const good = sandboxSignatureHeader(raw.toString(), SECRET, NOW).split(',v1=')[1];
    expect(() => verifySandboxSignature(raw, `t=${NOW},v1=${'0'.repeat(64)},v1=${good}`, SECRET, NOW)).not.toThrow();
  });
});

describe('SandboxPaymentProvider.parseWebhook', () => {
  const provider = new SandboxPaymentProvider(
    { apiKey: 'sk_sandbox_x', webhookSecret: SECRET },
    () => 'http://127.0.0.1:1',
  );
  const parse = (payload: string) =>
    provider.parseWebhook(Buffer.from(payload), { 'sandbox-signature': sandboxSignatureHeader(payload, SECRET) });

  it('normalises the checkout events and leaves the rest as other', () => {
    expect(parse(body('checkout.session.completed'))).toEqual({
      eventId: 'evt_1',
      type: 'checkout.completed',
      externalId: 'sess-1',
      amount: 2500,
      currency: 'EUR',
      metadata: { invoiceId: 'inv-1', agencyId: 'ag-1', clientId: 'cl-1' },
      paymentId: 'sess-1',
    });
    expect(parse(body('checkout.session.failed')).type).toBe('checkout.failed');
    expect(parse(body('checkout.session.expired')).type).toBe('checkout.expired');
    expect(parse(body('refund.created')).type).toBe('other');
  });

  it('refuses a body that is not an event object, even when signed', () => {
    expect(() => parse('[1,2]')).toThrow(WebhookSignatureError);
    expect(() => parse(JSON.stringify({ type: 'checkout.session.completed' }))).toThrow(WebhookSignatureError);
  });
});
