import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../../../core/audit/audit.service';
import type { OperatorContext } from '../../../core/auth/request-context';
import { type FailedJob, JobName, JobQueue, JOBS, type QueueCounts } from '../../../core/jobs/job-queue';
import { operatorAudit } from '../audit/operator-audit';

const QUEUE_NAMES: readonly JobName[] = Object.values(JOBS);

/** The job queues as operators see them: counts, failed jobs, retry and discard (each audited). */
@Injectable()
export class QueueAdminService {
  constructor(
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  /** Every queue, also one no job has used yet in this process (all zeros). */
  async counts(): Promise<QueueCounts[]> {
    const known = new Map((await this.jobs.counts()).map((counts) => [counts.name, counts]));
    return [...QUEUE_NAMES]
      .sort()
      .map((name) => known.get(name) ?? { name, waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 });
  }

  async failed(name: string, limit: number): Promise<FailedJob[]> {
    return this.jobs.failedJobs(queueNamed(name), limit);
  }

  /** Runs failed jobs again (one, or all of the queue); answers how many. */
  async retry(operator: OperatorContext, name: string, jobId?: string): Promise<number> {
    const queue = queueNamed(name);
    const count = await this.jobs.retryFailed(queue, jobId);
    if (jobId !== undefined && count === 0) throw noSuchJob();
    await this.record(operator, 'platform_admin.failed_jobs_retried', queue, jobId, count);
    return count;
  }

  /** Forgets failed jobs (one, or all of the queue); answers how many. */
  async discard(operator: OperatorContext, name: string, jobId?: string): Promise<number> {
    const queue = queueNamed(name);
    const count = await this.jobs.discardFailed(queue, jobId);
    if (jobId !== undefined && count === 0) throw noSuchJob();
    await this.record(operator, 'platform_admin.failed_jobs_discarded', queue, jobId, count);
    return count;
  }

  private async record(
    operator: OperatorContext,
    action: string,
    queue: JobName,
    jobId: string | undefined,
    count: number,
  ): Promise<void> {
    await this.audit.record(
      operatorAudit(operator, {
        action,
        targetType: 'queue',
        targetId: queue,
        details: { queue, jobId: jobId ?? null, count },
      }),
    );
  }
}

/** A queue's name from a path; 404 for any other string. */
function queueNamed(name: string): JobName {
  const queue = QUEUE_NAMES.find((known) => known === name);
  if (!queue) throw new NotFoundException(`No queue is named ${name}. Queues: ${QUEUE_NAMES.join(', ')}.`);
  return queue;
}

function noSuchJob(): NotFoundException {
  return new NotFoundException('This queue has no failed job with this id.');
}
