import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import type { BullConnections } from './bull-connections';
import { JobTimer, timedHandler } from './job-timing';
import { EnqueueOptions, FailedJob, JobHandler, JobName, JobQueue, QueueCounts } from './job-queue';

const ENQUEUE_TIMEOUT_MS = 3000;

/**
 * Jobs on Redis through Bull: they survive restarts and spread over every worker instance. Each
 * job kind has its own queue with one unnamed processor, so `concurrency` bounds that kind alone
 * (named processors on a shared queue would add up, and each could take any kind of job).
 */
export class BullJobQueue extends JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('BullJobQueue');

  constructor(
    private readonly queues: ReadonlyMap<JobName, Queue>,
    private readonly runWorkers: boolean,
    private readonly connections: BullConnections,
    private readonly timer: JobTimer | null = null,
  ) {
    super();
  }

  /** The Bull queue of one job kind (tests count its jobs). */
  queueOf(name: JobName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`No queue for job ${name}`);
    return queue;
  }

  register<T>(name: JobName, handler: JobHandler<T>, concurrency = 2): void {
    if (!this.runWorkers) return;
    const timed = timedHandler(name, handler, this.timer);
    void this.queueOf(name)
      .process(concurrency, async (job) => timed(job.data as T))
      .catch((error: unknown) => {
        this.logger.error({
          msg: `Processor for ${name} stopped`,
          error: String(error),
        });
      });
  }

  async enqueue<T>(name: JobName, data: T, options: EnqueueOptions = {}): Promise<void> {
    // With Redis unreachable Bull would wait for a reconnect; callers must not hang on that.
    await withTimeout(this.queueOf(name).add(data, jobOptions(options)), ENQUEUE_TIMEOUT_MS, `enqueue ${name}`);
  }

  /** One MULTI for the whole batch (Bull's addBulk); a job id already waiting is still not added twice. */
  override async enqueueMany<T>(
    name: JobName,
    jobs: ReadonlyArray<{ data: T; options?: EnqueueOptions }>,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await withTimeout(
      this.queueOf(name).addBulk(jobs.map((job) => ({ data: job.data, opts: jobOptions(job.options ?? {}) }))),
      ENQUEUE_TIMEOUT_MS,
      `enqueue ${jobs.length} × ${name}`,
    );
  }

  async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    try {
      const counts = await withTimeout(this.totals(), 2000, 'queue counts');
      return {
        status: 'up',
        detail: `waiting ${counts.waiting}, active ${counts.active}, failed ${counts.failed}`,
      };
    } catch (error) {
      return { status: 'down', detail: String(error) };
    }
  }

  async drain(): Promise<void> {
    for (;;) {
      const counts = await this.totals();
      if (counts.waiting + counts.active + counts.delayed === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Closes the queues (Nest closes them too; `close` is idempotent), then the connections they used. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    await this.connections.close();
  }

  async counts(): Promise<QueueCounts[]> {
    const names = [...this.queues.keys()].sort();
    const all = await withTimeout(
      Promise.all(names.map((name) => this.queueOf(name).getJobCounts())),
      ENQUEUE_TIMEOUT_MS,
      'queue counts',
    );
    return names.map((name, i) => ({
      name,
      waiting: all[i].waiting,
      active: all[i].active,
      delayed: all[i].delayed,
      failed: all[i].failed,
      completed: all[i].completed,
    }));
  }

  async failedJobs(name: JobName, limit: number): Promise<FailedJob[]> {
    const jobs = await this.queueOf(name).getFailed(0, Math.max(0, limit - 1));
    return jobs
      .filter((job) => job)
      .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))
      .map((job) => ({
        id: String(job.id),
        name,
        data: job.data as unknown,
        error: job.failedReason ?? 'unknown error',
        attempts: job.attemptsMade,
        failedAt: new Date(job.finishedOn ?? job.timestamp).toISOString(),
      }));
  }

  async retryFailed(name: JobName, jobId?: string): Promise<number> {
    let done = 0;
    for (const job of await this.failedOf(name, jobId)) {
      await job.retry();
      done++;
    }
    return done;
  }

  async discardFailed(name: JobName, jobId?: string): Promise<number> {
    let done = 0;
    for (const job of await this.failedOf(name, jobId)) {
      await job.remove();
      done++;
    }
    return done;
  }

  /** The failed job named (if it is failed), or every failed job of the kind. */
  private async failedOf(name: JobName, jobId?: string) {
    const queue = this.queueOf(name);
    if (jobId === undefined) return (await queue.getFailed()).filter((job) => job);
    const job = await queue.getJob(jobId);
    return job && (await job.isFailed()) ? [job] : [];
  }

  private async totals(): Promise<{ waiting: number; active: number; delayed: number; failed: number }> {
    const all = await Promise.all([...this.queues.values()].map((queue) => queue.getJobCounts()));
    return all.reduce(
      (sum, c) => ({
        waiting: sum.waiting + c.waiting,
        active: sum.active + c.active,
        delayed: sum.delayed + c.delayed,
        failed: sum.failed + c.failed,
      }),
      { waiting: 0, active: 0, delayed: 0, failed: 0 },
    );
  }
}

function jobOptions(options: EnqueueOptions): JobOptions {
  return {
    jobId: options.jobId,
    attempts: options.attempts ?? 3,
    delay: options.delayMs,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: 1000,
    removeOnFail: 5000,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
