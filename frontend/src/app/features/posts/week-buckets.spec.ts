import type { PortalCalendarPost } from '@atrium/shared';
import { weekContaining } from '../../core/ui/zoned-time';
import { bucketByDay, bucketByInstant } from './week-buckets';

const post = (id: string, scheduledAt: string): PortalCalendarPost => ({
  id,
  text: id,
  status: 'scheduled',
  scheduledAt,
  publishedAt: null,
  accounts: [],
  media: [],
});

describe('bucketByDay', () => {
  it('files posts under their day in the user’s timezone, in time order', () => {
    const week = weekContaining(Date.parse('2026-03-25T12:00:00Z'), 'Europe/Berlin');
    const buckets = bucketByDay(
      [
        post('sunday-late', '2026-03-29T21:30:00Z'), // Sunday 23:30 CEST
        post('monday-early', '2026-03-22T23:30:00Z'), // Monday 00:30 CET
        post('monday-morning', '2026-03-23T08:00:00Z'),
        post('next-week', '2026-03-29T22:00:00Z'), // Monday 00:00 CEST: the next week
        post('last-week', '2026-03-22T22:59:00Z'),
      ],
      week,
    );
    expect(buckets.map((bucket) => bucket.map((item) => item.id))).toEqual([
      ['monday-early', 'monday-morning'],
      [],
      [],
      [],
      [],
      [],
      ['sunday-late'],
    ]);
  });
});

describe('bucketByInstant', () => {
  const starts = [1000, 2000, 3000];
  const at = (item: { at: number }) => item.at;

  it('files items under the day whose start precedes them, sorted by time, ties in their first order', () => {
    const items = [
      { id: 'c', at: 2500 },
      { id: 'a', at: 1500 },
      { id: 'b', at: 1000 },
      { id: 'd', at: 2500 },
      { id: 'e', at: 3999 },
    ];
    expect(bucketByInstant(items, starts, 4000, at).map((day) => day.map((item) => item.id))).toEqual([
      ['b', 'a'],
      ['c', 'd'],
      ['e'],
    ]);
  });

  it('drops items before the first day, from the end on, and without a time', () => {
    const items = [
      { id: 'before', at: 999 },
      { id: 'end', at: 4000 },
      { id: 'no time', at: Number.NaN },
      { id: 'kept', at: 3000 },
    ];
    expect(bucketByInstant(items, starts, 4000, at).map((day) => day.map((item) => item.id))).toEqual([
      [],
      [],
      ['kept'],
    ]);
  });

  it('reads each item’s time once, however many items share a day', () => {
    const instantOf = jest.fn(at);
    const items = Array.from({ length: 1000 }, (_, index) => ({ at: 1000 + ((index * 7919) % 1000) }));
    const [day] = bucketByInstant(items, starts, 4000, instantOf);
    expect(instantOf).toHaveBeenCalledTimes(1000);
    expect(day.map((item) => item.at)).toEqual([...items.map((item) => item.at)].sort((a, b) => a - b));
  });
});
