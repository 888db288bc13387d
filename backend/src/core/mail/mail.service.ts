import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { insertRows } from '../database/insert-rows';
import { JobQueue, JOBS } from '../jobs/job-queue';
import { managerOf, TenantData, Transactional } from '../tenancy/tenant-data';
import type { EntityManager } from 'typeorm';
import { agencyNotSuspended } from './held-emails';
import type { EmailContent } from './mail-templates';
import { OutboxEmail } from './outbox-email.entity';

/** Delivery jobs per enqueue: one Redis round trip each on Bull. */
const JOBS_PER_ENQUEUE = 500;

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

  private readonly db: EntityManager;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    tenant: TenantData,
  ) {
    this.db = tenant.unscoped('outbox: emails are dispatched by id, whatever their agency');
  }

  get capturing(): boolean {
    return this.config.smtpUrl === null;
  }

  /** Writes the email to the outbox in the caller's transaction (`into`). */
  async queue(into: Transactional, email: OutgoingEmail): Promise<string> {
    const [id] = await this.queueMany(into, [email]);
    return id;
  }

  /** Writes many emails to the outbox in the caller's transaction, set-based; returns their ids in order. */
  async queueMany(into: Transactional, emails: readonly OutgoingEmail[]): Promise<string[]> {
    const status = this.capturing ? 'captured' : 'pending';
    const rows = await insertRows(
      managerOf(into),
      OutboxEmail,
      emails.map((email) => ({
        agencyId: email.agencyId,
        toAddress: email.to,
        subject: email.subject,
        fromName: email.fromName?.trim().slice(0, 120) || null,
        replyTo: email.replyTo?.trim() || null,
        textBody: email.text,
        htmlBody: email.html,
        status,
      })),
    );
    return rows.map((row) => row.id);
  }

  /** Call after the transaction that queued the emails has committed. Never throws. */
  async dispatch(ids: string[]): Promise<void> {
    if (ids.length === 0 || this.capturing) return;
    // A suspended agency's emails are not enqueued: the job would find nothing to send yet still
    // spend its id (row and attempt), and the sweeper's job for the row after the restore with it.
    let deliverable: string[];
    try {
      const rows = await this.db
        .getRepository(OutboxEmail)
        .createQueryBuilder('e')
        .select('e.id', 'id')
        .where('e.id IN (:...ids)', { ids })
        .andWhere(agencyNotSuspended('e.agencyId'))
        .getRawMany<{ id: string }>();
      deliverable = rows.map((row) => row.id);
    } catch (error) {
      this.logger.warn({ msg: 'Could not dispatch emails; the outbox sweeper will', error: String(error) });
      return;
    }
    await this.dispatchDue(deliverable.map((id) => ({ id, attempts: 0 })));
  }

  /**
   * Enqueues one delivery job per row, under a job id made of the row and its attempt count: a row
   * whose job is still waiting is not enqueued twice (Bull drops a second job with the same id),
   * and a retry (one more attempt) gets a new id. The jobs go in batches (one Redis round trip
   * each), and a failed batch (Redis away) ends it: the sweeper comes back for the rest. Returns
   * how many were enqueued. Never throws.
   */
  async dispatchDue(rows: Array<{ id: string; attempts: number }>): Promise<number> {
    if (this.capturing) return 0;
    let enqueued = 0;
    for (let at = 0; at < rows.length; at += JOBS_PER_ENQUEUE) {
      const batch = rows.slice(at, at + JOBS_PER_ENQUEUE);
      try {
        await this.jobs.enqueueMany(
          JOBS.deliverEmail,
          batch.map((row) => ({ data: { emailId: row.id }, options: { jobId: deliveryJobId(row), attempts: 1 } })),
        );
        enqueued += batch.length;
      } catch (error) {
        this.logger.warn({
          msg: 'Could not enqueue email delivery; the outbox sweeper will retry',
          id: batch[0].id,
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
