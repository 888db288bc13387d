import { formatMoney, type InvoiceView } from '@atrium/shared';
import { PAYMENT_METHOD_LABELS, formatDay } from './billing-wording';

export interface HistoryEntry {
  readonly id: string;
  readonly icon: string;
  readonly text: string;
  /** ISO date-time or YYYY-MM-DD, for sorting and showing. */
  readonly at: string;
  readonly dayOnly: boolean;
}

/** What happened to an invoice, oldest first: created, sent, viewed, each payment, voided. */
export function invoiceHistory(invoice: InvoiceView, audience: 'agency' | 'client' = 'agency'): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  if (audience === 'agency') {
    entries.push({ id: 'created', icon: 'edit_note', text: 'Draft created', at: invoice.createdAt, dayOnly: false });
  }
  if (invoice.sentAt) {
    entries.push({
      id: 'sent',
      icon: 'outgoing_mail',
      text: audience === 'agency' ? `Sent as ${invoice.number ?? 'an invoice'}` : 'Invoice sent to you',
      at: invoice.sentAt,
      dayOnly: false,
    });
  }
  if (invoice.viewedAt && audience === 'agency') {
    entries.push({
      id: 'viewed',
      icon: 'visibility',
      text: 'Viewed by the client',
      at: invoice.viewedAt,
      dayOnly: false,
    });
  }
  for (const payment of invoice.payments) {
    const by = audience === 'agency' && payment.recordedBy ? `, recorded by ${payment.recordedBy.name}` : '';
    const reference = payment.reference ? ` (${payment.reference})` : '';
    entries.push({
      id: `payment-${payment.id}`,
      icon: 'payments',
      text: `${formatMoney(payment.amount, payment.currency)} paid by ${PAYMENT_METHOD_LABELS[payment.method].toLowerCase()}${reference}${by}`,
      at: payment.paidOn,
      dayOnly: true,
    });
  }
  if (invoice.voidedAt) {
    entries.push({
      id: 'voided',
      icon: 'block',
      text: invoice.voidReason ? `Voided: ${invoice.voidReason}` : 'Voided',
      at: invoice.voidedAt,
      dayOnly: false,
    });
  }
  // Payments carry a day only: they sort at the start of that day, before what happened later on it.
  return entries.sort((a, b) => a.at.slice(0, 10).localeCompare(b.at.slice(0, 10)) || (a.dayOnly ? -1 : 0));
}

export function historyWhen(entry: HistoryEntry, full: (iso: string) => string): string {
  return entry.dayOnly ? formatDay(entry.at) : full(entry.at);
}
