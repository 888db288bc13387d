import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { EnqueueOptions, JobHandler, JobName, JobQueue } from './job-queue';

/**
 * Runs jobs in this process, with the same retry semantics as the Bull queue (exponential
 * backoff), so the embedded default needs no Redis. Jobs do not survive a restart; the features
 * that must not lose work (the mail outbox) keep their state in the database and re-enqueue it.
 */
export class InProcessJobQueue extends JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('InProcessJobQueue');
  private readonly handlers = new Map<JobName, JobHandler<unknown>>();
  private readonly pendingIds = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly backoffMs = 1000) {
    super();
  }

  register<T>(name: JobName, handler: JobHandler<T>): void {
    this.handlers.set(name, handler as JobHandler<unknown>);
  }

  async enqueue<T>(name: JobName, data: T, options: EnqueueOptions = {}): Promise<void> {
    if (this.closed) return;
    if (options.jobId) {
      if (this.pendingIds.has(options.jobId)) return;
      this.pendingIds.add(options.jobId);
    }
    this.schedule(name, data, options, 1, options.delayMs ?? 0);
  }

  async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    return { status: this.closed ? 'down' : 'up', detail: 'in-process' };
  }

  async drain(): Promise<void> {
    while (this.running.size > 0 || this.timers.size > 0) {
      await Promise.allSettled([...this.running]);
      if (this.running.size === 0 && this.timers.size > 0) await new Promise((r) => setTimeout(r, 10));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule<T>(name: JobName, data: T, options: EnqueueOptions, attempt: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.run(name, data, options, attempt).finally(() => this.running.delete(run));
      this.running.add(run);
    }, delayMs);
    this.timers.add(timer);
  }

  private async run<T>(name: JobName, data: T, options: EnqueueOptions, attempt: number): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) {
      this.logger.error(`No processor registered for job ${name}`);
      return;
    }
    try {
      await handler(data);
      if (options.jobId) this.pendingIds.delete(options.jobId);
    } catch (error) {
      const attempts = options.attempts ?? 3;
      if (attempt < attempts && !this.closed) {
        this.schedule(name, data, options, attempt + 1, this.backoffMs * 2 ** (attempt - 1));
      } else {
        if (options.jobId) this.pendingIds.delete(options.jobId);
        this.logger.error({
          msg: `Job ${name} failed after ${attempt} attempt(s)`,
          error: String(error),
        });
      }
    }
  }
}
