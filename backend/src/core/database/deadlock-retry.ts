import { isRetryableLockConflict } from './database-faults';

export interface DeadlockRetryOptions {
  /** Total runs, the first included. */
  attempts?: number;
  /** Upper bound of the first wait; it doubles on each retry (full jitter). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected by tests; `setTimeout` otherwise. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a whole transaction again when the database chose it as a deadlock victim (or it waited
 * too long for a lock): MariaDB rolled it back, so nothing of it was kept and a rerun is safe.
 * Waits are randomised ("full jitter") so that the transactions that collided do not collide
 * again in lockstep. Any other error, and the last conflict, go to the caller unchanged.
 */
export async function retryOnDeadlock<R>(work: () => Promise<R>, options: DeadlockRetryOptions = {}): Promise<R> {
  const attempts = options.attempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 50;
  const maxDelayMs = options.maxDelayMs ?? 1500;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableLockConflict(error)) throw error;
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.round(random() * ceiling));
    }
  }
}
