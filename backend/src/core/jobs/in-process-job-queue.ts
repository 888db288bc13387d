import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JobTimer, timedHandler } from './job-timing';
import { EnqueueOptions, FailedJob, JobHandler, JobName, JobQueue, QueueCounts } from './job-queue';

/** Failed jobs kept per kind for operators to retry or discard; the oldest are forgotten first. */
const FAILED_KEPT = 1000;

interface FailedEntry {
  job: FailedJob;
  options: EnqueueOptions;
}

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
  private readonly tallies = new Map<JobName, Omit<QueueCounts, 'name' | 'failed'>>();
  private readonly failed = new Map<JobName, FailedEntry[]>();

  constructor(
    private readonly backoffMs = 1000,
    private readonly timer: JobTimer | null = null,
  ) {
    super();
  }

  register<T>(name: JobName, handler: JobHandler<T>): void {
    this.handlers.set(name, timedHandler(name, handler, this.timer) as JobHandler<unknown>);
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

  async counts(): Promise<QueueCounts[]> {
    const names = new Set<JobName>([...this.handlers.keys(), ...this.tallies.keys(), ...this.failed.keys()]);
    return [...names].sort().map((name) => ({
      name,
      ...(this.tallies.get(name) ?? { waiting: 0, active: 0, delayed: 0, completed: 0 }),
      failed: this.failed.get(name)?.length ?? 0,
    }));
  }

  async failedJobs(name: JobName, limit: number): Promise<FailedJob[]> {
    return (this.failed.get(name) ?? [])
      .slice(-limit)
      .reverse()
      .map((entry) => entry.job);
  }

  async retryFailed(name: JobName, jobId?: string): Promise<number> {
    const taken = this.takeFailed(name, jobId);
    for (const entry of taken) {
      if (entry.options.jobId) this.pendingIds.add(entry.options.jobId);
      this.schedule(name, entry.job.data, entry.options, 1, 0);
    }
    return taken.length;
  }

  async discardFailed(name: JobName, jobId?: string): Promise<number> {
    return this.takeFailed(name, jobId).length;
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
    const tally = this.tallyOf(name);
    const state = delayMs > 0 ? 'delayed' : 'waiting';
    tally[state]++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      tally[state]--;
      tally.active++;
      const run = this.run(name, data, options, attempt).finally(() => {
        tally.active--;
        this.running.delete(run);
      });
      this.running.add(run);
    }, delayMs);
    this.timers.add(timer);
  }

  private tallyOf(name: JobName): Omit<QueueCounts, 'name' | 'failed'> {
    let tally = this.tallies.get(name);
    if (!tally) {
      tally = { waiting: 0, active: 0, delayed: 0, completed: 0 };
      this.tallies.set(name, tally);
    }
    return tally;
  }

  private recordFailure(name: JobName, data: unknown, options: EnqueueOptions, attempts: number, error: unknown): void {
    const list = this.failed.get(name) ?? [];
    list.push({
      job: {
        id: randomUUID(),
        name,
        data,
        error: error instanceof Error ? error.message : String(error),
        attempts,
        failedAt: new Date().toISOString(),
      },
      options,
    });
    if (list.length > FAILED_KEPT) list.splice(0, list.length - FAILED_KEPT);
    this.failed.set(name, list);
  }

  private takeFailed(name: JobName, jobId?: string): FailedEntry[] {
    const list = this.failed.get(name) ?? [];
    const taken = jobId === undefined ? list : list.filter((entry) => entry.job.id === jobId);
    this.failed.set(
      name,
      list.filter((entry) => !taken.includes(entry)),
    );
    return taken;
  }

  private async run<T>(name: JobName, data: T, options: EnqueueOptions, attempt: number): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) {
      this.logger.error(`No processor registered for job ${name}`);
      return;
    }
    try {
      await handler(data);
      this.tallyOf(name).completed++;
      if (options.jobId) this.pendingIds.delete(options.jobId);
    } catch (error) {
      const attempts = options.attempts ?? 3;
      if (attempt < attempts && !this.closed) {
        this.schedule(name, data, options, attempt + 1, this.backoffMs * 2 ** (attempt - 1));
      } else {
        if (options.jobId) this.pendingIds.delete(options.jobId);
        this.recordFailure(name, data, options, attempt, error);
        this.logger.error({
          msg: `Job ${name} failed after ${attempt} attempt(s)`,
          error: String(error),
        });
      }
    }
  }
}
