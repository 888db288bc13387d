/**
 * A crowded day in a calendar shows its first posts and offers the rest on demand, so a week of
 * thousands of posts draws only a few hundred at once and every post stays reachable.
 */
export interface DayPage<T> {
  /** Every post of the day. */
  readonly total: number;
  /** The first `limit` posts, in time order. */
  readonly shown: readonly T[];
  /** Posts of the day not on screen yet. */
  readonly hidden: number;
  /** How many the day's "Show N more" adds: a step, or what is left when that is less. */
  readonly more: number;
}

export function dayPage<T>(posts: readonly T[], limit: number, step: number): DayPage<T> {
  const shown = posts.length > limit ? posts.slice(0, limit) : posts;
  const hidden = posts.length - shown.length;
  return { total: posts.length, shown, hidden, more: Math.min(hidden, step) };
}

/**
 * The days' limits after "Show more" on one of them: what it shows now plus a step. Days not in
 * the map show the calendar's first page.
 */
export function showMoreOn(
  limits: ReadonlyMap<string, number>,
  dayKey: string,
  shownNow: number,
  step: number,
): ReadonlyMap<string, number> {
  return new Map(limits).set(dayKey, shownNow + step);
}
