import type { InvoiceBillTo, InvoiceIssuer, InvoicePaymentView, InvoiceSummaryView, InvoiceView } from '@atrium/shared';
import type { InvoicePayment } from '../entities/invoice-payment.entity';
import type { Invoice } from '../entities/invoice.entity';
import type { InvoiceRecord } from './invoice-records';
import { parseFrozen, parseTaxes } from './invoice-records';
import { balanceOf, discountOf, isOpen, isOverdue } from './invoice-rules';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function summaryView(invoice: Invoice, clientName: string, today: string): InvoiceSummaryView {
  return {
    id: invoice.id,
    clientId: invoice.clientId,
    clientName,
    number: invoice.number,
    status: invoice.status,
    overdue: isOverdue(invoice, today),
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    balance: balanceOf(invoice),
    sentAt: iso(invoice.sentAt),
    paidAt: iso(invoice.paidAt),
    recurringId: invoice.recurringId,
  };
}

export function paymentView(payment: InvoicePayment): InvoicePaymentView {
  return {
    id: payment.id,
    amount: payment.amount,
    currency: payment.currency,
    method: payment.method,
    paidOn: payment.paidOn,
    reference: payment.reference,
    recordedBy: payment.recordedByName !== null ? { id: payment.recordedByUserId, name: payment.recordedByName } : null,
    createdAt: payment.createdAt.toISOString(),
  };
}

/** What a draft would be made out to and from, were it sent now (sent invoices carry their own). */
export interface InvoiceParties {
  billTo: InvoiceBillTo;
  issuer: InvoiceIssuer;
}

export function invoiceView(
  record: InvoiceRecord,
  preview: InvoiceParties | null,
  options: { today: string; onlinePayments: boolean },
): InvoiceView {
  const { invoice, lines, payments, clientName } = record;
  const billTo = parseFrozen<InvoiceBillTo>(invoice.billTo) ??
    preview?.billTo ?? {
      name: clientName,
      email: '',
      address: { line1: '', line2: '', city: '', postalCode: '', region: '', country: '' },
      taxId: '',
    };
  const issuer = parseFrozen<InvoiceIssuer>(invoice.issuer) ??
    preview?.issuer ?? { name: '', logoUrl: null, primaryColor: null };
  return {
    ...summaryView(invoice, clientName, options.today),
    lines: lines.map((line) => ({
      id: line.id,
      description: line.description,
      quantity: line.quantityMilli / 1000,
      unitPrice: line.unitPrice,
      taxRate: line.taxRateMilli / 1000,
      amount: line.amount,
    })),
    discount: discountOf(invoice.discountKind, invoice.discountValue),
    subtotal: invoice.subtotal,
    discountTotal: invoice.discountTotal,
    taxes: parseTaxes(invoice.taxes),
    taxTotal: invoice.taxTotal,
    notes: invoice.notes,
    terms: invoice.terms,
    billTo,
    issuer,
    payments: payments.map(paymentView),
    viewedAt: iso(invoice.viewedAt),
    voidedAt: iso(invoice.voidedAt),
    voidReason: invoice.voidReason,
    payable: options.onlinePayments && isOpen(invoice.status) && balanceOf(invoice) > 0,
    createdAt: invoice.createdAt.toISOString(),
    updatedAt: invoice.updatedAt.toISOString(),
  };
}
