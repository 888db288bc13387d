import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  formatMoney,
  type InvoiceIssuer,
  type InvoiceView,
  type RecordPaymentRequest,
  type VoidInvoiceRequest,
} from '@atrium/shared';
import { Like } from 'typeorm';
import { AuditService } from '../../../core/audit/audit.service';
import type { AgencyContext } from '../../../core/auth/request-context';
import { MailService } from '../../../core/mail/mail.service';
import { TooManyRequestsException } from '../../../core/rate-limit/rate-limiter';
import { managerOf, TenantData, type TenantTransaction } from '../../../core/tenancy/tenant-data';
import { agencyScope, type Actor } from '../../../core/tenancy/tenant-scope';
import { InvoiceMailer } from '../documents/invoice-mailer';
import { BillingSettings } from '../entities/billing-settings.entity';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { InvoiceReminder } from '../entities/invoice-reminder.entity';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceDraftsService } from './invoice-drafts.service';
import { InvoicePartiesService } from './invoice-parties.service';
import { findInvoice } from './invoice-records';
import { invoiceNumber, isOpen } from './invoice-rules';
import { PaymentLedger } from './payment-ledger';
import { WriteQueue } from './write-queue';
import { BillingSettingsService } from './settings/billing-settings.service';

/** A manual reminder for one invoice at most this often (the client's inbox is not a megaphone). */
export const MANUAL_REMINDER_EVERY_MS = 60 * 60 * 1000;

/**
 * An invoice's life once drafted: send (numbered under the settings row's lock), void, payments
 * recorded by hand (through the PaymentLedger), reminders sent by hand.
 */
@Injectable()
export class InvoiceLifecycleService {
  constructor(
    private readonly tenant: TenantData,
    private readonly settings: BillingSettingsService,
    private readonly parties: InvoicePartiesService,
    private readonly drafts: InvoiceDraftsService,
    private readonly ledger: PaymentLedger,
    private readonly mailer: InvoiceMailer,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly queue: WriteQueue,
  ) {}

  async send(actor: Actor, invoiceId: string): Promise<InvoiceView> {
    const scope = actor.scope;
    await findInvoice(this.tenant, scope, invoiceId); // 404 before anything is made for the agency
    await this.settings.ensure(agencyScope(scope.agencyId));
    const issuer = await this.parties.issuer(scope.agencyId);
    const emailIds = await this.numbering(scope.agencyId, () =>
      this.tenant.transaction(async (tx) => {
        const invoice = await findInvoice(tx, scope, invoiceId, { lock: 'update' });
        return (await this.sendLocked(tx, actor, invoice, issuer)).emailIds;
      }),
    );
    await this.mail.dispatch(emailIds);
    return this.drafts.view(scope, invoiceId);
  }

  /**
   * Runs `work` — a transaction that takes the agency's next number — after the agency's other
   * such transactions of this process (see WriteQueue); across instances they queue on the lock.
   */
  numbering<T>(agencyId: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(`numbering:${agencyId}`, work);
  }

  /**
   * Sends a draft the caller has locked (or just made) in `tx`: takes the agency's next number
   * under the settings row's lock — so concurrent sends queue there and numbers are gapless —,
   * freezes who it is made out to and from, marks it sent and queues its email, all in `tx`.
   * The settings row must exist before the transaction (BillingSettingsService.ensure), and the
   * issuer is read before it too (InvoicePartiesService.issuer), so that nothing here needs a
   * second connection. Also used by the recurring issuer; run it inside `numbering`.
   */
  async sendLocked(
    tx: TenantTransaction,
    actor: Actor,
    invoice: Invoice,
    issuer: InvoiceIssuer,
    now = new Date(),
  ): Promise<{ invoice: Invoice; emailIds: string[] }> {
    const scope = agencyScope(invoice.agencyId);
    if (invoice.status !== 'draft') throw new ConflictException('This invoice was sent already.');
    const lines = await tx.countOwned(scope, InvoiceLine, { invoiceId: invoice.id });
    if (lines === 0 || invoice.total <= 0) {
      throw new ConflictException('An invoice needs at least one line and a total above zero to be sent.');
    }
    await tx.liveClient(scope, invoice.clientId);
    const billTo = await this.parties.billTo(invoice, tx);
    const settings = await this.settings.locked(tx, scope);
    const seq = settings.nextNumber;
    await tx.updateOwned(scope, BillingSettings, { id: settings.id }, { nextNumber: seq + 1, updatedAt: now });
    const patch = {
      status: 'sent' as const,
      numberSeq: seq,
      number: invoiceNumber(settings.numberPrefix, seq),
      billTo: JSON.stringify(billTo),
      issuer: JSON.stringify(issuer),
      sentAt: now,
      updatedAt: now,
    };
    const changed = await tx.updateOwned(scope, Invoice, { id: invoice.id, status: 'draft' }, patch);
    if (changed !== 1) throw new ConflictException('This invoice was sent already.');
    Object.assign(invoice, patch);
    await this.audit.recordFor(
      actor,
      {
        action: 'invoice.sent',
        targetType: 'invoice',
        targetId: invoice.id,
        details: { number: invoice.number, total: invoice.total, currency: invoice.currency },
      },
      tx,
    );
    const emailIds = await this.mailer.invoiceSent(managerOf(tx), invoice);
    return { invoice, emailIds };
  }

  async void(actor: Actor, invoiceId: string, input: VoidInvoiceRequest): Promise<InvoiceView> {
    const scope = actor.scope;
    await this.tenant.transaction(async (tx) => {
      const invoice = await findInvoice(tx, scope, invoiceId, { lock: 'update' });
      if (!isOpen(invoice.status)) {
        throw new ConflictException(
          invoice.status === 'draft'
            ? 'A draft is deleted, not voided.'
            : 'Only an open invoice (sent, viewed or partially paid) can be voided.',
        );
      }
      const now = new Date();
      await tx.updateOwned(
        scope,
        Invoice,
        { id: invoiceId },
        { status: 'void', voidedAt: now, voidReason: input.reason, updatedAt: now },
      );
      await this.audit.recordFor(
        actor,
        {
          action: 'invoice.voided',
          targetType: 'invoice',
          targetId: invoiceId,
          details: { number: invoice.number, reason: input.reason, amountPaid: invoice.amountPaid },
        },
        tx,
      );
    });
    return this.drafts.view(scope, invoiceId);
  }

  /** A payment received outside the app (bank transfer, cash…), through the ledger like any other. */
  async recordPayment(ctx: AgencyContext, invoiceId: string, input: RecordPaymentRequest): Promise<InvoiceView> {
    const scope = ctx.scope;
    const invoice = await findInvoice(this.tenant, scope, invoiceId);
    // One invoice's payments queue here first (see WriteQueue), then on the invoice's row lock.
    const outcome = await this.queue.run(`payments:${invoice.id}`, () =>
      this.tenant.transaction((tx) =>
        this.ledger.record(managerOf(tx), {
          agencyId: scope.agencyId,
          invoiceId: invoice.id,
          amount: input.amount,
          currency: invoice.currency,
          method: input.method,
          paidOn: input.paidOn,
          reference: input.reference.trim(),
          recordedBy: { userId: ctx.userId, name: ctx.profile.name },
          requestMeta: { ip: ctx.ip, userAgent: ctx.userAgent },
        }),
      ),
    );
    switch (outcome.kind) {
      case 'recorded':
        await this.mail.dispatch(outcome.emailIds);
        break;
      case 'duplicate':
        break;
      case 'refused':
        switch (outcome.reason) {
          case 'not_found':
            throw new NotFoundException('Invoice not found');
          case 'not_open':
            throw new ConflictException(
              'Payments can only be recorded on an open invoice (sent, viewed or partially paid).',
            );
          case 'exceeds_balance': {
            const current = await findInvoice(this.tenant, scope, invoiceId);
            throw new ConflictException(
              `The payment (${formatMoney(input.amount, current.currency)}) is larger than the balance left (${formatMoney(current.total - current.amountPaid, current.currency)}).`,
            );
          }
          case 'currency_mismatch':
            throw new ConflictException(`Payments on this invoice are in ${invoice.currency}.`);
        }
    }
    return this.drafts.view(scope, invoiceId);
  }

  /** Emails the client a reminder now (open invoices with a balance; once an hour at most). */
  async remind(actor: Actor, invoiceId: string, now = new Date()): Promise<void> {
    const scope = actor.scope;
    const emailIds = await this.tenant.transaction(async (tx) => {
      const invoice = await findInvoice(tx, scope, invoiceId, { lock: 'update' });
      if (!isOpen(invoice.status) || invoice.total - invoice.amountPaid <= 0) {
        throw new ConflictException('Only an open invoice with a balance left can be reminded about.');
      }
      const recent = await tx.findOneOwned(scope, InvoiceReminder, {
        where: { invoiceId, offsetKey: Like('manual:%') },
        order: { createdAt: 'DESC' },
      });
      const since = recent ? now.getTime() - recent.createdAt.getTime() : Infinity;
      if (since < MANUAL_REMINDER_EVERY_MS) {
        throw new TooManyRequestsException((MANUAL_REMINDER_EVERY_MS - since) / 1000);
      }
      const offsetKey = `manual:${now.toISOString()}`;
      await tx.insertOwned(scope, InvoiceReminder, {
        agencyId: invoice.agencyId,
        clientId: invoice.clientId,
        invoiceId,
        offsetKey,
        createdAt: now,
      });
      await this.audit.recordFor(
        actor,
        { action: 'invoice.reminded', targetType: 'invoice', targetId: invoiceId, details: { offsetKey } },
        tx,
      );
      return this.mailer.reminder(managerOf(tx), invoice, offsetKey);
    });
    await this.mail.dispatch(emailIds);
  }
}
