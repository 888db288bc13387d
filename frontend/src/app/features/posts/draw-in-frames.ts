import { Signal, effect, linkedSignal } from '@angular/core';

/**
 * Posts a calendar adds to the page per animation frame. Drawing a post costs the browser about a
 * millisecond on a slow machine (creating its view, then style and layout), so a week's first
 * page of 350 posts drawn at once froze the page for a third of a second; in frames of this size
 * no single task comes near the 100 ms at which a page feels stuck.
 */
export const POSTS_PER_FRAME = 35;
/**
 * The agency calendar's posts can be dragged to another day, which makes each cost about twice as
 * much to draw (a drag handler of its own): fewer per frame keep its frames as short.
 */
export const DRAGGABLE_POSTS_PER_FRAME = 21;

/**
 * How many posts each day has on the page after one more frame: up to `perFrame` more, handed out
 * one per day in turn so every day's first posts appear together. `drawn` counts above `wanted`
 * (a post moved away) come back down to it.
 */
export function nextDrawn(wanted: readonly number[], drawn: readonly number[], perFrame: number): number[] {
  const next = wanted.map((count, index) => Math.min(drawn[index] ?? 0, count));
  let budget = perFrame;
  while (budget > 0) {
    let behind = false;
    for (let index = 0; index < next.length && budget > 0; index++) {
      if (next[index] < wanted[index]) {
        next[index]++;
        budget--;
        behind = true;
      }
    }
    if (!behind) {
      break;
    }
  }
  return next;
}

export function isBehind(wanted: readonly number[], drawn: readonly number[]): boolean {
  return wanted.some((count, index) => (drawn[index] ?? 0) < count);
}

/**
 * Per day, how many of the posts it should show are on the page yet: follows `wanted` (the days'
 * shown counts) a frame at a time, `perFrame` posts per frame, and starts again from none when
 * `period` changes (another week). Call in an injection context (a component's field or
 * constructor); the frames stop with the component.
 */
export function drawInFrames(
  wanted: Signal<readonly number[]>,
  period: Signal<unknown>,
  perFrame = POSTS_PER_FRAME,
): Signal<readonly number[]> {
  const drawn = linkedSignal<unknown, readonly number[]>({ source: period, computation: () => [] });
  effect((onCleanup) => {
    const target = wanted();
    const now = drawn();
    if (!isBehind(target, now)) {
      return;
    }
    const frame = requestAnimationFrame(() => drawn.set(nextDrawn(target, now, perFrame)));
    onCleanup(() => cancelAnimationFrame(frame));
  });
  return drawn.asReadonly();
}
