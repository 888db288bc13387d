import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobQueue, JOBS } from '../jobs/job-queue';
import { managerOf, Transactional } from '../tenancy/tenant-data';
import type { EmailContent } from './mail-templates';
import { OutboxEmail } from './outbox-email.entity';

export interface OutgoingEmail extends EmailContent {
  to: string;
  agencyId: string | null;
  /** The sender's display name (a brand's); the address stays the installation's. */
  fromName?: string | null;
  replyTo?: string | null;
}

/**
 * Producer side of the outbox. `queue` writes the email in the caller's transaction; after the
 * transaction commits, `dispatch` hands the ids to the delivery job. If dispatch fails (Redis
 * down, process killed), the outbox sweeper finds the pending rows and delivers them later.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  get capturing(): boolean {
    return this.config.smtpUrl === null;
  }

  /** Writes the email to the outbox in the caller's transaction (`into`). */
  async queue(into: Transactional, email: OutgoingEmail): Promise<string> {
    const repository = managerOf(into).getRepository(OutboxEmail);
    const row = repository.create({
      agencyId: email.agencyId,
      toAddress: email.to,
      subject: email.subject,
      fromName: email.fromName?.trim().slice(0, 120) || null,
      replyTo: email.replyTo?.trim() || null,
      textBody: email.text,
      htmlBody: email.html,
      status: this.capturing ? 'captured' : 'pending',
    });
    await repository.save(row);
    return row.id;
  }

  /** Call after the transaction that queued the emails has committed. Never throws. */
  async dispatch(ids: string[]): Promise<void> {
    await this.dispatchDue(ids.map((id) => ({ id, attempts: 0 })));
  }

  /**
   * Enqueues one delivery job per row, under a job id made of the row and its attempt count: a row
   * whose job is still waiting is not enqueued twice (Bull drops a second job with the same id),
   * and a retry (one more attempt) gets a new id. Stops at the first failure (Redis away): the
   * sweeper comes back for the rest. Returns how many were enqueued. Never throws.
   */
  async dispatchDue(rows: Array<{ id: string; attempts: number }>): Promise<number> {
    if (this.capturing) return 0;
    let enqueued = 0;
    for (const row of rows) {
      try {
        await this.jobs.enqueue(JOBS.deliverEmail, { emailId: row.id }, { jobId: deliveryJobId(row), attempts: 1 });
        enqueued += 1;
      } catch (error) {
        this.logger.warn({
          msg: 'Could not enqueue email delivery; the outbox sweeper will retry',
          id: row.id,
          notEnqueued: rows.length - enqueued,
          error: String(error),
        });
        break;
      }
    }
    return enqueued;
  }
}

/** One job id per outbox row and attempt. */
export function deliveryJobId(row: { id: string; attempts: number }): string {
  return `mail-${row.id}-${row.attempts}`;
}
