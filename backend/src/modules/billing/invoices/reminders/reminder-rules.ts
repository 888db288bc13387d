import { addDays } from '../invoice-rules';

/** A reminder may go out this many days after its day at most (a missed pass, a restart). */
export const REMINDER_GRACE_DAYS = 2;

export interface ReminderOffsets {
  before: readonly number[];
  after: readonly number[];
}

/** For agencies that never saved their billing settings (the same as BillingSettings' defaults). */
export const DEFAULT_REMINDER_OFFSETS: ReminderOffsets = { before: [3], after: [1, 7] };

/**
 * The scheduled reminders whose day has come on `today` for an invoice due on `dueDate` and sent
 * on `sentOn`: `before:N` from N days before the due date, `after:N` from N days after it, each
 * for a few days at most (REMINDER_GRACE_DAYS) so a stale one is never sent — a "due in 3 days"
 * after the due date, for instance. Nothing on or before the day the invoice itself was emailed.
 * Which of these were sent already is the caller's business (the unique key of InvoiceReminder).
 */
export function dueReminderKeys(offsets: ReminderOffsets, dueDate: string, sentOn: string, today: string): string[] {
  const keys: string[] = [];
  for (const days of offsets.before) {
    const day = addDays(dueDate, -days);
    const lastDay = minDate(addDays(day, REMINDER_GRACE_DAYS), addDays(dueDate, -1));
    if (day > sentOn && today >= day && today <= lastDay) keys.push(`before:${days}`);
  }
  for (const days of offsets.after) {
    const day = addDays(dueDate, days);
    if (day > sentOn && today >= day && today <= addDays(day, REMINDER_GRACE_DAYS)) keys.push(`after:${days}`);
  }
  return keys;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** The reminder offsets stored as JSON arrays ("[1,7]"); anything unreadable counts as none. */
export function parseOffsets(json: string): number[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((n): n is number => Number.isInteger(n) && n > 0) : [];
  } catch {
    return [];
  }
}
