import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OPEN_INVOICE_STATUSES, REMINDER_DAYS_MAX } from '@atrium/shared';
import { Between, In, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../../../config/app-config';
import { APP_CONFIG } from '../../../../config/config.module';
import { isUniqueViolation } from '../../../../core/database/errors';
import { MailService } from '../../../../core/mail/mail.service';
import { LeaseService } from '../../../../core/scheduling/lease.service';
import { managerOf, TenantData } from '../../../../core/tenancy/tenant-data';
import { agencyScope } from '../../../../core/tenancy/tenant-scope';
import { InvoiceMailer } from '../../documents/invoice-mailer';
import { BillingSettings, Invoice, InvoiceReminder } from '../billing-tables';
import { findInvoice } from '../invoice-records';
import { addDays, calendarDay, isOpen } from '../invoice-rules';
import {
  DEFAULT_REMINDER_OFFSETS,
  dueReminderKeys,
  parseOffsets,
  REMINDER_GRACE_DAYS,
  type ReminderOffsets,
} from './reminder-rules';

export const REMINDER_POLL_MS = 10 * 60 * 1000;
const BATCH = 500;
/** Pages of candidates per pass (the next pass takes the rest). */
const MAX_PAGES = 20;

/**
 * Sends the scheduled reminders of open invoices (before and after their due date, as the agency's
 * settings say). Each reminder is one transaction under the invoice's lock: the InvoiceReminder
 * row (unique per invoice and offset: single-fire across instances and passes) and its email
 * commit together. Paid and void invoices get none: the status is checked again under the lock.
 */
@Injectable()
export class InvoiceReminders implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InvoiceReminders.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly leases: LeaseService,
    private readonly mailer: InvoiceMailer,
    private readonly mail: MailService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    this.timer = setInterval(() => void this.tick(), REMINDER_POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(now = new Date()): Promise<void> {
    if (!(await this.leases.tryAcquire('billing-reminders', REMINDER_POLL_MS - 1000).catch(() => false))) return;
    try {
      const sent = await this.sendDue(now);
      if (sent > 0) this.logger.log({ msg: 'Invoice reminders sent', count: sent });
    } catch (error) {
      this.logger.error({ msg: 'The invoice reminders pass failed', error: String(error) });
    }
  }

  /** Sends the reminders whose day has come on `now`'s day. Returns how many this call sent. */
  async sendDue(now = new Date()): Promise<number> {
    const today = calendarDay(now);
    const db = this.tenant.unscoped(
      'invoice reminders: open invoices of every agency near their due date; each is then reminded in its scope',
    );
    let sent = 0;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      // Only invoices whose due date is within reach of some offset (each offset is at most 90 days).
      const candidates = await db.getRepository(Invoice).find({
        select: {
          id: true,
          agencyId: true,
          clientId: true,
          dueDate: true,
          sentAt: true,
          total: true,
          amountPaid: true,
        },
        where: {
          status: In([...OPEN_INVOICE_STATUSES]),
          dueDate: Between(
            addDays(today, -(REMINDER_DAYS_MAX + REMINDER_GRACE_DAYS)),
            addDays(today, REMINDER_DAYS_MAX),
          ),
        },
        order: { dueDate: 'ASC', id: 'ASC' },
        skip: page * BATCH,
        take: BATCH,
      });
      sent += await this.sendPage(db, candidates, today, now);
      if (candidates.length < BATCH) break;
    }
    return sent;
  }

  private async sendPage(db: EntityManager, candidates: Invoice[], today: string, now: Date): Promise<number> {
    const open = candidates.filter((invoice) => invoice.total > invoice.amountPaid && invoice.sentAt);
    if (open.length === 0) return 0;
    const agencies = [...new Set(open.map((invoice) => invoice.agencyId))];
    const settings = await db.getRepository(BillingSettings).find({ where: { agencyId: In(agencies) } });
    const offsets = new Map<string, ReminderOffsets>(
      settings.map((row) => [
        row.agencyId,
        { before: parseOffsets(row.remindDaysBefore), after: parseOffsets(row.remindDaysAfter) },
      ]),
    );
    const sentBefore = await db.getRepository(InvoiceReminder).find({
      select: { invoiceId: true, offsetKey: true },
      where: { invoiceId: In(open.map((invoice) => invoice.id)) },
    });
    const already = new Set(sentBefore.map((row) => `${row.invoiceId} ${row.offsetKey}`));

    let sent = 0;
    for (const invoice of open) {
      const keys = dueReminderKeys(
        offsets.get(invoice.agencyId) ?? DEFAULT_REMINDER_OFFSETS,
        invoice.dueDate,
        calendarDay(invoice.sentAt as Date),
        today,
      ).filter((key) => !already.has(`${invoice.id} ${key}`));
      // Several due at once (a pass missed): the latest one alone tells the client what matters.
      const key = keys[keys.length - 1];
      if (!key) continue;
      try {
        sent += await this.remind(invoice.agencyId, invoice.id, key, keys, now);
      } catch (error) {
        if (error instanceof AlreadyReminded) continue;
        this.logger.error({ msg: 'An invoice reminder failed', invoiceId: invoice.id, error: String(error) });
      }
    }
    return sent;
  }

  /** Records `keys` as done and emails the reminder `key`, once, under the invoice's lock. */
  private async remind(agencyId: string, invoiceId: string, key: string, keys: string[], now: Date): Promise<number> {
    const scope = agencyScope(agencyId);
    const emailIds = await this.tenant.transaction(async (tx) => {
      const invoice = await findInvoice(tx, scope, invoiceId, { lock: 'update' });
      if (!isOpen(invoice.status) || invoice.total - invoice.amountPaid <= 0) return null;
      const done = await tx.countOwned(scope, InvoiceReminder, { invoiceId, offsetKey: In(keys) });
      if (done > 0) return null; // another pass (or instance) got here first
      try {
        for (const offsetKey of keys) {
          await tx.insertOwned(scope, InvoiceReminder, {
            agencyId,
            clientId: invoice.clientId,
            invoiceId,
            offsetKey,
            createdAt: now,
          });
        }
      } catch (error) {
        // Rolls the whole transaction back: none of `keys` is recorded by this pass.
        if (isUniqueViolation(error)) throw new AlreadyReminded();
        throw error;
      }
      return this.mailer.reminder(managerOf(tx), invoice, key);
    });
    if (emailIds === null) return 0;
    await this.mail.dispatch(emailIds);
    return 1;
  }
}

/** Another pass or instance recorded one of the reminders first. */
class AlreadyReminded extends Error {}
