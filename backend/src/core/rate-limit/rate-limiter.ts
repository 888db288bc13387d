import { HttpException, HttpStatus } from '@nestjs/common';

export interface RateLimitRule {
  /** Stable name of what is limited, e.g. `login:ip`. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Counts hits per key in fixed windows. Redis-backed when configured (shared by all instances). */
export abstract class RateLimitStore {
  abstract hit(key: string, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }>;
  abstract reset(key: string): Promise<void>;
}

export class TooManyRequestsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      `Too many attempts. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
