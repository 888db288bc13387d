/** Names of every background job; processors and producers refer to these constants only. */
export const JOBS = {
  deliverEmail: 'mail.deliver',
  publishPostTarget: 'posts.publish-target',
  mediaThumbnail: 'media.thumbnail',
  sealContract: 'contracts.seal',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/**
 * Redis key prefix of the Bull queues. Each job kind has its own queue (named by its JobName), so
 * each kind's concurrency is exactly what its processor asks for: Bull adds up the concurrency of
 * named processors on one queue and lets any of them take any job.
 */
export const QUEUE_PREFIX = 'atrium';

export interface QueueCounts {
  name: JobName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface FailedJob {
  id: string;
  name: JobName;
  /** The job's data, as given to enqueue. */
  data: unknown;
  error: string;
  attempts: number;
  failedAt: string;
}

export type JobHandler<T> = (data: T) => Promise<void>;

export interface EnqueueOptions {
  /** Deduplicates: a second job with the same id while the first exists is dropped. */
  jobId?: string;
  attempts?: number;
  delayMs?: number;
}

/**
 * The queue processors run on: Bull on Redis in production, in-process on the embedded default.
 * Producers and processors are written once against this interface.
 */
export abstract class JobQueue {
  /** At most `concurrency` jobs of this kind run at once in this process. */
  abstract register<T>(name: JobName, handler: JobHandler<T>, concurrency?: number): void;
  abstract enqueue<T>(name: JobName, data: T, options?: EnqueueOptions): Promise<void>;

  /**
   * Enqueues many jobs of one kind; Bull sends them in one round trip, all or none. By default one
   * after the other.
   */
  async enqueueMany<T>(name: JobName, jobs: ReadonlyArray<{ data: T; options?: EnqueueOptions }>): Promise<void> {
    for (const job of jobs) await this.enqueue(name, job.data, job.options);
  }
  abstract health(): Promise<{ status: 'up' | 'down'; detail?: string }>;

  /** How many jobs of each kind are in each state, for operators and metrics. */
  abstract counts(): Promise<QueueCounts[]>;
  /** Failed jobs of one kind (newest first), with their error. */
  abstract failedJobs(name: JobName, limit: number): Promise<FailedJob[]>;
  /** Runs failed jobs again: the one named, or every failed job of the kind. Answers how many. */
  abstract retryFailed(name: JobName, jobId?: string): Promise<number>;
  /** Forgets failed jobs: the one named, or every failed job of the kind. Answers how many. */
  abstract discardFailed(name: JobName, jobId?: string): Promise<number>;
  /** Resolves when nothing is running or waiting (tests and graceful shutdown). */
  abstract drain(): Promise<void>;
}
