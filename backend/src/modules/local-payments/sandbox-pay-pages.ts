import { formatMoney, isInvoiceCurrency } from '@atrium/shared';
import type { SandboxPaySession } from './entities/sandbox-payments.entities';

/** Server-rendered pages of the sandbox payment provider (it is not part of Atrium's UI). */
const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #eef3f8; color: #1b1f24; }
  main { max-width: 28rem; margin: 2rem auto; background: #fff; padding: 1.5rem; border-radius: 16px; box-shadow: 0 1px 4px #0002; }
  @media (max-width: 30rem) { main { margin: 0; border-radius: 0; min-height: 100vh; box-sizing: border-box; } }
  h1 { font-size: 1.3rem; margin-top: 0; } .amount { font-size: 2rem; font-weight: 700; margin: .5rem 0; overflow-wrap: anywhere; }
  .muted { color: #4a525c; font-size: .95rem; } .badge { display: inline-block; background: #fff4d6; color: #5c4300; border-radius: 8px; padding: .1rem .5rem; font-size: .85rem; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; flex-wrap: wrap; }
  button { font: inherit; padding: .7rem 1.4rem; border-radius: 24px; border: 2px solid #0b5cad; cursor: pointer; min-height: 44px; flex: 1 1 auto; }
  button.primary { background: #0b5cad; color: #fff; } button.secondary { background: #fff; color: #0b5cad; }
  button:focus-visible { outline: 3px solid #1b1f24; outline-offset: 2px; }
</style></head><body><main>${body}</main></body></html>`;

function amountOf(session: SandboxPaySession): string {
  return isInvoiceCurrency(session.currency)
    ? formatMoney(session.amount, session.currency)
    : `${session.amount} ${session.currency}`;
}

export function checkoutPage(session: SandboxPaySession, formToken: string): string {
  return layout(
    `Pay ${amountOf(session)} — Sandbox payments`,
    `<p><span class="badge">Sandbox: no real money moves</span></p>
<h1>Pay with the sandbox provider</h1>
<p class="muted">${escape(session.description || 'Payment')}</p>
<p class="muted">Amount due</p>
<p class="amount">${escape(amountOf(session))}</p>
<p class="muted">This stand-in for a card payment page lets you try paying without a real provider. Choose whether the payment succeeds or is declined.</p>
<form method="post" action="/api/sandbox-pay/checkout/${escape(session.id)}">
<input type="hidden" name="token" value="${escape(formToken)}">
<div class="actions">
<button class="primary" type="submit" name="decision" value="pay">Pay ${escape(amountOf(session))}</button>
<button class="secondary" type="submit" name="decision" value="decline">Decline payment</button>
</div></form>`,
  );
}

const STATUS_TEXT: Record<SandboxPaySession['status'], string> = {
  open: 'This payment is waiting.',
  paid: 'This payment has been made.',
  failed: 'This payment was declined.',
  expired: 'This payment page has expired. Go back and start the payment again.',
  refunded: 'This payment was made, then refunded.',
};

export function closedPage(session: SandboxPaySession): string {
  return layout(
    'Sandbox payments',
    `<h1>Pay with the sandbox provider</h1><p role="status">${escape(STATUS_TEXT[session.status])}</p>
<p class="muted">${escape(session.description)} — ${escape(amountOf(session))}</p>`,
  );
}

export function errorPage(message: string): string {
  return layout('Sandbox payments: error', `<h1>Payment error</h1><p role="alert">${escape(message)}</p>`);
}
