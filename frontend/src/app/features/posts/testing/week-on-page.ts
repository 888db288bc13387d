import type { ComponentFixture } from '@angular/core/testing';

/** What a calendar page's spec looks for: one post in a day, and a day's "Show N more" button. */
export interface CalendarSelectors {
  readonly post: string;
  readonly more: string;
}

/**
 * Drives a calendar page's week under fake timers (the page draws its posts a few per animation
 * frame) and reads its days, for the crowded-week specs both calendars share.
 */
export function weekOnPage<T>(
  fixture: ComponentFixture<T>,
  selectors: CalendarSelectors,
  /** Moves the fake clock on (jest.advanceTimersByTime; not called here, so the app build needs no jest types). */
  advance: (ms: number) => void,
) {
  const root = fixture.nativeElement as HTMLElement;
  const day = (index: number) => root.querySelectorAll('li.day')[index] as HTMLElement;
  /** One animation frame and the change detection it brings. */
  const frame = () => {
    advance(16);
    fixture.detectChanges();
  };
  return {
    root,
    day,
    frame,
    frames: (count: number) => {
      for (let index = 0; index < count; index++) frame();
    },
    /** All posts on the page. */
    posts: () => root.querySelectorAll(selectors.post).length,
    postsIn: (index: number) => day(index).querySelectorAll(selectors.post).length,
    moreButton: (index: number) => day(index).querySelector<HTMLButtonElement>(selectors.more),
  };
}
