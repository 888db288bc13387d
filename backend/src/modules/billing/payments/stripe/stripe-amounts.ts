import { currencyExponent } from '@atrium/shared';

/**
 * Stripe counts some currencies with other decimals than ISO 4217 (docs.stripe.com/currencies):
 * - zero-decimal: the amount is whole units (JPY 500 = 500) — Stripe's list, which is not ISO's
 *   (ISO gives MGA 2 decimals, Stripe none);
 * - ISK stays two-decimal in the API for backwards compatibility, but only whole krónur may be
 *   charged (amounts divisible by 100);
 * - three-decimal currencies (BHD, JOD, KWD, OMR, TND) must end in 0 (rounded to tens);
 * - HUF and TWD are charged as two-decimal (their zero-decimal rule is for payouts only).
 */
const STRIPE_ZERO_DECIMAL = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const STRIPE_THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);
/** Two-decimal in the API, whole units only. */
const STRIPE_WHOLE_UNITS_ONLY = new Set(['ISK']);

export function stripeExponent(currency: string): number {
  if (STRIPE_ZERO_DECIMAL.has(currency)) return 0;
  if (STRIPE_THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

/**
 * An ISO minor-unit amount in Stripe's units, or null when Stripe cannot charge exactly that
 * amount (a fraction of a unit Stripe has no decimals for, a non-zero last digit of a three-decimal
 * amount). Never rounds: charging another amount than the invoice's would leave a balance or overpay.
 */
export function toStripeAmount(amount: number, currency: string): number | null {
  const shift = stripeExponent(currency) - currencyExponent(currency);
  let result: number;
  if (shift >= 0) {
    result = amount * 10 ** shift;
  } else {
    const divisor = 10 ** -shift;
    if (amount % divisor !== 0) return null;
    result = amount / divisor;
  }
  if (STRIPE_THREE_DECIMAL.has(currency) && result % 10 !== 0) return null;
  if (STRIPE_WHOLE_UNITS_ONLY.has(currency) && result % 100 !== 0) return null;
  return Number.isSafeInteger(result) ? result : null;
}

/** A Stripe amount back in ISO minor units, or null when it does not map to a whole ISO minor unit. */
export function fromStripeAmount(amount: number, currency: string): number | null {
  const shift = currencyExponent(currency) - stripeExponent(currency);
  if (shift >= 0) return amount * 10 ** shift;
  const divisor = 10 ** -shift;
  return amount % divisor === 0 ? amount / divisor : null;
}
