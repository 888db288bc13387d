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
    if (this.capturing) return;
    for (const id of ids) {
      try {
        // No job id: Bull keeps finished jobs for a while and would drop a retry under the same id.
        // Two deliveries of one email are harmless: the delivery claims the row before sending.
        await this.jobs.enqueue(JOBS.deliverEmail, { emailId: id }, { attempts: 1 });
      } catch (error) {
        this.logger.warn({
          msg: 'Could not enqueue email delivery; the outbox sweeper will retry',
          id,
          error: String(error),
        });
      }
    }
  }
}
