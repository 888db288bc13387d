import type { PortalCalendarPost } from '@atrium/shared';
import { weekContaining } from '../../core/ui/zoned-time';
import { bucketByDay } from './week-buckets';

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
