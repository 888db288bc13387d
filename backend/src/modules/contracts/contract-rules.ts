import type { RecipientRole, RecipientStatus, ReminderSettings } from '@atrium/shared';

/**
 * The pure rules of a contract's flow: who acts in which step, when a step is done, when a
 * reminder is due. The services apply them under the contract's row lock.
 */
export interface FlowRecipient {
  role: RecipientRole;
  step: number;
  status: RecipientStatus;
}

const DAY_MS = 24 * 60 * 60_000;

/** Signers and approvers act; copy-only recipients only receive the signed copy. */
export function acts(recipient: Pick<FlowRecipient, 'role'>): boolean {
  return recipient.role !== 'copy';
}

export function hasActed(recipient: Pick<FlowRecipient, 'status'>): boolean {
  return recipient.status === 'signed' || recipient.status === 'approved';
}

/** Whose turn it is, in a step where it is someone's turn. */
export function isPending(recipient: Pick<FlowRecipient, 'status'>): boolean {
  return recipient.status === 'sent' || recipient.status === 'viewed';
}

/**
 * Steps renumbered 1, 2, 3… in the order given, gaps closed (1, 3, 3 → 1, 2, 2), so "the next
 * step" is always one more.
 */
export function normaliseSteps(steps: readonly number[]): number[] {
  const distinct = [...new Set(steps)].sort((a, b) => a - b);
  return steps.map((step) => distinct.indexOf(step) + 1);
}

/** The first step after `after` in which somebody acts, or null when none is left. */
export function nextActingStep(recipients: readonly FlowRecipient[], after: number): number | null {
  const later = recipients.filter((r) => acts(r) && r.step > after).map((r) => r.step);
  return later.length ? Math.min(...later) : null;
}

/** Everyone who acts in `step` has signed or approved. */
export function stepComplete(recipients: readonly FlowRecipient[], step: number): boolean {
  return recipients.filter((r) => acts(r) && r.step === step).every(hasActed);
}

/** Signers and approvers who acted, of all who must. */
export function progressOf(recipients: readonly FlowRecipient[]): { done: number; total: number } {
  const acting = recipients.filter(acts);
  return { done: acting.filter(hasActed).length, total: acting.length };
}

/**
 * Whether an automatic reminder is due for a recipient whose turn it is: the first `firstAfterDays`
 * after their turn came, then every `everyDays`, at most `maxCount`.
 */
export function reminderDue(
  recipient: { sentAt: Date | null; lastRemindedAt: Date | null; remindersSent: number },
  settings: ReminderSettings,
  now: Date,
): boolean {
  if (!recipient.sentAt || recipient.remindersSent >= settings.maxCount) return false;
  const since = recipient.remindersSent === 0 ? recipient.sentAt : (recipient.lastRemindedAt ?? recipient.sentAt);
  const wait = (recipient.remindersSent === 0 ? settings.firstAfterDays : settings.everyDays) * DAY_MS;
  return now.getTime() - since.getTime() >= wait;
}

/** A time zone Intl knows, else UTC (the certificate and the date field must always have one). */
export function knownTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** The "date signed" field's text: the day in the signer's time zone ("3 December 2026"). */
export function signedDateText(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: knownTimeZone(timeZone) }).format(at);
}
