import { retryDelayMs, SANDBOX_DELIVERY_ATTEMPTS } from './sandbox-pay.deliverer';

describe('Sandbox event delivery backoff', () => {
  it('waits twice as long after each failed attempt, up to 10 minutes', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelayMs(20)).toBe(600_000);
  });

  it('gives up after a bounded number of attempts, within about four minutes of waiting', () => {
    const waited = Array.from({ length: SANDBOX_DELIVERY_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce(
      (a, b) => a + b,
      0,
    );
    expect(SANDBOX_DELIVERY_ATTEMPTS).toBe(8);
    expect(waited).toBe(254_000);
  });
});
