import { createHmac } from 'node:crypto';

/**
 * The header the sandbox provider signs its events with, in the style of Stripe's:
 * `Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The timestamp lets the
 * receiver refuse old events replayed later; the body is signed exactly as sent.
 */
export function sandboxSignatureHeader(
  body: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const signature = createHmac('sha256', secret).update(`${nowSeconds}.${body}`).digest('hex');
  return `t=${nowSeconds},v1=${signature}`;
}
