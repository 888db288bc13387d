import { LimiterFactory } from './limiter-factory';
import { delayAfterFailures, LoginThrottle, LOGIN_THROTTLE } from './login-throttle';
import { RateLimitService } from './rate-limit.service';
import { TooManyRequestsException } from './rate-limiter';

describe('RateLimitService', () => {
  const rule = { name: 'test', limit: 2, windowSeconds: 60 };
  const limits = () => new RateLimitService(new LimiterFactory(null));

  it('allows up to the limit, then refuses with a retry time', async () => {
    const service = limits();
    await service.consume([{ rule, subject: 'a@example.com' }]);
    await service.consume([{ rule, subject: 'A@EXAMPLE.COM' }]);
    const refused = service.consume([{ rule, subject: 'a@example.com' }]);
    await expect(refused).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
    const { retryAfterSeconds } = (await refused.catch((e: TooManyRequestsException) => e)) as TooManyRequestsException;
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('counts subjects separately and ignores a missing subject', async () => {
    const service = limits();
    for (let i = 0; i < 5; i++)
      await service.consume([
        { rule, subject: `user${i}@example.com` },
        { rule, subject: null },
      ]);
  });

  it('starts over after a reset', async () => {
    const service = limits();
    await service.consume([{ rule, subject: 'b' }]);
    await service.consume([{ rule, subject: 'b' }]);
    await service.reset(rule, 'b');
    await expect(service.consume([{ rule, subject: 'b' }])).resolves.toBeUndefined();
  });

  it('answers allow() without throwing: true up to the limit, false beyond it', async () => {
    const service = limits();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await service.allow(rule, 'c@example.com'));
    expect(answers).toEqual([true, true, false, false]);
  });

  it('answers allowEach() in order, counting each subject once as allow() would', async () => {
    const service = limits();
    await service.allow(rule, 'full@example.com');
    await service.allow(rule, 'full@example.com');
    const subjects = Array.from({ length: 100 }, (_, i) => (i === 57 ? 'FULL@example.com' : `fresh${i}@example.com`));
    const answers = await service.allowEach(rule, subjects);
    expect(answers).toEqual(subjects.map((_, i) => i !== 57));
    // One count each: a second round still fits the limit of 2, a third does not.
    expect(await service.allowEach(rule, subjects)).toEqual(subjects.map((_, i) => i !== 57));
    expect((await service.allowEach(rule, subjects)).every((allowed) => !allowed)).toBe(true);
  });

  it('fails allowEach() as a whole when the store fails, and stops taking subjects', async () => {
    const limiter = new LimiterFactory(null);
    const service = new RateLimitService(limiter);
    const store = limiter.limiter({ name: rule.name, points: rule.limit, durationSeconds: rule.windowSeconds });
    const consume = jest.spyOn(store, 'consume').mockRejectedValue(new Error('store down'));
    const subjects = Array.from({ length: 500 }, (_, i) => `s${i}@example.com`);
    await expect(service.allowEach(rule, subjects)).rejects.toMatchObject({ status: 503 });
    expect(consume.mock.calls.length).toBeLessThan(subjects.length);
  });
});

describe('LoginThrottle', () => {
  it('lets the first failures pass, then doubles the wait up to a cap, never a permanent lock', () => {
    const waits = Array.from({ length: 120 }, (_, i) => delayAfterFailures(i + 1));
    expect(waits.slice(0, 12)).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64]);
    expect(Math.max(...waits)).toBe(LOGIN_THROTTLE.maxDelaySeconds);
    expect(waits[99]).toBe(LOGIN_THROTTLE.maxDelaySeconds);
    expect(waits.every((wait, i) => i === 0 || wait >= waits[i - 1])).toBe(true);
  });

  it('refuses while a wait runs, with its length, and forgets everything on clear()', async () => {
    const throttle = new LoginThrottle(new LimiterFactory(null));
    const account = 'victim@example.com';
    for (let i = 0; i < LOGIN_THROTTLE.freeFailures; i++) {
      await expect(throttle.assertMayTry(account)).resolves.toBeUndefined();
      await throttle.recordFailure(account);
    }
    await expect(throttle.assertMayTry(account)).resolves.toBeUndefined();
    // Four more failures: the current wait is 8 s (long enough for this check not to race it).
    for (let i = 0; i < 4; i++) await throttle.recordFailure(account);
    const refused = await throttle.assertMayTry(account).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyRequestsException);
    expect((refused as TooManyRequestsException).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as TooManyRequestsException).retryAfterSeconds).toBeLessThanOrEqual(8);
    // Another account is not affected.
    await expect(throttle.assertMayTry('other@example.com')).resolves.toBeUndefined();
    await throttle.clear(account);
    await expect(throttle.assertMayTry(account)).resolves.toBeUndefined();
    // The count starts over too: the next failure is a free one again.
    await throttle.recordFailure(account);
    await expect(throttle.assertMayTry(account)).resolves.toBeUndefined();
  });
});
