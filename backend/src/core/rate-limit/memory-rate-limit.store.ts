import { RateLimitStore } from './rate-limiter';

/** For a single process (the embedded default). Old windows are dropped as they are touched. */
export class MemoryRateLimitStore extends RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetsAt: number }>();

  async hit(key: string, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetsAt <= now) {
      window = { count: 0, resetsAt: now + windowSeconds * 1000 };
      this.windows.set(key, window);
      if (this.windows.size > 50_000) this.evictExpired(now);
    }
    window.count += 1;
    return {
      count: window.count,
      resetInSeconds: Math.ceil((window.resetsAt - now) / 1000),
    };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(key);
  }
}
