import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateLimitRule, RateLimitStore, TooManyRequestsException } from './rate-limiter';

/**
 * Per-account and per-IP limits on sign-in, password reset and confirmation resend (SPEC §5).
 * Account keys are hashed emails, counted whether or not the account exists, so a 429 reveals
 * nothing about which addresses are registered.
 */
@Injectable()
export class RateLimitService {
  constructor(private readonly store: RateLimitStore) {}

  /** Counts one hit against every rule; throws 429 when any of them is exceeded. */
  async consume(checks: Array<{ rule: RateLimitRule; subject: string | null }>): Promise<void> {
    let retryAfter = 0;
    for (const { rule, subject } of checks) {
      if (!subject) continue;
      const { count, resetInSeconds } = await this.store.hit(this.key(rule, subject), rule.windowSeconds);
      if (count > rule.limit) retryAfter = Math.max(retryAfter, resetInSeconds);
    }
    if (retryAfter > 0) throw new TooManyRequestsException(retryAfter);
  }

  async reset(rule: RateLimitRule, subject: string): Promise<void> {
    await this.store.reset(this.key(rule, subject));
  }

  private key(rule: RateLimitRule, subject: string): string {
    return `${rule.name}:${createHash('sha256').update(subject.toLowerCase()).digest('hex').slice(0, 32)}`;
  }
}
