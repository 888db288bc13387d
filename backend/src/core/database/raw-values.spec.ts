import { rawDate } from './raw-values';

describe('rawDate', () => {
  it('reads SQLite text as UTC', () => {
    expect(rawDate('2030-01-07 09:30:00.250')?.toISOString()).toBe('2030-01-07T09:30:00.250Z');
  });

  it('keeps ISO text and Date objects as they are', () => {
    expect(rawDate('2030-01-07T09:30:00.000Z')?.toISOString()).toBe('2030-01-07T09:30:00.000Z');
    const date = new Date('2030-01-07T09:30:00Z');
    expect(rawDate(date)).toBe(date);
  });

  it('passes a missing value on as null', () => {
    expect(rawDate(null)).toBeNull();
    expect(rawDate(undefined)).toBeNull();
  });
});
