import Redis from 'ioredis';
import { RateLimitStore } from './rate-limiter';

// INCR and set the expiry on the first hit in one round trip, atomically.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
return {count, ttl}`;

/** Shared between every backend instance, so limits hold when Atrium is scaled out. */
export class RedisRateLimitStore extends RateLimitStore {
  constructor(private readonly redis: Redis) {
    super();
  }

  async hit(key: string, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }> {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, `atrium:rl:${key}`, windowSeconds)) as [number, number];
    return { count, resetInSeconds: ttl > 0 ? ttl : windowSeconds };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(`atrium:rl:${key}`);
  }
}
