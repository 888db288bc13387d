import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { RateLimitService } from './rate-limit.service';
import { TooManyRequestsException } from './rate-limiter';

describe('RateLimitService', () => {
  const rule = { name: 'test', limit: 2, windowSeconds: 60 };

  it('allows up to the limit, then refuses with a retry time', async () => {
    const limits = new RateLimitService(new MemoryRateLimitStore());
    await limits.consume([{ rule, subject: 'a@example.com' }]);
    await limits.consume([{ rule, subject: 'A@EXAMPLE.COM' }]);
    const refused = limits.consume([{ rule, subject: 'a@example.com' }]);
    await expect(refused).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(refused).rejects.toMatchObject({
      retryAfterSeconds: expect.any(Number),
    });
  });

  it('counts subjects separately and ignores a missing subject', async () => {
    const limits = new RateLimitService(new MemoryRateLimitStore());
    for (let i = 0; i < 5; i++)
      await limits.consume([
        { rule, subject: `user${i}@example.com` },
        { rule, subject: null },
      ]);
  });

  it('starts over after a reset', async () => {
    const limits = new RateLimitService(new MemoryRateLimitStore());
    await limits.consume([{ rule, subject: 'b' }]);
    await limits.consume([{ rule, subject: 'b' }]);
    await limits.reset(rule, 'b');
    await expect(limits.consume([{ rule, subject: 'b' }])).resolves.toBeUndefined();
  });
});
