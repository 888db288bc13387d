import { VerifiedTokens } from './verified-tokens';

const claims = (exp: number) => ({ sub: 'u1', sid: 's1', exp });

describe('VerifiedTokens', () => {
  it('recalls a remembered token until it expires, then forgets it', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', claims(1_000));
    expect(tokens.recall('a.b.c', 999_999)).toEqual(claims(1_000));
    expect(tokens.recall('a.b.c', 1_000_000)).toBeNull();
    expect(tokens.size).toBe(0);
  });

  it('knows only the exact token: another signature is not the same token', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', claims(1_000));
    expect(tokens.recall('a.b.d', 0)).toBeNull();
    expect(tokens.recall('a.b.c ', 0)).toBeNull();
  });

  it('keeps at most its capacity, dropping the oldest first', () => {
    const tokens = new VerifiedTokens(2);
    tokens.remember('one', claims(1_000));
    tokens.remember('two', claims(1_000));
    tokens.remember('two', claims(1_000));
    expect(tokens.size).toBe(2);
    tokens.remember('three', claims(1_000));
    expect(tokens.size).toBe(2);
    expect(tokens.recall('one', 0)).toBeNull();
    expect(tokens.recall('two', 0)).not.toBeNull();
    expect(tokens.recall('three', 0)).not.toBeNull();
  });
});
