import { fullDateTime, relativeTime } from './time';

describe('relativeTime', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');

  it('reads like speech', () => {
    expect(relativeTime('2026-03-10T11:59:40Z', now)).toBe('just now');
    expect(relativeTime('2026-03-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-03-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(relativeTime('2026-03-09T12:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('2026-02-24T12:00:00Z', now)).toBe('2 weeks ago');
    expect(relativeTime('2026-03-13T12:00:00Z', now)).toBe('in 3 days');
  });

  it('says nothing for a date it cannot read', () => {
    expect(relativeTime('not a date', now)).toBe('');
  });
});

describe('fullDateTime', () => {
  it('shows the time in the user’s timezone, naming the zone', () => {
    const text = fullDateTime('2026-03-10T12:00:00Z', 'America/New_York');
    expect(text).toContain('Mar 10, 2026');
    expect(text).toMatch(/8:00\s?AM/);
    expect(text).toMatch(/EDT|GMT-4/);
  });

  it('falls back to the browser’s zone for an unknown timezone name', () => {
    expect(fullDateTime('2026-03-10T12:00:00Z', 'Mars/Olympus_Mons')).toContain('2026');
  });
});
