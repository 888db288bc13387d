import type { PortalCalendarPost } from '@atrium/shared';
import type { ZonedWeek } from '../../core/ui/zoned-time';

/**
 * Items filed under their day, each day's list in time order. `starts` are the days' first
 * instants in order and `end` the instant after the last day; items outside [starts[0], end) or
 * without a valid instant are dropped. Every item's instant is read once: thousands of posts cost
 * no date formatting, and the sort compares numbers instead of parsing dates in its comparator.
 */
export function bucketByInstant<T>(
  items: readonly T[],
  starts: readonly number[],
  end: number,
  instantOf: (item: T) => number,
): T[][] {
  const buckets: Array<Array<{ readonly at: number; readonly item: T }>> = starts.map(() => []);
  for (const item of items) {
    const at = instantOf(item);
    // NaN fails both comparisons.
    if (!(at >= starts[0] && at < end)) {
      continue;
    }
    let index = starts.length - 1;
    while (index > 0 && at < starts[index]) {
      index--;
    }
    buckets[index].push({ at, item });
  }
  // Array.prototype.sort is stable: posts at the same minute keep the server's order.
  return buckets.map((bucket) => bucket.sort((a, b) => a.at - b.at).map((entry) => entry.item));
}

/** The portal week's posts, one list per day in the week's timezone, each sorted by time. */
export function bucketByDay(items: readonly PortalCalendarPost[], week: ZonedWeek): PortalCalendarPost[][] {
  return bucketByInstant(
    items,
    week.days.map((day) => day.start),
    week.to,
    (item) => Date.parse(item.scheduledAt),
  );
}
