import { formatMoney, type InvoiceStatus, type PaymentMethod } from '@atrium/shared';
import type { EmailMessage } from '../../../core/mail/mail-templates';
import { balanceOf, calendarDate } from './invoice-document';

/**
 * The words of the billing emails, in plain language for clients. Pure: the mailer adds the
 * brand, the links and the outbox. Every amount is written with `formatMoney`, like the pages.
 */

/** What the emails say about an invoice. */
export interface InvoiceFacts {
  agencyName: string;
  number: string | null;
  currency: string;
  status: InvoiceStatus;
  total: number;
  amountPaid: number;
  /** YYYY-MM-DD */
  dueDate: string;
}

/** A portal user (one-click link) or the billing profile's address (a link to sign in). */
export type EmailReader = { kind: 'user'; name: string } | { kind: 'billing_contact' };

export interface PaymentFacts {
  amount: number;
  method: PaymentMethod;
  /** YYYY-MM-DD */
  paidOn: string;
}

/** When a reminder goes out, relative to the due date. */
export type ReminderTiming = { kind: 'before'; days: number } | { kind: 'after'; days: number } | { kind: 'today' };

const METHOD_NAMES: Record<PaymentMethod, string> = {
  bank_transfer: 'bank transfer',
  cash: 'cash',
  card: 'card',
  other: 'other',
  stripe: 'card, paid online',
  sandbox: 'online payment (test)',
};

export function invoiceSentEmail(invoice: InvoiceFacts, reader: EmailReader): EmailMessage {
  const money = moneyIn(invoice.currency);
  const name = invoiceName(invoice);
  return {
    subject: `${titleCase(name)} from ${invoice.agencyName}`,
    greeting: greetingFor(reader),
    paragraphs: [
      `${invoice.agencyName} sent you ${name} for ${money(invoice.total)}.`,
      `Amount due: ${money(balanceOf(invoice))}, by ${calendarDate(invoice.dueDate)}.`,
      'You can see the invoice, download it as a PDF and pay it in your portal.',
    ],
    action: { label: 'View and pay', url: '' },
    footer: footerFor(reader, invoice.agencyName),
  };
}

export function reminderEmail(invoice: InvoiceFacts, timing: ReminderTiming, reader: EmailReader): EmailMessage {
  const money = moneyIn(invoice.currency);
  const name = invoiceName(invoice);
  const due = calendarDate(invoice.dueDate);
  const when =
    timing.kind === 'before'
      ? `is due in ${days(timing.days)}, on ${due}`
      : timing.kind === 'after'
        ? `is ${days(timing.days)} overdue: it was due on ${due}`
        : `is due today, ${due}`;
  const subject =
    timing.kind === 'after'
      ? `Overdue: ${name} from ${invoice.agencyName}`
      : `Reminder: ${name} from ${invoice.agencyName} is due ${timing.kind === 'today' ? 'today' : `in ${days(timing.days)}`}`;
  return {
    subject,
    greeting: greetingFor(reader),
    paragraphs: [
      `A friendly reminder: ${name} from ${invoice.agencyName} ${when}.`,
      `Balance due: ${money(balanceOf(invoice))}${invoice.amountPaid > 0 ? ` (of ${money(invoice.total)}; ${money(invoice.amountPaid)} already paid)` : ''}.`,
      'If you have already paid, thank you, and please ignore this reminder.',
    ],
    action: { label: 'View and pay', url: '' },
    footer: footerFor(reader, invoice.agencyName),
  };
}

export function receiptEmail(invoice: InvoiceFacts, payment: PaymentFacts, reader: EmailReader): EmailMessage {
  const money = moneyIn(invoice.currency);
  const name = invoiceName(invoice);
  const balance = balanceOf(invoice);
  return {
    subject: `Receipt: ${money(payment.amount)} paid on ${name}`,
    greeting: greetingFor(reader),
    paragraphs: [
      `Thank you: ${invoice.agencyName} received your payment of ${money(payment.amount)} for ${name}.`,
      `Paid by ${METHOD_NAMES[payment.method]} on ${calendarDate(payment.paidOn)}.`,
      balance === 0
        ? 'Paid in full: nothing is left to pay on this invoice.'
        : `Balance left to pay: ${money(balance)}.`,
    ],
    action: { label: 'View the invoice', url: '' },
    footer: footerFor(reader, invoice.agencyName),
  };
}

/**
 * When a reminder goes out, from its key: `before:3`, `after:7`; a manual reminder
 * (`manual:<time>`) is placed by the days between `today` and the due date.
 */
export function reminderTiming(offsetKey: string, dueDate: string, today: string): ReminderTiming {
  const match = /^(before|after):(\d{1,4})$/.exec(offsetKey);
  if (match) {
    const count = Number(match[2]);
    if (count > 0) return { kind: match[1] as 'before' | 'after', days: count };
  }
  const difference = daysBetween(today, dueDate);
  if (difference === null || difference === 0) return { kind: 'today' };
  return difference > 0 ? { kind: 'before', days: difference } : { kind: 'after', days: -difference };
}

/** Whole days from `from` to `to` (both YYYY-MM-DD), or null when either is not a date. */
export function daysBetween(from: string, to: string): number | null {
  const at = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN);
  const difference = at(to) - at(from);
  return Number.isFinite(difference) ? Math.round(difference / 86_400_000) : null;
}

function invoiceName(invoice: InvoiceFacts): string {
  return invoice.number ? `invoice ${invoice.number}` : 'an invoice';
}

function titleCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function days(count: number): string {
  return `${count} day${count === 1 ? '' : 's'}`;
}

function moneyIn(currency: string): (amount: number) => string {
  return (amount) => formatMoney(amount, currency);
}

function greetingFor(reader: EmailReader): string {
  return reader.kind === 'user' ? `Hi ${reader.name},` : 'Hello,';
}

function footerFor(reader: EmailReader, agencyName: string): string {
  return reader.kind === 'user'
    ? 'The button signs you in and opens the invoice; it works once, for 7 days. After that, sign in as usual.'
    : `You get this email as the billing contact ${agencyName} has on file. Sign in to the portal to see the invoice; if you have no account, ask ${agencyName} for one.`;
}
