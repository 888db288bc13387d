import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobQueue, JOBS } from '../jobs/job-queue';
import { OutboxEmail } from './outbox-email.entity';
import { TenantData } from '../tenancy/tenant-data';

export const MAX_DELIVERY_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;

/**
 * Consumer side of the outbox: claims one email (so two workers never send it twice), sends it
 * over SMTP, and records the result. A failure schedules the next attempt with exponential
 * backoff; after the last attempt the email is marked failed.
 */
@Injectable()
export class MailDeliveryService implements OnModuleInit {
  private readonly logger = new Logger(MailDeliveryService.name);
  private transporter: Transporter | null = null;
  /** MAIL_FROM's address alone: a brand's display name goes with the installation's own address. */
  private readonly fromAddress: string;

  private readonly db: EntityManager;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tenant: TenantData,
    private readonly jobs: JobQueue,
  ) {
    this.db = tenant.unscoped('outbox delivery: a platform table; each row names its own agency');
    this.fromAddress = addressOf(config.mailFrom);
  }

  onModuleInit(): void {
    if (this.config.smtpUrl) {
      this.transporter = createTransport(this.config.smtpUrl, {
        from: this.config.mailFrom,
      });
    }
    this.jobs.register<{ emailId: string }>(JOBS.deliverEmail, (data) => this.deliver(data.emailId), 4);
  }

  async deliver(emailId: string): Promise<void> {
    if (!this.transporter) return;
    const now = new Date();
    const claimed = await this.db
      .createQueryBuilder()
      .update(OutboxEmail)
      .set({
        status: 'sending',
        claimedAt: now,
        attempts: () => 'attempts + 1',
      })
      .where('id = :id', { id: emailId })
      .andWhere("status = 'pending'")
      .andWhere('nextAttemptAt <= :now', { now })
      .execute();
    if ((claimed.affected ?? 0) === 0) return;

    const repository = this.db.getRepository(OutboxEmail);
    const email = await repository.findOneByOrFail({ id: emailId });
    try {
      await this.transporter.sendMail({
        from: email.fromName ? { name: email.fromName, address: this.fromAddress } : this.config.mailFrom,
        ...(email.replyTo ? { replyTo: email.replyTo } : {}),
        to: email.toAddress,
        subject: email.subject,
        text: email.textBody,
        html: email.htmlBody,
      });
      await repository.update({ id: emailId }, { status: 'sent', sentAt: new Date(), lastError: null });
    } catch (error) {
      const giveUp = email.attempts >= MAX_DELIVERY_ATTEMPTS;
      const delay = Math.min(BACKOFF_BASE_MS * 2 ** (email.attempts - 1), BACKOFF_MAX_MS);
      await repository.update(
        { id: emailId },
        {
          status: giveUp ? 'failed' : 'pending',
          nextAttemptAt: new Date(Date.now() + delay),
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
        },
      );
      this.logger.warn({
        msg: giveUp ? 'Email delivery failed for good' : 'Email delivery failed; will retry',
        emailId,
        attempt: email.attempts,
      });
    }
  }

  /** Verifies the SMTP connection, for the readiness check. */
  async verify(): Promise<boolean> {
    return this.transporter ? this.transporter.verify() : true;
  }
}

/** The address of a From value such as `Atrium <no-reply@example.com>` (or a bare address). */
export function addressOf(from: string): string {
  const [parsed] = addressparser(from, { flatten: true });
  return parsed?.address || from.trim();
}
