import { localDateTime, localDay, localHour, nextLocalHour } from './local-time';

describe('local time of a person', () => {
  it('finds the next digest hour in the person’s zone, today or tomorrow', () => {
    // 06:00 in Berlin (UTC+1 in winter): 08:00 is still to come today.
    expect(nextLocalHour(new Date('2026-03-03T05:00:00Z'), 8, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-03T07:00:00.000Z',
    );
    // 11:00 in Berlin: tomorrow's 08:00.
    expect(nextLocalHour(new Date('2026-03-03T10:00:00Z'), 8, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-04T07:00:00.000Z',
    );
    // Exactly 08:00 counts as passed: the next one is tomorrow.
    expect(nextLocalHour(new Date('2026-03-03T07:00:00Z'), 8, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-04T07:00:00.000Z',
    );
    expect(nextLocalHour(new Date('2026-01-15T12:00:00Z'), 8, 'America/New_York').toISOString()).toBe(
      '2026-01-15T13:00:00.000Z',
    );
  });

  it('keeps the local hour across a summer-time change and at month ends', () => {
    // Berlin moves to UTC+2 on 29 March 2026.
    expect(nextLocalHour(new Date('2026-03-28T12:00:00Z'), 8, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
    expect(nextLocalHour(new Date('2026-01-31T23:30:00Z'), 0, 'UTC').toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(nextLocalHour(new Date('2026-12-31T20:00:00Z'), 8, 'Asia/Tokyo').toISOString()).toBe(
      '2026-12-31T23:00:00.000Z',
    );
  });

  it('reads the local day and hour, and falls back to UTC for an unknown zone', () => {
    const at = new Date('2026-03-03T23:30:00Z');
    expect(localDay(at, 'Asia/Tokyo')).toBe('2026-03-04');
    expect(localHour(at, 'Asia/Tokyo')).toBe(8);
    expect(localDay(at, 'Not/AZone')).toBe('2026-03-03');
    expect(nextLocalHour(at, 8, 'Not/AZone').toISOString()).toBe('2026-03-04T08:00:00.000Z');
    expect(localDateTime(at, 'Europe/Berlin')).toBe('4 Mar 2026, 00:30');
  });
});
