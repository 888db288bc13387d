/** Every IANA zone the browser knows, plus UTC (which some engines leave out of the list). */
export function allTimeZones(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    // Very old engines: the user's own zone and UTC still make a usable list.
  }
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

/** "new york" finds America/New_York: case and the underscore do not matter. */
export function filterTimeZones(zones: readonly string[], query: string, limit: number): string[] {
  const wanted = query
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
  if (!wanted) {
    return zones.slice(0, limit);
  }
  const matches: string[] = [];
  for (const zone of zones) {
    if (zone.toLowerCase().replace(/_/g, ' ').includes(wanted)) {
      matches.push(zone);
      if (matches.length >= limit) {
        break;
      }
    }
  }
  return matches;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat | null>();

/** "GMT+2", "GMT-4:30" now, for the zone; empty when the browser cannot say. */
export function zoneOffset(timeZone: string, at: Date = new Date()): string {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' });
    } catch {
      format = null;
    }
    offsetFormats.set(timeZone, format);
  }
  return format?.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';
}
