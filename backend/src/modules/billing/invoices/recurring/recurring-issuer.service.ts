import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IsNull, LessThanOrEqual } from 'typeorm';
import type { AppConfig } from '../../../../config/app-config';
import { APP_CONFIG } from '../../../../config/config.module';
import { MailService } from '../../../../core/mail/mail.service';
import { LeaseService } from '../../../../core/scheduling/lease.service';
import { Client } from '../../../../core/tenancy/entities/client.entity';
import { TenantData } from '../../../../core/tenancy/tenant-data';
import { agencyScope, systemActor } from '../../../../core/tenancy/tenant-scope';
import { RecurringInvoice } from '../billing-tables';
import { insertInvoice } from '../invoice-drafts.service';
import { InvoiceLifecycleService } from '../invoice-lifecycle.service';
import { InvoicePartiesService } from '../invoice-parties.service';
import { addDays, calendarDay, occurrenceDate } from '../invoice-rules';
import { BillingSettingsService } from '../settings/billing-settings.service';
import { scheduleAfter, templateOf } from './recurring-invoices.service';

/** How often the issuer looks for due occurrences (dates are days: a few minutes late is on time). */
export const RECURRING_POLL_MS = 5 * 60 * 1000;
/** Templates handled per pass, and occurrences issued per template per pass (catching up after downtime). */
const BATCH = 200;
const CATCH_UP_PER_PASS = 12;

/**
 * Issues the occurrences of recurring invoices that are due. Each occurrence is one transaction:
 * claim it with a conditional update (`WHERE occurrence = n AND status = 'active'`: only one
 * instance's update matches), create the invoice from the template and send it (number and email)
 * with the same code as a send by hand. A failure rolls the claim back, so the next pass retries.
 */
@Injectable()
export class RecurringIssuer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecurringIssuer.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly leases: LeaseService,
    private readonly settings: BillingSettingsService,
    private readonly lifecycle: InvoiceLifecycleService,
    private readonly parties: InvoicePartiesService,
    private readonly mail: MailService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    this.timer = setInterval(() => void this.tick(), RECURRING_POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(now = new Date()): Promise<void> {
    if (!(await this.leases.tryAcquire('billing-recurring', RECURRING_POLL_MS - 1000).catch(() => false))) return;
    try {
      const issued = await this.issueDue(now);
      if (issued > 0) this.logger.log({ msg: 'Recurring invoices issued', count: issued });
    } catch (error) {
      this.logger.error({ msg: 'The recurring invoices pass failed', error: String(error) });
    }
  }

  /** Issues every occurrence due on `now`'s day. Returns how many invoices this call issued. */
  async issueDue(now = new Date()): Promise<number> {
    const today = calendarDay(now);
    const due = await this.tenant
      .unscoped('recurring invoices: due templates of every agency; each is then issued in its own agency scope')
      .getRepository(RecurringInvoice)
      .find({
        where: { status: 'active', nextIssueOn: LessThanOrEqual(today) },
        order: { nextIssueOn: 'ASC' },
        take: BATCH,
      });
    let issued = 0;
    for (const template of due) {
      try {
        issued += await this.catchUp(template, today, now);
      } catch (error) {
        // One template's failure (its client's email, a deadlock retried out) must not hold back the rest.
        this.logger.error({
          msg: 'A recurring invoice failed to issue',
          recurringId: template.id,
          error: String(error),
        });
      }
    }
    return issued;
  }

  private async catchUp(first: RecurringInvoice, today: string, now: Date): Promise<number> {
    let row: RecurringInvoice | null = first;
    let issued = 0;
    for (let pass = 0; row && pass < CATCH_UP_PER_PASS; pass += 1) {
      if (row.status !== 'active' || row.nextIssueOn === null || row.nextIssueOn > today) break;
      const outcome = await this.issueOccurrence(row, now);
      if (typeof outcome !== 'string') await this.mail.dispatch(outcome.emailIds);
      if (outcome === 'lost') break;
      if (typeof outcome !== 'string') issued += 1;
      row = await this.tenant.findOwnedOrNull(agencyScope(row.agencyId), RecurringInvoice, row.id);
    }
    return issued;
  }

  /**
   * Occurrence `row.occurrence` of `row`, in one transaction. 'lost': another instance (or pass)
   * claimed it first; 'ended': the client is gone, so the schedule ends instead.
   */
  async issueOccurrence(
    row: RecurringInvoice,
    now = new Date(),
  ): Promise<{ invoiceId: string; emailIds: string[] } | 'lost' | 'ended'> {
    const scope = agencyScope(row.agencyId);
    await this.settings.ensure(scope);
    const issuer = await this.parties.issuer(row.agencyId);
    return this.lifecycle.numbering(row.agencyId, () =>
      this.tenant.transaction(async (tx) => {
        const n = row.occurrence;
        const issueDate = occurrenceDate(row.startsOn, row.interval, n);
        const client = await tx.findOwnedOrNull(scope, Client, row.clientId, { where: { deletedAt: IsNull() } });
        const after = scheduleAfter(row, n + 1);
        const claimed = await tx.updateOwned(
          scope,
          RecurringInvoice,
          { id: row.id, occurrence: n, status: 'active' },
          {
            occurrence: n + 1,
            nextIssueOn: client ? after.nextIssueOn : null,
            status: client && !after.ended ? 'active' : 'ended',
            ...(client ? { issuedCount: () => 'issuedCount + 1', lastIssuedAt: now } : {}),
            updatedAt: now,
          },
        );
        if (claimed !== 1) return 'lost';
        if (!client) return 'ended';
        const template = templateOf(row);
        const invoice = await insertInvoice(
          tx,
          scope,
          {
            agencyId: row.agencyId,
            clientId: row.clientId,
            issueDate,
            dueDate: addDays(issueDate, row.dueInDays),
            recurringId: row.id,
            createdByUserId: row.createdByUserId,
          },
          { currency: row.currency, ...template },
        );
        const sent = await this.lifecycle.sendLocked(tx, systemActor(scope), invoice, issuer, now);
        return { invoiceId: invoice.id, emailIds: sent.emailIds };
      }),
    );
  }
}
