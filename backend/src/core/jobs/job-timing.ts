import type { JobHandler, JobName } from './job-queue';

/** Told how long each job attempt took and how it ended (metrics: core/metrics). */
export type JobTimer = (queue: JobName, outcome: 'completed' | 'failed', seconds: number) => void;

/** The handler, reporting each attempt's duration to the timer; errors pass through unchanged. */
export function timedHandler<T>(name: JobName, handler: JobHandler<T>, timer: JobTimer | null): JobHandler<T> {
  if (!timer) return handler;
  return async (data: T) => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      await handler(data);
    } catch (error) {
      timer(name, 'failed', seconds());
      throw error;
    }
    timer(name, 'completed', seconds());
  };
}
