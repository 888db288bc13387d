import { redact, REDACTED } from './redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXBhcnQ';

describe('redact', () => {
  it('replaces the values of secret keys at any depth, whatever their case or separator', () => {
    const entry = {
      msg: 'sign-in',
      password: 'hunter2-hunter2',
      user: { email: 'ann@example.com', newPassword: 'x', profile: { apiKey: 'k', API_KEY: 'k2' } },
      headers: { authorization: 'Bearer abc', cookie: 'atrium_rt=abc', 'set-cookie': ['atrium_rt=abc'] },
      tokens: [{ accessToken: 'a', refreshToken: 'r', challengeToken: 'c' }],
      config: { jwtSecret: 's', client_secret: 's2' },
    };
    expect(redact(entry)).toEqual({
      msg: 'sign-in',
      password: REDACTED,
      user: { email: 'ann@example.com', newPassword: REDACTED, profile: { apiKey: REDACTED, API_KEY: REDACTED } },
      headers: { authorization: REDACTED, cookie: REDACTED, 'set-cookie': REDACTED },
      tokens: REDACTED,
      config: { jwtSecret: REDACTED, client_secret: REDACTED },
    });
  });

  it('redacts sign-in codes but keeps error codes', () => {
    expect(redact({ code: '123456', totpCode: '654321', recoveryCode: 'abcd-efgh' })).toEqual({
      code: REDACTED,
      totpCode: REDACTED,
      recoveryCode: REDACTED,
    });
    expect(redact({ code: 'oauth-Code_xYz' })).toEqual({ code: REDACTED });
    expect(redact({ error: { code: 'ER_DUP_ENTRY' }, status: { code: 503 } })).toEqual({
      error: { code: 'ER_DUP_ENTRY' },
      status: { code: 503 },
    });
  });

  it('finds JWTs and bearer credentials inside any string, keeping the rest of it', () => {
    expect(redact({ msg: `refused token ${JWT} for ann`, nested: [`Authorization: Bearer abc.DEF-123_x=`] })).toEqual({
      msg: `refused token ${REDACTED} for ann`,
      nested: [`Authorization: Bearer ${REDACTED}`],
    });
    expect(redact(`Basic dXNlcjpwYXNz`)).toBe(`Basic ${REDACTED}`);
    expect(redact('a plain sentence about a bearer of news')).toBe('a plain sentence about a bearer of news');
  });

  it('never changes the caller’s objects, and survives cycles, dates and errors', () => {
    const shared = { token: 'abc' };
    const entry: Record<string, unknown> = { at: new Date(0), first: shared, second: shared };
    entry['self'] = entry;
    const error = Object.assign(new Error(`bad ${JWT}`), { password: 'p' });
    const copy = redact({ ...entry, error }) as Record<string, unknown>;
    expect(shared).toEqual({ token: 'abc' });
    expect(entry['self']).toBe(entry);
    expect(copy['at']).toBe('1970-01-01T00:00:00.000Z');
    expect(copy['first']).toEqual({ token: REDACTED });
    expect(copy['second']).toEqual({ token: REDACTED });
    expect(copy['self']).toMatchObject({ self: '[Circular]' });
    expect(copy['error']).toEqual({ name: 'Error', message: `bad ${REDACTED}`, password: REDACTED });
  });
});
