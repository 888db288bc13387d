import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InvoicePayment } from '../entities/invoice-payment.entity';
import type { Invoice } from '../entities/invoice.entity';

/**
 * The billing emails (branded, through the outbox in the caller's transaction so an email is
 * queued exactly when what it tells of commits). Recipients: the client's admins who hold
 * billing.manage, plus the billing profile's email when set.
 */
@Injectable()
export class InvoiceMailer {
  /** "Invoice INV-0001 from <agency>": amount, due date, a one-click link to it in the portal. */
  async invoiceSent(manager: EntityManager, invoice: Invoice): Promise<void> {
    void manager;
    void invoice;
    throw new Error('InvoiceMailer is being built (issue 17)');
  }

  /** A reminder before or after the due date (`offsetKey` like before:3, after:7, manual:<time>). */
  async reminder(manager: EntityManager, invoice: Invoice, offsetKey: string): Promise<void> {
    void manager;
    void invoice;
    void offsetKey;
    throw new Error('InvoiceMailer is being built (issue 17)');
  }

  /** A receipt for a payment (any method), with the balance left. */
  async receipt(manager: EntityManager, invoice: Invoice, payment: InvoicePayment): Promise<void> {
    void manager;
    void invoice;
    void payment;
    throw new Error('InvoiceMailer is being built (issue 17)');
  }
}
