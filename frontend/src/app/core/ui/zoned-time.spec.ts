import {
  dayKeyAt,
  monthGrid,
  parseCivilKey,
  safeTimeZone,
  shiftMonth,
  shiftWeek,
  startOfDay,
  weekContaining,
  zonedTimeToInstant,
} from './zoned-time';

const iso = (instant: number) => new Date(instant).toISOString();
const at = (value: string) => Date.parse(value);

describe('weekContaining', () => {
  it('runs from Monday 00:00 to the next Monday 00:00 in the zone', () => {
    const week = weekContaining(at('2026-06-10T12:00:00Z'), 'Europe/Berlin');
    expect(iso(week.from)).toBe('2026-06-07T22:00:00.000Z');
    expect(iso(week.to)).toBe('2026-06-14T22:00:00.000Z');
    expect(week.days.map((day) => day.key)).toEqual([
      '2026-06-08',
      '2026-06-09',
      '2026-06-10',
      '2026-06-11',
      '2026-06-12',
      '2026-06-13',
      '2026-06-14',
    ]);
  });

  it('is one hour short across the spring change in Europe/Berlin', () => {
    // Clocks go from 02:00 CET to 03:00 CEST on Sunday 29 March 2026.
    const week = weekContaining(at('2026-03-25T09:00:00Z'), 'Europe/Berlin');
    expect(iso(week.from)).toBe('2026-03-22T23:00:00.000Z');
    expect(iso(week.to)).toBe('2026-03-29T22:00:00.000Z');
    expect(week.to - week.from).toBe((7 * 24 - 1) * 3600_000);
    expect(iso(week.days[6].start)).toBe('2026-03-28T23:00:00.000Z');
  });

  it('is one hour long across the autumn change in Europe/Berlin', () => {
    // Clocks go from 03:00 CEST back to 02:00 CET on Sunday 25 October 2026.
    const week = weekContaining(at('2026-10-25T12:00:00Z'), 'Europe/Berlin');
    expect(iso(week.from)).toBe('2026-10-18T22:00:00.000Z');
    expect(iso(week.to)).toBe('2026-10-25T23:00:00.000Z');
    expect(week.to - week.from).toBe((7 * 24 + 1) * 3600_000);
  });

  it('follows the American dates in America/New_York', () => {
    // Spring forward on Sunday 8 March 2026, fall back on Sunday 1 November 2026.
    const spring = weekContaining(at('2026-03-04T15:00:00Z'), 'America/New_York');
    expect(iso(spring.from)).toBe('2026-03-02T05:00:00.000Z');
    expect(iso(spring.to)).toBe('2026-03-09T04:00:00.000Z');

    const autumn = weekContaining(at('2026-10-28T15:00:00Z'), 'America/New_York');
    expect(iso(autumn.from)).toBe('2026-10-26T04:00:00.000Z');
    expect(iso(autumn.to)).toBe('2026-11-02T05:00:00.000Z');
  });

  it('picks the week by the date in the zone, not in UTC', () => {
    // Monday 01:30 in Berlin is still Sunday in UTC.
    expect(weekContaining(at('2026-03-29T23:30:00Z'), 'Europe/Berlin').days[0].key).toBe('2026-03-30');
    // Sunday 23:00 in New York is already Monday in UTC.
    expect(weekContaining(at('2026-03-09T03:00:00Z'), 'America/New_York').days[0].key).toBe('2026-03-02');
  });

  it('crosses years and steps by whole weeks', () => {
    const week = weekContaining(at('2027-01-01T12:00:00Z'), 'Pacific/Auckland');
    expect(week.days[0].key).toBe('2026-12-28');
    expect(shiftWeek(week, 1).days[0].key).toBe('2027-01-04');
    expect(shiftWeek(week, -1).days[6].key).toBe('2026-12-27');
  });
});

describe('zonedTimeToInstant', () => {
  it('takes the first of two identical wall times when clocks go back', () => {
    const instant = zonedTimeToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin');
    expect(iso(instant)).toBe('2026-10-25T00:30:00.000Z');
  });

  it('moves a skipped wall time forward by the gap', () => {
    const instant = zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin');
    expect(iso(instant)).toBe('2026-03-29T01:30:00.000Z');
  });

  it('starts a day that skips midnight at the first instant that exists', () => {
    // Chile moved its clocks from 00:00 to 01:00 on Sunday 8 September 2019.
    expect(iso(startOfDay({ year: 2019, month: 9, day: 8 }, 'America/Santiago'))).toBe('2019-09-08T04:00:00.000Z');
  });
});

describe('helpers', () => {
  it('groups an instant by its day in the zone', () => {
    expect(dayKeyAt(at('2026-03-29T22:30:00Z'), 'Europe/Berlin')).toBe('2026-03-30');
    expect(dayKeyAt(at('2026-03-29T22:30:00Z'), 'America/New_York')).toBe('2026-03-29');
  });

  it('reads only real dates', () => {
    expect(parseCivilKey('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
    expect(parseCivilKey('2026-02-31')).toBeNull();
    expect(parseCivilKey('yesterday')).toBeNull();
  });

  it('falls back to the browser zone for an unknown name', () => {
    expect(safeTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(safeTimeZone('Mars/Olympus_Mons')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(safeTimeZone(null)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

describe('monthGrid', () => {
  it('covers the month in whole Monday-to-Sunday weeks, in the zone', () => {
    // December 2026 starts on a Tuesday and ends on a Thursday: Nov 30 to Jan 3, five weeks.
    const grid = monthGrid({ year: 2026, month: 12, day: 17 }, 'Europe/Berlin');
    expect(grid.days).toHaveLength(35);
    expect(grid.days[0].key).toBe('2026-11-30');
    expect(grid.days.at(-1)?.key).toBe('2027-01-03');
    expect(new Date(grid.from).toISOString()).toBe('2026-11-29T23:00:00.000Z');
    expect(new Date(grid.to).toISOString()).toBe('2027-01-03T23:00:00.000Z');
  });

  it('takes six weeks when the month needs them, and four for a February that fits', () => {
    expect(monthGrid({ year: 2026, month: 8, day: 1 }, 'UTC').days).toHaveLength(42);
    expect(monthGrid({ year: 2027, month: 2, day: 1 }, 'UTC').days).toHaveLength(28);
  });

  it('steps by months across years', () => {
    expect(shiftMonth({ year: 2026, month: 12, day: 17 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(shiftMonth({ year: 2026, month: 1, day: 31 }, -1)).toEqual({ year: 2025, month: 12, day: 1 });
  });
});
