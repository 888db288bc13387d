import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { EnqueueOptions, JobHandler, JobName, JobQueue } from './job-queue';

const ENQUEUE_TIMEOUT_MS = 3000;

/** Jobs on Redis through Bull: they survive restarts and spread over every worker instance. */
export class BullJobQueue extends JobQueue {
  private readonly logger = new Logger('BullJobQueue');

  constructor(
    private readonly queue: Queue,
    private readonly runWorkers: boolean,
  ) {
    super();
  }

  register<T>(name: JobName, handler: JobHandler<T>, concurrency = 2): void {
    if (!this.runWorkers) return;
    void this.queue
      .process(name, concurrency, async (job) => handler(job.data as T))
      .catch((error: unknown) => {
        this.logger.error({
          msg: `Processor for ${name} stopped`,
          error: String(error),
        });
      });
  }

  async enqueue<T>(name: JobName, data: T, options: EnqueueOptions = {}): Promise<void> {
    // With Redis unreachable Bull would wait for a reconnect; callers must not hang on that.
    await withTimeout(
      this.queue.add(name, data, {
        jobId: options.jobId,
        attempts: options.attempts ?? 3,
        delay: options.delayMs,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      }),
      ENQUEUE_TIMEOUT_MS,
      `enqueue ${name}`,
    );
  }

  async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    try {
      const counts = await withTimeout(this.queue.getJobCounts(), 2000, 'queue counts');
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
      const counts = await this.queue.getJobCounts();
      if (counts.waiting + counts.active + counts.delayed === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
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
