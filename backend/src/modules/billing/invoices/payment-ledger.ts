import { Injectable } from '@nestjs/common';
import type { PaymentMethod, PaymentProviderName } from '@atrium/shared';
import type { EntityManager } from 'typeorm';
import type { InvoicePayment } from '../entities/invoice-payment.entity';

export interface PaymentToRecord {
  agencyId: string;
  invoiceId: string;
  /** Minor units, in `currency`. */
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
}

export type RecordPaymentOutcome =
  | { kind: 'recorded'; payment: InvoicePayment }
  /** The provider payment was recorded before (redelivery, race): nothing changed. */
  | { kind: 'duplicate' }
  /** More than the balance, wrong currency, or the invoice is not open (draft, paid, void). */
  | { kind: 'refused'; reason: 'exceeds_balance' | 'currency_mismatch' | 'not_open' | 'not_found' };

/**
 * The one place a payment is applied to an invoice: under the invoice's row lock, it checks the
 * invoice is open, the currency matches and the amount fits the balance, inserts the payment,
 * updates amountPaid and the status (partially_paid / paid), audits it and queues the receipt —
 * all in the caller's transaction `manager`, so a webhook's dedup row commits with it or not at all.
 */
@Injectable()
export class PaymentLedger {
  async record(manager: EntityManager, payment: PaymentToRecord): Promise<RecordPaymentOutcome> {
    void manager;
    void payment;
    throw new Error('PaymentLedger.record is being built (issue 17)');
  }
}
