import { fromStripeAmount, stripeExponent, toStripeAmount } from './stripe-amounts';

describe('Stripe amounts', () => {
  it('uses Stripe’s decimals, not ISO’s, where they differ', () => {
    expect(stripeExponent('USD')).toBe(2);
    expect(stripeExponent('JPY')).toBe(0);
    expect(stripeExponent('MGA')).toBe(0);
    expect(stripeExponent('UGX')).toBe(0);
    expect(stripeExponent('KWD')).toBe(3);
    expect(stripeExponent('ISK')).toBe(2);
    expect(stripeExponent('HUF')).toBe(2);
  });

  it.each([
    ['USD', 1999, 1999],
    ['JPY', 500, 500],
    ['KRW', 10_000, 10_000],
    ['ISK', 500, 50_000],
    ['HUF', 12_345, 12_345],
    ['TWD', 10_050, 10_050],
    ['KWD', 5_120, 5_120],
    ['MGA', 50, 5],
  ])('%s %i ISO minor units are %i at Stripe, and back', (currency, iso, stripe) => {
    expect(toStripeAmount(iso, currency)).toBe(stripe);
    expect(fromStripeAmount(stripe, currency)).toBe(iso);
  });

  it('never rounds an amount Stripe cannot charge exactly', () => {
    expect(toStripeAmount(5_124, 'KWD')).toBeNull();
    expect(toStripeAmount(55, 'MGA')).toBeNull();
    expect(fromStripeAmount(50_001, 'ISK')).toBeNull();
  });
});
