import type { PortalCalendarPost } from '@atrium/shared';
import type { ZonedWeek } from '../../core/ui/zoned-time';

/**
 * The week's posts, one list per day (in the week's timezone), each sorted by time. Days are found
 * by comparing with the days' first instants, so thousands of posts cost no date formatting.
 * Posts outside the week are dropped.
 */
export function bucketByDay(items: readonly PortalCalendarPost[], week: ZonedWeek): PortalCalendarPost[][] {
  const buckets: PortalCalendarPost[][] = week.days.map(() => []);
  const starts = week.days.map((day) => day.start);
  for (const item of items) {
    const at = Date.parse(item.scheduledAt);
    if (Number.isNaN(at) || at < week.from || at >= week.to) {
      continue;
    }
    let index = starts.length - 1;
    while (index > 0 && at < starts[index]) {
      index--;
    }
    buckets[index].push(item);
  }
  for (const bucket of buckets) {
    bucket.sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt));
  }
  return buckets;
}
