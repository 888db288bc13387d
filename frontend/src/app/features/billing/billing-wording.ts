import {
  formatMoney,
  type InvoiceStatus,
  type InvoiceSummaryView,
  type InvoiceTotalsByCurrency,
  type PaymentMethod,
  type RecurringInterval,
  type RecurringStatus,
} from '@atrium/shared';

/** Who reads a status: the agency sees its workflow words; a client sees what it means for them. */
export type BillingAudience = 'agency' | 'client';

/** The shown status: the stored one, or "overdue" (derived from the due date, never stored). */
export type ShownStatus = InvoiceStatus | 'overdue';

export function shownStatus(invoice: Pick<InvoiceSummaryView, 'status' | 'overdue'>): ShownStatus {
  return invoice.overdue ? 'overdue' : invoice.status;
}

const AGENCY_LABELS: Record<ShownStatus, string> = {
  draft: 'Draft',
  sent: 'Sent',
  viewed: 'Viewed',
  partially_paid: 'Partly paid',
  paid: 'Paid',
  void: 'Void',
  overdue: 'Overdue',
};

/** A client does not care whether they opened it: sent and viewed both mean "to pay". */
const CLIENT_LABELS: Record<ShownStatus, string> = {
  ...AGENCY_LABELS,
  sent: 'To pay',
  viewed: 'To pay',
  void: 'Cancelled',
};

export function statusLabel(status: ShownStatus, audience: BillingAudience = 'agency'): string {
  return (audience === 'agency' ? AGENCY_LABELS : CLIENT_LABELS)[status];
}

export type StatusTone = 'neutral' | 'done' | 'alert' | 'muted';

export function statusTone(status: ShownStatus): StatusTone {
  switch (status) {
    case 'paid':
      return 'done';
    case 'overdue':
      return 'alert';
    case 'void':
    case 'draft':
      return 'muted';
    default:
      return 'neutral';
  }
}

export function statusIcon(status: ShownStatus): string {
  const icons: Record<ShownStatus, string> = {
    draft: 'edit_note',
    sent: 'outgoing_mail',
    viewed: 'visibility',
    partially_paid: 'hourglass_bottom',
    paid: 'check_circle',
    void: 'block',
    overdue: 'schedule',
  };
  return icons[status];
}

/** "INV-0042", or "Draft" before sending gives it a number. */
export function invoiceNumber(invoice: Pick<InvoiceSummaryView, 'number'>): string {
  return invoice.number ?? 'Draft';
}

const DATE_FORMAT = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A date without a time ("2026-12-03") as "Dec 3, 2026", the same in every time zone. */
export function formatDay(day: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!match) return '';
  return DATE_FORMAT.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return isoDay(now.getFullYear(), now.getMonth(), now.getDate());
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const moved = new Date(Date.UTC(year, month - 1, date + days));
  return isoDay(moved.getUTCFullYear(), moved.getUTCMonth(), moved.getUTCDate());
}

function isoDay(year: number, monthIndex: number, date: number): string {
  return `${year}-${String(monthIndex + 1).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/**
 * One figure per currency ("$1,200.00 · €300.00"); amounts in different currencies are never added.
 * Currencies without anything in them are left out; nothing at all reads as `empty`.
 */
export function perCurrency(
  totals: readonly InvoiceTotalsByCurrency[],
  key: 'outstanding' | 'overdue' | 'paidThisMonth',
): string[] {
  return totals.filter((entry) => entry[key] !== 0).map((entry) => formatMoney(entry[key], entry.currency));
}

export const INTERVAL_LABELS: Record<RecurringInterval, string> = {
  week: 'Every week',
  month: 'Every month',
  quarter: 'Every quarter',
  year: 'Every year',
};

export const RECURRING_STATUS_LABELS: Record<RecurringStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  ended: 'Ended',
};

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  bank_transfer: 'Bank transfer',
  cash: 'Cash',
  card: 'Card',
  other: 'Other',
  stripe: 'Card (Stripe)',
  sandbox: 'Card (test payment)',
};

/** "INV-0042.pdf"; a draft has no number yet. */
export function pdfFileName(invoice: Pick<InvoiceSummaryView, 'number' | 'id'>): string {
  return `${invoice.number ?? `draft-${invoice.id.slice(0, 8)}`}.pdf`;
}

/** "3, 7" ↔ [3, 7]: reminder offsets as typed. Null when the text is not a list of whole days. */
export function parseDayList(text: string, max: number, count: number): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length > count || parts.some((part) => !/^\d+$/.test(part))) return null;
  const days = parts.map(Number);
  if (days.some((day) => day < 1 || day > max)) return null;
  return [...new Set(days)].sort((a, b) => a - b);
}
