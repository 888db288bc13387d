import { dueReminderKeys, parseOffsets, REMINDER_GRACE_DAYS } from './reminder-rules';

describe('reminder rules', () => {
  const offsets = { before: [3], after: [1, 7] };
  const sentOn = '2026-11-01';
  const due = '2026-12-15';

  it('is due on its day and for a few days after, not before', () => {
    expect(dueReminderKeys(offsets, due, sentOn, '2026-12-11')).toEqual([]);
    expect(dueReminderKeys(offsets, due, sentOn, '2026-12-12')).toEqual(['before:3']);
    expect(dueReminderKeys(offsets, due, sentOn, '2026-12-14')).toEqual(['before:3']);
    expect(dueReminderKeys(offsets, due, sentOn, '2026-12-16')).toEqual(['after:1']);
    expect(dueReminderKeys(offsets, due, sentOn, '2026-12-22')).toEqual(['after:7']);
    expect(REMINDER_GRACE_DAYS).toBe(2);
    expect(dueReminderKeys(offsets, due, sentOn, '2026-12-25')).toEqual([]);
  });

  it('never sends a "before" reminder on or after the due date', () => {
    expect(dueReminderKeys({ before: [1], after: [] }, due, sentOn, '2026-12-14')).toEqual(['before:1']);
    expect(dueReminderKeys({ before: [1], after: [] }, due, sentOn, '2026-12-15')).toEqual([]);
    expect(dueReminderKeys({ before: [1], after: [] }, due, sentOn, '2026-12-16')).toEqual([]);
  });

  it('sends nothing for a day on or before the invoice was sent', () => {
    expect(dueReminderKeys(offsets, due, '2026-12-12', '2026-12-12')).toEqual([]);
    expect(dueReminderKeys(offsets, due, '2026-12-13', '2026-12-14')).toEqual([]);
  });

  it('lists several when their windows overlap', () => {
    expect(dueReminderKeys({ before: [], after: [1, 2] }, due, sentOn, '2026-12-17')).toEqual(['after:1', 'after:2']);
  });

  it('reads stored offsets, ignoring anything unreadable', () => {
    expect(parseOffsets('[1,7]')).toEqual([1, 7]);
    expect(parseOffsets('[1,"x",-2,2.5]')).toEqual([1]);
    expect(parseOffsets('nonsense')).toEqual([]);
    expect(parseOffsets('{}')).toEqual([]);
  });
});
