/**
 * Calendar arithmetic in a named IANA timezone (the user's profile timezone, which need not be
 * the browser's), with nothing but Intl. Civil dates are plain `{ year, month, day }` values; an
 * instant is a millisecond timestamp. Days are not always 24 hours long: every conversion from a
 * wall-clock time to an instant goes through the zone's real offset at that moment.
 */

export interface CivilDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}

interface WallTime extends CivilDate {
  readonly hour: number;
  readonly minute: number;
}

export interface ZonedDay {
  /** `YYYY-MM-DD`, the day in the timezone. */
  readonly key: string;
  readonly date: CivilDate;
  /** First instant of the day (usually 00:00; later when the zone skips midnight). */
  readonly start: number;
}

/** A run of whole weeks in a timezone: one week, or the weeks a month view shows. */
export interface ZonedWeek {
  readonly timeZone: string;
  /** Monday 00:00 in the timezone. */
  readonly from: number;
  /** The Monday 00:00 after the last day: the range is [from, to). */
  readonly to: number;
  readonly days: readonly ZonedDay[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** The timezone if the runtime knows it, else the browser's own (an unknown name must not break a page). */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (timeZone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      return timeZone;
    } catch {
      // Fall through to the browser's zone.
    }
  }
  return browserTimeZone();
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time an instant shows in the timezone (seconds and below ignored). */
function wallTimeAt(instant: number, timeZone: string): WallTime & { second: number } {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') {
      values[part.type] = Number(part.value);
    }
  }
  return {
    year: values['year'],
    month: values['month'],
    day: values['day'],
    // Some engines still answer 24 for midnight with h23.
    hour: values['hour'] % 24,
    minute: values['minute'],
    second: values['second'],
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(instant: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function sameWallTime(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/**
 * The instant a wall-clock time happens in the timezone. Like Temporal's "compatible" choice: a
 * time that happens twice (clocks going back) is its first occurrence; a time that never happens
 * (clocks going forward) is moved forward by the gap, so midnight on a day that skips it is 01:00.
 */
export function zonedTimeToInstant(wall: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // A zone changes its offset at most once within a day or so: the offsets a day before and a day
  // after are the only candidates.
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const matches = [asUtc - before, asUtc - after].filter((candidate) =>
    sameWallTime(wallTimeAt(candidate, timeZone), wall),
  );
  return matches.length > 0 ? Math.min(...matches) : asUtc - before;
}

/** The civil date an instant falls on in the timezone. */
export function civilDateAt(instant: number, timeZone: string): CivilDate {
  const { year, month, day } = wallTimeAt(instant, timeZone);
  return { year, month, day };
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday. */
export function isoWeekdayIndex(date: CivilDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

export function civilKey(date: CivilDate): string {
  const pad = (value: number, length = 2) => String(value).padStart(length, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

export function parseCivilKey(key: string): CivilDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) {
    return null;
  }
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // Reject 2026-02-31 and friends: they would silently roll over.
  return civilKey(addDays(date, 0)) === key ? date : null;
}

export function startOfDay(date: CivilDate, timeZone: string): number {
  return zonedTimeToInstant({ ...date, hour: 0, minute: 0 }, timeZone);
}

/** The day key (`YYYY-MM-DD`) of an instant in the timezone: what groups posts into days. */
export function dayKeyAt(instant: number, timeZone: string): string {
  return civilKey(civilDateAt(instant, timeZone));
}

/** The week (Monday 00:00 to the next Monday 00:00, in the timezone) that contains the instant. */
export function weekContaining(instant: number, timeZone: string): ZonedWeek {
  const today = civilDateAt(instant, timeZone);
  return weekStartingOn(addDays(today, -isoWeekdayIndex(today)), timeZone);
}

/** The week that starts on this civil date (which should be a Monday). */
export function weekStartingOn(monday: CivilDate, timeZone: string): ZonedWeek {
  const days: ZonedDay[] = [];
  for (let offset = 0; offset < 7; offset++) {
    const date = addDays(monday, offset);
    days.push({ key: civilKey(date), date, start: startOfDay(date, timeZone) });
  }
  return { timeZone, from: days[0].start, to: startOfDay(addDays(monday, 7), timeZone), days };
}

/** The neighbouring week: -1 the one before, +1 the one after. */
export function shiftWeek(week: ZonedWeek, weeks: number): ZonedWeek {
  return weekStartingOn(addDays(week.days[0].date, 7 * weeks), week.timeZone);
}

/**
 * The weeks (Monday to Sunday) that hold every day of a month: four to six of them, as a month view
 * draws them. `month` is any civil date in the month.
 */
export function monthGrid(month: CivilDate, timeZone: string): ZonedWeek {
  const first: CivilDate = { year: month.year, month: month.month, day: 1 };
  const monday = addDays(first, -isoWeekdayIndex(first));
  const nextMonth = addDays({ year: month.year, month: month.month, day: 28 }, 4);
  const last = addDays({ year: nextMonth.year, month: nextMonth.month, day: 1 }, -1);
  const sunday = addDays(last, 6 - isoWeekdayIndex(last));
  const days: ZonedDay[] = [];
  for (let date = monday; civilKey(date) <= civilKey(sunday); date = addDays(date, 1)) {
    days.push({ key: civilKey(date), date, start: startOfDay(date, timeZone) });
  }
  return { timeZone, from: days[0].start, to: startOfDay(addDays(sunday, 1), timeZone), days };
}

/** The first day of the month `months` after (or before, when negative) the given date's month. */
export function shiftMonth(date: CivilDate, months: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}
