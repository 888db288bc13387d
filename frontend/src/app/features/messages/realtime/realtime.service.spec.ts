import { expiresSoon } from './realtime.service';

const jwt = (payload: object) => `h.${btoa(JSON.stringify(payload)).replace(/=+$/, '')}.s`;

describe('expiresSoon', () => {
  const now = Date.parse('2026-03-03T12:00:00.000Z');
  it('renews a token that ends within half a minute, not one with time left', () => {
    expect(expiresSoon(jwt({ exp: now / 1000 + 10 }), now)).toBe(true);
    expect(expiresSoon(jwt({ exp: now / 1000 - 10 }), now)).toBe(true);
    expect(expiresSoon(jwt({ exp: now / 1000 + 600 }), now)).toBe(false);
  });

  it('leaves a token it cannot read to the server', () => {
    expect(expiresSoon('not-a-jwt', now)).toBe(false);
  });
});
