import {
  knownTimeZone,
  nextActingStep,
  normaliseSteps,
  progressOf,
  reminderDue,
  signedDateText,
  stepComplete,
  type FlowRecipient,
} from './contract-rules';

const DAY = 24 * 60 * 60_000;

describe('contract flow rules', () => {
  it('closes gaps between steps and keeps their order', () => {
    expect(normaliseSteps([1, 3, 3, 7])).toEqual([1, 2, 2, 3]);
    expect(normaliseSteps([2, 1])).toEqual([2, 1]);
    expect(normaliseSteps([5, 5])).toEqual([1, 1]);
  });

  it('moves on only when everyone acting in a step has acted, skipping copy-only recipients', () => {
    const recipients: FlowRecipient[] = [
      { role: 'signer', step: 1, status: 'signed' },
      { role: 'approver', step: 1, status: 'sent' },
      { role: 'copy', step: 2, status: 'waiting' },
      { role: 'signer', step: 3, status: 'waiting' },
    ];
    expect(stepComplete(recipients, 1)).toBe(false);
    recipients[1].status = 'approved';
    expect(stepComplete(recipients, 1)).toBe(true);
    expect(nextActingStep(recipients, 1)).toBe(3);
    expect(nextActingStep(recipients, 3)).toBeNull();
    expect(progressOf(recipients)).toEqual({ done: 2, total: 3 });
  });

  it('reminds first after firstAfterDays, then every everyDays, at most maxCount times', () => {
    const settings = { firstAfterDays: 3, everyDays: 2, maxCount: 2 };
    const sentAt = new Date('2026-01-01T00:00:00Z');
    const at = (days: number) => new Date(sentAt.getTime() + days * DAY);
    expect(reminderDue({ sentAt, lastRemindedAt: null, remindersSent: 0 }, settings, at(2.9))).toBe(false);
    expect(reminderDue({ sentAt, lastRemindedAt: null, remindersSent: 0 }, settings, at(3))).toBe(true);
    expect(reminderDue({ sentAt, lastRemindedAt: at(3), remindersSent: 1 }, settings, at(4.5))).toBe(false);
    expect(reminderDue({ sentAt, lastRemindedAt: at(3), remindersSent: 1 }, settings, at(5))).toBe(true);
    expect(reminderDue({ sentAt, lastRemindedAt: at(5), remindersSent: 2 }, settings, at(50))).toBe(false);
    expect(reminderDue({ sentAt: null, lastRemindedAt: null, remindersSent: 0 }, settings, at(50))).toBe(false);
  });

  it('writes the signing date in the signer’s time zone, falling back to UTC for unknown zones', () => {
    const lateEvening = new Date('2026-03-01T23:30:00Z');
    expect(signedDateText(lateEvening, 'UTC')).toBe('1 March 2026');
    expect(signedDateText(lateEvening, 'Asia/Tokyo')).toBe('2 March 2026');
    expect(knownTimeZone('Not/AZone')).toBe('UTC');
    expect(knownTimeZone(null)).toBe('UTC');
  });
});
