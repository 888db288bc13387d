/**
 * Local dates and hours in a person's own time zone (IANA name, as stored on the user), with the
 * platform's Intl data only: daily digests go out at the same local hour, summer time or not.
 */

/** The zone when the platform knows it, else UTC (a stored zone the runtime has never heard of). */
export function knownZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

function localParts(at: Date, timeZone: string): LocalParts {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']) % 24,
    minute: Number(parts['minute']),
    second: Number(parts['second']),
  };
}

/** The local calendar day of `at` in `timeZone`, as YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  const { year, month, day } = localParts(at, knownZone(timeZone));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local hour (0–23) of `at` in `timeZone`. */
export function localHour(at: Date, timeZone: string): number {
  return localParts(at, knownZone(timeZone)).hour;
}

/** How far `timeZone` is ahead of UTC at `at`, in milliseconds. */
function offsetAt(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the local wall-clock time `year-month-day hour:00` happens in `timeZone`. */
function instantOf(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour);
  // Two passes settle the offset across a summer-time change; an hour that does not exist that
  // day (clocks jumped over it) becomes the hour after the jump.
  let guess = wall - offsetAt(new Date(wall), timeZone);
  guess = wall - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

/** The next time it is `hour`:00 in `timeZone`, strictly after `after`. */
export function nextLocalHour(after: Date, hour: number, timeZone: string): Date {
  const zone = knownZone(timeZone);
  const today = localParts(after, zone);
  for (let days = 0; days < 3; days++) {
    // Date.UTC rolls day 32 over into the next month, and so on.
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
    const at = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, zone);
    if (at.getTime() > after.getTime()) return at;
  }
  return new Date(after.getTime() + 24 * 60 * 60_000);
}

/** `at` as the person reads it: "3 Mar 2026, 14:05". */
export function localDateTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: knownZone(timeZone),
  }).format(at);
}
