import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { LimiterFactory } from './limiter-factory';
import { RateLimitRule, TooManyRequestsException } from './rate-limiter';

/** How many counts `allowEach` keeps in flight at once. */
const COUNTS_IN_FLIGHT = 32;

/**
 * Per-account, per-IP and per-recipient limits on sign-in, emails and other public actions
 * (SPEC §5), on rate-limiter-flexible (see LimiterFactory for Redis and its insurance). Subjects
 * are hashed (emails lower-cased first) and counted whether or not an account exists, so a 429
 * reveals nothing about which addresses are registered.
 */
@Injectable()
export class RateLimitService {
  private readonly logger = new Logger(RateLimitService.name);

  constructor(private readonly limiters: LimiterFactory) {}

  /** Counts one hit against every rule; throws 429 (with the longest wait) when any of them is exceeded. */
  async consume(checks: Array<{ rule: RateLimitRule; subject: string | null }>): Promise<void> {
    let retryAfterMs = 0;
    for (const { rule, subject } of checks) {
      if (!subject) continue;
      const refusedFor = await this.hit(rule, subject);
      retryAfterMs = Math.max(retryAfterMs, refusedFor);
    }
    if (retryAfterMs > 0) throw new TooManyRequestsException(retryAfterMs / 1000);
  }

  /**
   * Counts one hit and answers whether it is within the limit, without throwing: for emails, whose
   * senders answer the same either way and simply send nothing beyond the limit.
   */
  async allow(rule: RateLimitRule, subject: string): Promise<boolean> {
    return (await this.hit(rule, subject)) === 0;
  }

  /**
   * `allow` for many subjects (a bulk email), answered in the order given: each subject is counted
   * once, exactly as one `allow` would, with a bounded number of counts in flight (the limiter has
   * no batch operation; on Redis the concurrent counts share the connection's round trips). A
   * store failure stops taking new subjects and fails the whole call (503), like `allow`.
   */
  async allowEach(rule: RateLimitRule, subjects: readonly string[]): Promise<boolean[]> {
    const allowed: boolean[] = new Array<boolean>(subjects.length);
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (!failed && next < subjects.length) {
        const index = next++;
        try {
          allowed[index] = await this.allow(rule, subjects[index]);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(COUNTS_IN_FLIGHT, subjects.length) }, worker));
    return allowed;
  }

  async reset(rule: RateLimitRule, subject: string): Promise<void> {
    await this.guard(() => this.limiterFor(rule).delete(subjectKey(subject)));
  }

  /** 0 when allowed, else the milliseconds until the window lets the subject in again. */
  private async hit(rule: RateLimitRule, subject: string): Promise<number> {
    try {
      await this.guard(() => this.limiterFor(rule).consume(subjectKey(subject)));
      return 0;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1000, refusal.msBeforeNext);
      throw refusal;
    }
  }

  private limiterFor(rule: RateLimitRule) {
    return this.limiters.limiter({ name: rule.name, points: rule.limit, durationSeconds: rule.windowSeconds });
  }

  private guard<T>(operation: () => Promise<T>): Promise<T> {
    return guardStore(operation, this.logger);
  }
}

/**
 * A store failure the insurance limiter did not absorb is a clear 503, never a bare 500: the
 * caller may retry, and nothing was done. Refusals (RateLimiterRes) pass through.
 */
export async function guardStore<T>(operation: () => Promise<T>, logger: Logger): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof RateLimiterRes) throw error;
    logger.error({ msg: 'Rate limit store failed', error: String(error) });
    throw new ServiceUnavailableException('Sign-in protection is briefly unavailable. Please try again in a minute.');
  }
}

/** Limiter keys never hold an address or IP in clear. */
export function subjectKey(subject: string): string {
  return createHash('sha256').update(subject.toLowerCase()).digest('hex').slice(0, 32);
}
