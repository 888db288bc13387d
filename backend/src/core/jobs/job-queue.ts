/** Names of every background job; processors and producers refer to these constants only. */
export const JOBS = {
  deliverEmail: 'mail.deliver',
  publishPostTarget: 'posts.publish-target',
  mediaThumbnail: 'media.thumbnail',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

export const QUEUE_NAME = 'atrium';

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
  abstract register<T>(name: JobName, handler: JobHandler<T>, concurrency?: number): void;
  abstract enqueue<T>(name: JobName, data: T, options?: EnqueueOptions): Promise<void>;
  abstract health(): Promise<{ status: 'up' | 'down'; detail?: string }>;
  /** Resolves when nothing is running or waiting (tests and graceful shutdown). */
  abstract drain(): Promise<void>;
}
