import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Every limiter key starts with this (the test harness clears `atrium:rl:*` between apps). */
const KEY_PREFIX = 'atrium:rl';
/** How often, at most, the "Redis is unreachable" warning is repeated while it lasts. */
const WARN_EVERY_MS = 30_000;

export interface LimiterShape {
  /** Stable name, part of every key: `login:ip`, `email:reset` … */
  name: string;
  points: number;
  durationSeconds: number;
}

type Loud = (name: string) => void;

/**
 * The in-process limiter that counts while Redis cannot be reached. rate-limiter-flexible calls it
 * for each operation Redis failed; each call says so in the log (throttled), because from then on
 * the limits hold per process only and a scaled-out deployment lets through more than it says.
 */
class LoudInsuranceLimiter extends RateLimiterMemory {
  constructor(
    shape: LimiterShape,
    private readonly takeOver: Loud,
  ) {
    super({ keyPrefix: `${KEY_PREFIX}:${shape.name}`, points: shape.points, duration: shape.durationSeconds });
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>) {
    this.takeOver(this.keyPrefix);
    return super.consume(...args);
  }
  override penalty(...args: Parameters<RateLimiterMemory['penalty']>) {
    this.takeOver(this.keyPrefix);
    return super.penalty(...args);
  }
  override get(...args: Parameters<RateLimiterMemory['get']>) {
    this.takeOver(this.keyPrefix);
    return super.get(...args);
  }
  override block(...args: Parameters<RateLimiterMemory['block']>) {
    this.takeOver(this.keyPrefix);
    return super.block(...args);
  }
  override delete(...args: Parameters<RateLimiterMemory['delete']>) {
    this.takeOver(this.keyPrefix);
    return super.delete(...args);
  }
}

/**
 * Builds the rate-limiter-flexible limiters: on Redis (shared by every backend instance) with an
 * in-memory insurance limiter that takes over at once when Redis is not ready, or in memory only
 * when no REDIS_URL is set (the embedded single-process default).
 */
export class LimiterFactory {
  private readonly logger = new Logger('RateLimits');
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private lastWarning = 0;

  constructor(private readonly redis: Redis | null) {}

  limiter(shape: LimiterShape): RateLimiterAbstract {
    const key = `${shape.name}/${shape.points}/${shape.durationSeconds}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = this.create(shape);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  private create(shape: LimiterShape): RateLimiterAbstract {
    const options = { keyPrefix: `${KEY_PREFIX}:${shape.name}`, points: shape.points, duration: shape.durationSeconds };
    if (!this.redis) return new RateLimiterMemory(options);
    return new RateLimiterRedis({
      ...options,
      storeClient: this.redis,
      // Not waiting for a reconnect: a request is counted in memory instead of hanging or failing.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new LoudInsuranceLimiter(shape, (name) => this.warnTakeOver(name)),
    });
  }

  private warnTakeOver(name: string): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn({
      msg: 'Redis is unreachable: rate limits are now counted in this process only (in-memory insurance limiter)',
      limiter: name,
      redisStatus: this.redis?.status,
    });
  }
}
