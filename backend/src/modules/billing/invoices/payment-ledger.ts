import { Injectable } from '@nestjs/common';
import { OPEN_INVOICE_STATUSES, type PaymentMethod, type PaymentProviderName } from '@atrium/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../../core/audit/audit.service';
import type { RequestMeta } from '../../../core/auth/request-context';
import { newId } from '../../../core/database/columns';
import { isUniqueViolation } from '../../../core/database/errors';
import { locksRows } from '../../../core/database/row-locks';
import { TenantTransaction } from '../../../core/tenancy/tenant-data';
import { agencyScope } from '../../../core/tenancy/tenant-scope';
import { InvoiceMailer } from '../documents/invoice-mailer';
import { InvoicePayment } from '../entities/invoice-payment.entity';
import { Invoice } from '../entities/invoice.entity';

export interface PaymentToRecord {
  agencyId: string;
  invoiceId: string;
  /** Minor units, in `currency`: a positive integer (callers validate; anything else throws). */
  amount: number;
  currency: string;
  method: PaymentMethod;
  /** YYYY-MM-DD */
  paidOn: string;
  reference: string;
  /** A person recording it by hand; null for a provider's payment. */
  recordedBy: { userId: string; name: string } | null;
  /** A provider's payment: recorded at most once per (provider, providerPaymentId). */
  provider?: { name: PaymentProviderName; paymentId: string };
  /** Where the request came from, for the audit log (optional; webhooks may leave it out). */
  requestMeta?: RequestMeta;
}

export type RecordPaymentOutcome =
  /**
   * `invoice` as updated; `emailIds`: the receipt emails queued in the caller's transaction — hand
   * them to `MailService.dispatch` once it commits (else the outbox sweeper sends them later).
   */
  | { kind: 'recorded'; payment: InvoicePayment; invoice: Invoice; emailIds: string[] }
  /** The provider payment was recorded before (redelivery, race): nothing changed. */
  | { kind: 'duplicate' }
  /** More than the balance, wrong currency, or the invoice is not open (draft, paid, void). */
  | { kind: 'refused'; reason: 'exceeds_balance' | 'currency_mismatch' | 'not_open' | 'not_found' };

/**
 * The one place a payment is applied to an invoice: under the invoice's row lock, it checks the
 * invoice is open, the currency matches and the amount fits the balance, inserts the payment,
 * updates amountPaid and the status (partially_paid / paid), audits it and queues the receipt —
 * all in the caller's transaction `manager`, so a webhook's dedup row commits with it or not at all.
 *
 * Callers must pass a manager inside a transaction (`tenant.transaction(tx => ledger.record(tx.manager, …))`):
 * the lock is held until that transaction ends, which is what keeps two racing payments from both
 * fitting the same balance.
 */
@Injectable()
export class PaymentLedger {
  constructor(
    private readonly audit: AuditService,
    private readonly mailer: InvoiceMailer,
  ) {}

  async record(manager: EntityManager, payment: PaymentToRecord): Promise<RecordPaymentOutcome> {
    if (!Number.isSafeInteger(payment.amount) || payment.amount <= 0) {
      throw new RangeError('A payment amount is a positive integer of minor units');
    }
    const tx = new TenantTransaction(manager);
    const scope = agencyScope(payment.agencyId);
    // The lock serialises every payment of this invoice (MariaDB); SQLite serialises writers anyway.
    const invoice = await tx.findOwnedOrNull(scope, Invoice, payment.invoiceId, { lock: 'update' });
    if (!invoice) return { kind: 'refused', reason: 'not_found' };

    // Checked before the open/balance rules: a redelivered webhook for a payment that made the
    // invoice paid is a duplicate, not a refusal.
    if (payment.provider && (await this.alreadyRecorded(manager, tx, payment.provider))) return { kind: 'duplicate' };
    if (!OPEN_INVOICE_STATUSES.includes(invoice.status)) return { kind: 'refused', reason: 'not_open' };
    if (payment.currency !== invoice.currency) return { kind: 'refused', reason: 'currency_mismatch' };
    const balance = invoice.total - invoice.amountPaid;
    if (payment.amount > balance) return { kind: 'refused', reason: 'exceeds_balance' };

    const row = manager.getRepository(InvoicePayment).create({
      id: newId(),
      createdAt: new Date(),
      agencyId: invoice.agencyId,
      clientId: invoice.clientId,
      invoiceId: invoice.id,
      amount: payment.amount,
      currency: invoice.currency,
      method: payment.method,
      paidOn: payment.paidOn,
      reference: payment.reference,
      recordedByUserId: payment.recordedBy?.userId ?? null,
      recordedByName: payment.recordedBy?.name ?? null,
      provider: payment.provider?.name ?? null,
      providerPaymentId: payment.provider?.paymentId ?? null,
    });
    try {
      // A plain INSERT: on MariaDB and SQLite a unique violation fails this statement only, so the
      // caller's transaction stays usable (its dedup row, if any, is then rolled back by the caller).
      await manager.createQueryBuilder().insert().into(InvoicePayment).values(row).updateEntity(false).execute();
    } catch (error) {
      if (payment.provider && isUniqueViolation(error)) return { kind: 'duplicate' };
      throw error;
    }

    const now = new Date();
    const amountPaid = invoice.amountPaid + payment.amount;
    const paid = amountPaid >= invoice.total;
    invoice.amountPaid = amountPaid;
    invoice.status = paid ? 'paid' : 'partially_paid';
    invoice.paidAt = paid ? now : null;
    invoice.updatedAt = now;
    await tx.updateOwned(
      scope,
      Invoice,
      { id: invoice.id },
      { amountPaid, status: invoice.status, paidAt: invoice.paidAt, updatedAt: now },
    );
    await this.audit.record(
      {
        action: 'invoice.payment_recorded',
        agencyId: invoice.agencyId,
        actorUserId: payment.recordedBy?.userId ?? null,
        targetType: 'invoice',
        targetId: invoice.id,
        meta: payment.requestMeta,
        details: {
          paymentId: row.id,
          amount: payment.amount,
          currency: invoice.currency,
          method: payment.method,
          provider: payment.provider?.name ?? null,
          status: invoice.status,
        },
      },
      manager,
    );
    const emailIds = await this.mailer.receipt(manager, invoice, row);
    return { kind: 'recorded', payment: row, invoice, emailIds };
  }

  private async alreadyRecorded(
    manager: EntityManager,
    tx: TenantTransaction,
    provider: { name: PaymentProviderName; paymentId: string },
  ): Promise<boolean> {
    // (provider, providerPaymentId) is globally unique, so this lookup is deliberately not scoped.
    // A locking read on MariaDB: a plain read would see this transaction's snapshot, taken before a
    // concurrent webhook committed the same payment, and the invoice (read under its lock) would
    // then look paid by "someone else" and the payment be refused instead of recognised.
    const existing = await tx
      .unscoped('provider payment ids are unique across agencies; the dedup check must see them all')
      .getRepository(InvoicePayment)
      .findOne({
        select: { id: true },
        where: { provider: provider.name, providerPaymentId: provider.paymentId },
        ...(locksRows(manager) ? { lock: { mode: 'pessimistic_read' as const } } : {}),
      });
    return existing !== null;
  }
}
