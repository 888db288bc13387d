const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** Biggest unit first; each with its length in seconds. */
const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday", "in 3 days". */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  if (Number.isNaN(seconds)) {
    return '';
  }
  if (Math.abs(seconds) < 45) {
    return 'just now';
  }
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? UNITS[UNITS.length - 1];
  return RELATIVE.format(Math.round(seconds / size), unit);
}

/**
 * The full date and time in the user's own timezone (from their profile, not the browser's), with
 * the zone named so that nobody wonders whose 9 o'clock it is.
 */
export function fullDateTime(iso: string, timeZone?: string | null): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat('en', { ...options, timeZone: timeZone || undefined }).format(date);
  } catch {
    // An unknown timezone name: the browser's own zone is the next best thing.
    return new Intl.DateTimeFormat('en', options).format(date);
  }
}
