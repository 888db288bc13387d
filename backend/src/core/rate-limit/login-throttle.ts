import { Injectable, Logger } from '@nestjs/common';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { LimiterFactory } from './limiter-factory';
import { TooManyRequestsException } from './rate-limiter';
import { guardStore, subjectKey } from './rate-limit.service';

/**
 * Wrong passwords slow an account's sign-in down instead of locking it (NIST SP 800-63B 5.2.2):
 * the first FREE_FAILURES cost nothing, then every further failure makes the next attempt wait
 * twice as long (1 s, 2 s, 4 s …) up to MAX_DELAY_SECONDS. There is never a lock longer than that
 * cap, so a stranger typing wrong passwords cannot keep the owner out, and a guesser gets about a
 * hundred tries a day at most. A successful sign-in or password reset clears the failures.
 */
export const LOGIN_THROTTLE = {
  freeFailures: 5,
  maxDelaySeconds: 15 * 60,
  /** Failures are forgotten a day after the first of them (rate-limiter-flexible's fixed window). */
  memorySeconds: 24 * 60 * 60,
} as const;

/** Seconds the next attempt must wait after `failures` failures in a row. */
export function delayAfterFailures(failures: number): number {
  if (failures <= LOGIN_THROTTLE.freeFailures) return 0;
  const exponent = failures - LOGIN_THROTTLE.freeFailures - 1;
  // 2^10 s already exceeds the cap; no need to compute (or overflow) beyond it.
  return exponent >= 10 ? LOGIN_THROTTLE.maxDelaySeconds : Math.min(2 ** exponent, LOGIN_THROTTLE.maxDelaySeconds);
}

@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(private readonly limiters: LimiterFactory) {}

  /** Refuses (429 with Retry-After) while the account's current wait runs. Not counted as a failure. */
  async assertMayTry(account: string): Promise<void> {
    const waiting = await guardStore(() => this.delays().get(subjectKey(account)), this.logger);
    // block() stores "points + 1" consumed for its duration: more than the one point means waiting.
    if (waiting && waiting.consumedPoints > 1 && waiting.msBeforeNext > 0)
      throw new TooManyRequestsException(waiting.msBeforeNext / 1000);
  }

  /** Counts a failed password for the account and starts its next wait (if any). */
  async recordFailure(account: string): Promise<void> {
    const key = subjectKey(account);
    const counted = await guardStore(() => this.failures().penalty(key, 1), this.logger);
    const wait = delayAfterFailures((counted as RateLimiterRes).consumedPoints);
    if (wait > 0) await guardStore(() => this.delays().block(key, wait), this.logger);
  }

  /** Forgets the account's failures and any wait: after a successful sign-in or password reset. */
  async clear(account: string): Promise<void> {
    const key = subjectKey(account);
    await guardStore(() => this.failures().delete(key), this.logger);
    await guardStore(() => this.delays().delete(key), this.logger);
  }

  private failures() {
    return this.limiters.limiter({
      name: 'login:failures',
      // Only counted (penalty), never refused: the waits below do the slowing down.
      points: 1_000_000,
      durationSeconds: LOGIN_THROTTLE.memorySeconds,
    });
  }

  private delays() {
    return this.limiters.limiter({ name: 'login:delay', points: 1, durationSeconds: LOGIN_THROTTLE.maxDelaySeconds });
  }
}
