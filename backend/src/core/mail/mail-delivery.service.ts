import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobQueue, JOBS } from '../jobs/job-queue';
import { agencyNotSuspended } from './held-emails';
import { OutboxEmail } from './outbox-email.entity';
import { TenantData } from '../tenancy/tenant-data';

export const MAX_DELIVERY_ATTEMPTS = 8;
/** Emails one worker process sends at once (Bull runs exactly this many delivery jobs per process). */
export const MAIL_DELIVERY_CONCURRENCY = 4;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/**
 * After the SMTP server accepted a message only the bookkeeping is retried, never the send: a
 * database blip right then must not turn into a second email. Well under the sweeper's
 * STUCK_AFTER_MS, so a row is never re-sent while this process still tries to record it.
 */
export const BOOKKEEPING_RETRY_DELAYS_MS = [200, 1000, 5000, 15_000];
/**
 * What replaces the bodies of a sent email: its links (sign-in, reset, invitation) must not outlive
 * the send. An email given up on keeps its bodies, so an operator can send it again once SMTP is
 * fixed (POST /admin/outbox/failed/retry); its links still expire by their own rules.
 */
export const SENT_BODY_MARKER = '[sent; body removed]';

/**
 * Consumer side of the outbox: claims one email (so two workers never send it twice), sends it
 * over SMTP, and records the result. A failure schedules the next attempt with exponential
 * backoff; after the last attempt the email is marked failed.
 *
 * Delivery is exactly once except in one window: the process dies (or the database stays away for
 * all the bookkeeping retries) after the SMTP server accepted the message and before `sent` is
 * recorded. The row then stays `sending`, the sweeper hands it out again after STUCK_AFTER_MS and
 * it is sent a second time, with the same Message-ID, so mail clients show it once.
 */
@Injectable()
export class MailDeliveryService implements OnModuleInit {
  private readonly logger = new Logger(MailDeliveryService.name);
  private transporter: Transporter | null = null;
  /** MAIL_FROM's address alone: a brand's display name goes with the installation's own address. */
  private readonly fromAddress: string;
  /** The right-hand side of every Message-ID: the installation's own domain. */
  private readonly messageIdDomain: string;

  private readonly db: EntityManager;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tenant: TenantData,
    private readonly jobs: JobQueue,
  ) {
    this.db = tenant.unscoped('outbox delivery: a platform table; each row names its own agency');
    this.fromAddress = addressOf(config.mailFrom);
    this.messageIdDomain = messageIdDomainOf(this.fromAddress, config.appUrl);
  }

  onModuleInit(): void {
    if (this.config.smtpUrl) {
      this.transporter = createTransport(this.config.smtpUrl, {
        from: this.config.mailFrom,
      });
    }
    this.jobs.register<{ emailId: string }>(
      JOBS.deliverEmail,
      (data) => this.deliver(data.emailId),
      MAIL_DELIVERY_CONCURRENCY,
    );
  }

  /** The one Message-ID of an outbox row: every (re)send of the row carries it. */
  messageIdOf(emailId: string): string {
    return `<${emailId}@${this.messageIdDomain}>`;
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
      .andWhere(agencyNotSuspended('agencyId'))
      .execute();
    if ((claimed.affected ?? 0) === 0) return;

    // Failing here leaves the claim (`sending`): the sweeper retries it once the claim is stale.
    const email = await this.db.getRepository(OutboxEmail).findOneByOrFail({ id: emailId });
    try {
      await this.transporter.sendMail({
        from: email.fromName ? { name: email.fromName, address: this.fromAddress } : this.config.mailFrom,
        ...(email.replyTo ? { replyTo: email.replyTo } : {}),
        to: email.toAddress,
        subject: email.subject,
        text: email.textBody,
        html: email.htmlBody,
        messageId: this.messageIdOf(email.id),
      });
    } catch (error) {
      await this.recordFailure(email, error);
      return;
    }
    await this.recordSent(email.id);
  }

  /** Records an accepted message, retrying the UPDATE alone (never the send), and drops its bodies. */
  private async recordSent(emailId: string): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.db.getRepository(OutboxEmail).update(
          { id: emailId },
          {
            status: 'sent',
            sentAt: new Date(),
            lastError: null,
            textBody: SENT_BODY_MARKER,
            htmlBody: SENT_BODY_MARKER,
          },
        );
        return;
      } catch (error) {
        const delay = BOOKKEEPING_RETRY_DELAYS_MS[attempt];
        if (delay === undefined) {
          this.logger.error({
            msg: 'Email sent but not recorded; the sweeper will send it again with the same Message-ID',
            emailId,
            error: String(error),
          });
          return;
        }
        this.logger.warn({ msg: 'Email sent; recording it failed, retrying', emailId, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async recordFailure(email: OutboxEmail, error: unknown): Promise<void> {
    const giveUp = email.attempts >= MAX_DELIVERY_ATTEMPTS;
    const delay = Math.min(BACKOFF_BASE_MS * 2 ** (email.attempts - 1), BACKOFF_MAX_MS);
    try {
      await this.db.getRepository(OutboxEmail).update(
        { id: email.id },
        {
          status: giveUp ? 'failed' : 'pending',
          nextAttemptAt: new Date(Date.now() + delay),
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
        },
      );
    } catch (bookkeeping) {
      // The row stays claimed; the sweeper retries it once the claim is stale. Nothing was sent.
      this.logger.warn({ msg: 'Could not record a failed delivery', emailId: email.id, error: String(bookkeeping) });
    }
    this.logger.warn({
      msg: giveUp ? 'Email delivery failed for good' : 'Email delivery failed; will retry',
      emailId: email.id,
      attempt: email.attempts,
    });
  }

  /** Verifies the SMTP connection, for the readiness check. */
  async verify(): Promise<boolean> {
    return this.transporter ? this.transporter.verify() : true;
  }
}

/** The domain of MAIL_FROM's address, or APP_URL's host when the address has none. */
export function messageIdDomainOf(fromAddress: string, appUrl: string): string {
  const at = fromAddress.lastIndexOf('@');
  const domain = at >= 0 ? fromAddress.slice(at + 1).trim() : '';
  return /^[A-Za-z0-9.-]+$/.test(domain) ? domain.toLowerCase() : new URL(appUrl).hostname;
}

/** The address of a From value such as `Atrium <no-reply@example.com>` (or a bare address). */
export function addressOf(from: string): string {
  const [parsed] = addressparser(from, { flatten: true });
  return parsed?.address || from.trim();
}
