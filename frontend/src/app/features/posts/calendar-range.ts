import { MAX_AGENCY_CALENDAR_DAYS } from '@atrium/shared';

/**
 * The agency calendar's days, in the browser's own timezone (where the agency person sits). Plain
 * Date arithmetic on local midnights: `new Date(y, m, d)` already knows the local DST rules.
 */

export type CalendarView = 'week' | 'month';

export interface CalendarDay {
  /** `YYYY-MM-DD` in local time. */
  readonly key: string;
  /** Local midnight. */
  readonly date: Date;
  /** False for the days before and after the month that fill the month view's first and last weeks. */
  readonly inMonth: boolean;
  readonly isToday: boolean;
  /** Entirely before today. */
  readonly isPast: boolean;
}

export interface CalendarRange {
  readonly view: CalendarView;
  readonly days: readonly CalendarDay[];
  /** First instant shown. */
  readonly from: Date;
  /** The instant after the last day: the range is [from, to). */
  readonly to: Date;
}

const pad = (value: number) => String(value).padStart(2, '0');

export function localDayKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function midnight(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function plusDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** The Monday on or before the date. */
function mondayOf(date: Date): Date {
  return plusDays(midnight(date), -((date.getDay() + 6) % 7));
}

export function calendarRange(view: CalendarView, anchor: Date, now: Date = new Date()): CalendarRange {
  const today = midnight(now);
  const todayKey = localDayKey(today);
  let first: Date;
  let count: number;
  let month: number | null = null;
  if (view === 'week') {
    first = mondayOf(anchor);
    count = 7;
  } else {
    const firstOfMonth = new Date(anchor.getFullYear(), anchor.getMonth(), 1);
    const daysInMonth = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0).getDate();
    first = mondayOf(firstOfMonth);
    const lead = (firstOfMonth.getDay() + 6) % 7;
    // As many whole weeks as the month needs (4 to 6), not always 6.
    count = Math.ceil((lead + daysInMonth) / 7) * 7;
    month = anchor.getMonth();
  }
  const days: CalendarDay[] = [];
  for (let index = 0; index < count; index++) {
    const date = plusDays(first, index);
    days.push({
      key: localDayKey(date),
      date,
      inMonth: month === null || date.getMonth() === month,
      isToday: localDayKey(date) === todayKey,
      isPast: date.getTime() < today.getTime(),
    });
  }
  return { view, days, from: first, to: plusDays(first, count) };
}

/** A stretch of time the calendar asks the server for: [from, to). */
export interface RangePiece {
  readonly from: Date;
  readonly to: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The requests a period's posts are read in. A week comes one day per request: a crowded week is
 * thousands of posts, megabytes that one answer would make the browser parse in a single long
 * task. A month comes in one request, which the server allows for at most `maxDays` days.
 */
export function calendarPieces(range: CalendarRange, maxDays = MAX_AGENCY_CALENDAR_DAYS): RangePiece[] {
  if (range.view === 'week') {
    return range.days.map((day, index) => ({ from: day.date, to: range.days[index + 1]?.date ?? range.to }));
  }
  // A six-week month that includes the autumn clock change is an hour longer than 42 days; the
  // server's limit counts time, so the last hour of the last (next month's) day is left out.
  const to = Math.min(range.to.getTime(), range.from.getTime() + maxDays * DAY_MS);
  return [{ from: range.from, to: new Date(to) }];
}

/** One period back (-1) or forward (+1). */
export function shiftAnchor(view: CalendarView, anchor: Date, step: number): Date {
  return view === 'week' ? plusDays(anchor, 7 * step) : new Date(anchor.getFullYear(), anchor.getMonth() + step, 1);
}

/** The same time of day as `time`, on `day` (what a drag to another day keeps). */
export function onDayAtTimeOf(day: Date, time: Date): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), time.getHours(), time.getMinutes());
}

/** The value a `<input type="datetime-local">` takes: local `YYYY-MM-DDTHH:mm`. */
export function toLocalInputValue(date: Date): string {
  return `${localDayKey(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Reads a datetime-local value as local time; null when it is not one. */
export function fromLocalInputValue(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) {
    return null;
  }
  const [, year, month, day, hour, minute] = match.map(Number);
  const date = new Date(year, month - 1, day, hour, minute);
  return Number.isNaN(date.getTime()) ? null : date;
}
