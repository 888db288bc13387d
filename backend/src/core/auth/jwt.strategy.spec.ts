import { KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../../config/app-config';
import type { ContextLoader } from '../tenancy/context-loader.service';
import { accessTokenKey } from './jwt-key';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, JwtStrategy } from './jwt.strategy';
import { VerifiedTokens } from './verified-tokens';

const secret = 'a-test-secret-that-is-long-enough-for-hs256-0123456789';
const config = { jwtSecret: secret } as AppConfig;
const context = { userId: 'u1', sessionId: 's1' };

/** The strategy as passport-jwt sees it: the key it verifies with, and how a request ends. */
interface PassportJwtInternals {
  _secretOrKeyProvider(request: unknown, token: string, done: (error: unknown, key?: unknown) => void): void;
  success(user: unknown): void;
  fail(info: unknown): void;
  error(error: unknown): void;
}

function strategy(verified = new VerifiedTokens()): JwtStrategy & PassportJwtInternals {
  const contexts = { load: jest.fn().mockResolvedValue(context) } as unknown as ContextLoader;
  return new JwtStrategy(config, contexts, verified) as JwtStrategy & PassportJwtInternals;
}

/** Runs one request through passport-jwt's verification and the strategy's validate(). */
function authenticate(token: string, subject = strategy()): Promise<{ user?: unknown; failed?: unknown }> {
  return new Promise((resolve, reject) => {
    subject.success = (user) => resolve({ user });
    subject.fail = (info) => resolve({ failed: info ?? true });
    subject.error = reject;
    subject.authenticate({ headers: { authorization: `Bearer ${token}` } } as unknown as Parameters<
      JwtStrategy['authenticate']
    >[0]);
  });
}

const claims = { audience: ACCESS_TOKEN_AUDIENCE, issuer: ACCESS_TOKEN_ISSUER, expiresIn: 60 } as const;

describe('JwtStrategy key', () => {
  it('verifies with a secret KeyObject, so the library never re-parses the secret per request', async () => {
    const key = await new Promise((resolve) => strategy()._secretOrKeyProvider({}, 'token', (_e, k) => resolve(k)));
    expect(key).toBeInstanceOf(KeyObject);
    expect((key as KeyObject).type).toBe('secret');
    expect((key as KeyObject).export().toString('utf8')).toBe(secret);
  });

  it('accepts a token signed with the secret string, as tokens were signed before', async () => {
    const token = new JwtService().sign({ sub: 'u1', sid: 's1' }, { secret, algorithm: 'HS256', ...claims });
    await expect(authenticate(token)).resolves.toEqual({ user: context });
  });

  it('signs the same HS256 token from the KeyObject as from the string', () => {
    const jwt = new JwtService();
    const payload = { sub: 'u1', sid: 's1', iat: 1_700_000_000 };
    const options = { algorithm: 'HS256', audience: ACCESS_TOKEN_AUDIENCE, issuer: ACCESS_TOKEN_ISSUER } as const;
    const fromKey = jwt.sign(payload, { privateKey: accessTokenKey(secret), ...options });
    expect(fromKey).toBe(jwt.sign(payload, { secret, ...options }));
    expect(JSON.parse(Buffer.from(fromKey.split('.')[0], 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
  });

  it('refuses a token signed with another secret', async () => {
    const token = new JwtService().sign({ sub: 'u1', sid: 's1' }, { secret: `${secret}-other`, ...claims });
    const outcome = await authenticate(token);
    expect(outcome.user).toBeUndefined();
    expect(outcome.failed).toBeTruthy();
  });
});

describe('JwtStrategy verified tokens', () => {
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } }) as never;

  it('remembers a token passport-jwt verified, and loads its caller again without verifying it', async () => {
    const verified = new VerifiedTokens();
    const subject = strategy(verified);
    const token = new JwtService().sign({ sub: 'u1', sid: 's1' }, { secret, ...claims });
    expect(await subject.fromVerifiedToken(bearer(token))).toBeUndefined();

    expect(await authenticate(token, subject)).toEqual({ user: context });
    expect(verified.recall(token)).toMatchObject({ sub: 'u1', sid: 's1' });
    expect(await subject.fromVerifiedToken(bearer(token))).toEqual(context);
  });

  it('remembers nothing of a token that fails verification', async () => {
    const verified = new VerifiedTokens();
    const forged = new JwtService().sign({ sub: 'u1', sid: 's1' }, { secret: `${secret}-other`, ...claims });
    expect(await authenticate(forged, strategy(verified))).toHaveProperty('failed');
    expect(verified.size).toBe(0);
  });
});
