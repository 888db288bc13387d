import { Injectable } from '@nestjs/common';
import { OPEN_INVOICE_STATUSES, WEB_PATHS } from '@atrium/shared';
import type { EntityManager } from 'typeorm';
import { brandedActionEmail, type EmailMessage } from '../../../core/mail/mail-templates';
import { MailService, type OutgoingEmail } from '../../../core/mail/mail.service';
import { TenantTransaction } from '../../../core/tenancy/tenant-data';
import { agencyScope } from '../../../core/tenancy/tenant-scope';
import { withToken } from '../../auth/auth-emails';
import { OneTimeTokenService } from '../../auth/one-time-token.service';
import { BrandingService } from '../../branding/branding.service';
import type { InvoicePayment } from '../entities/invoice-payment.entity';
import { Invoice } from '../entities/invoice.entity';
import {
  invoiceSentEmail,
  receiptEmail,
  reminderEmail,
  reminderTiming,
  type EmailReader,
  type InvoiceFacts,
} from './invoice-emails';
import { invoiceRecipients } from './invoice-recipients';

/** The portal page of one invoice, where every billing email leads. */
export function portalInvoicePath(invoiceId: string): string {
  return `${WEB_PATHS.portalBilling}/invoices/${invoiceId}`;
}

/**
 * The billing emails, in the agency's brand, written into the outbox in the caller's transaction
 * (`manager`), so an email is queued exactly when what it tells of commits. They go to the
 * client's admins who hold billing.manage — each with a one-click sign-in that opens the invoice
 * in the portal (an `invoice_link`, good for 7 days) — and to the billing profile's email, which
 * gets the same summary and a link to sign in.
 *
 * Each method returns the ids of the queued emails: hand them to `MailService.dispatch` after the
 * transaction commits (else the outbox sweeper sends them on its next round).
 */
@Injectable()
export class InvoiceMailer {
  constructor(
    private readonly mail: MailService,
    private readonly tokens: OneTimeTokenService,
    private readonly branding: BrandingService,
  ) {}

  /** "Invoice INV-0001 from <agency>": amount, due date, a one-click link to it in the portal. */
  async invoiceSent(manager: EntityManager, invoice: Invoice): Promise<string[]> {
    return this.send(manager, invoice, (facts, reader) => invoiceSentEmail(facts, reader));
  }

  /** A reminder before or after the due date (`offsetKey` like before:3, after:7, manual:<time>). */
  async reminder(manager: EntityManager, invoice: Invoice, offsetKey: string): Promise<string[]> {
    const today = new Date().toISOString().slice(0, 10);
    return this.send(
      manager,
      invoice,
      (facts, reader) => reminderEmail(facts, reminderTiming(offsetKey, facts.dueDate, today), reader),
      true,
    );
  }

  /** A receipt for a payment (any method), with the balance left. */
  async receipt(manager: EntityManager, invoice: Invoice, payment: InvoicePayment): Promise<string[]> {
    return this.send(manager, invoice, (facts, reader) =>
      receiptEmail(facts, { amount: payment.amount, method: payment.method, paidOn: payment.paidOn }, reader),
    );
  }

  private async send(
    manager: EntityManager,
    given: Invoice,
    write: (facts: InvoiceFacts, reader: EmailReader) => EmailMessage,
    /** Reminders: only while a balance is open (paid or void in the meantime: none). */
    onlyOpen = false,
  ): Promise<string[]> {
    const tx = new TenantTransaction(manager);
    // The row as this transaction sees it: the caller's changes (number, payment) included.
    const invoice = (await tx.findOwnedOrNull(agencyScope(given.agencyId), Invoice, given.id)) ?? given;
    if (invoice.status === 'draft' || (onlyOpen && !OPEN_INVOICE_STATUSES.includes(invoice.status))) return [];
    const recipients = await invoiceRecipients(tx, invoice);
    if (!recipients || (recipients.users.length === 0 && !recipients.billingContact)) return [];
    const facts: InvoiceFacts = {
      agencyName: recipients.agency.name,
      number: invoice.number,
      currency: invoice.currency,
      status: invoice.status,
      total: invoice.total,
      amountPaid: invoice.amountPaid,
      dueDate: invoice.dueDate,
    };
    const brand = await this.branding.brandForEmails(invoice.agencyId);
    const returnUrl = encodeURIComponent(portalInvoicePath(invoice.id));
    const tokens = await this.tokens.issueMany(
      tx,
      recipients.users.map((user) => ({ userId: user.id, email: user.email })),
      'invoice_link',
    );
    const emails: OutgoingEmail[] = recipients.users.map((user, index) => {
      const message = write(facts, { kind: 'user', name: user.name });
      const url = `${brand.portalUrl}${withToken(WEB_PATHS.magicLink, tokens[index])}&returnUrl=${returnUrl}`;
      return {
        to: user.email,
        agencyId: invoice.agencyId,
        ...brandedActionEmail(brand, { ...message, action: { label: message.action.label, url } }),
      };
    });
    if (recipients.billingContact) {
      const message = write(facts, { kind: 'billing_contact' });
      const url = `${brand.portalUrl}${WEB_PATHS.login}?returnUrl=${returnUrl}`;
      emails.push({
        to: recipients.billingContact,
        agencyId: invoice.agencyId,
        ...brandedActionEmail(brand, {
          ...message,
          action: { label: `Sign in to ${message.action.label.toLowerCase()}`, url },
        }),
      });
    }
    return this.mail.queueMany(tx, emails);
  }
}
