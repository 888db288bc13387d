import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { drawInFrames, isBehind, nextDrawn } from './draw-in-frames';

describe('nextDrawn', () => {
  it('hands a frame’s posts out one per day in turn, so every day’s first posts come together', () => {
    expect(nextDrawn([50, 50, 50, 50, 50, 50, 50], [], 35)).toEqual([5, 5, 5, 5, 5, 5, 5]);
    expect(nextDrawn([50, 2, 50], [0, 0, 0], 10)).toEqual([4, 2, 4]);
  });

  it('gives the whole frame to the day that asked for more', () => {
    expect(nextDrawn([100, 50, 50], [50, 50, 50], 35)).toEqual([85, 50, 50]);
    expect(nextDrawn([100, 50, 50], [85, 50, 50], 35)).toEqual([100, 50, 50]);
  });

  it('never draws more than a day shows, and comes down when a day shows fewer', () => {
    expect(nextDrawn([3, 0], [0, 0], 35)).toEqual([3, 0]);
    expect(nextDrawn([40, 10], [50, 10], 35)).toEqual([40, 10]);
  });
});

describe('isBehind', () => {
  it('is true while some day has posts still to draw', () => {
    expect(isBehind([50, 10], [50, 9])).toBe(true);
    expect(isBehind([50, 10], [50])).toBe(true);
    expect(isBehind([50, 10], [50, 10])).toBe(false);
    expect(isBehind([40], [50])).toBe(false);
  });
});

describe('drawInFrames', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** One animation frame, then the effects it caused. */
  function frame(): void {
    jest.advanceTimersByTime(16);
    TestBed.tick();
  }

  it('catches up with the days’ posts a frame at a time, and starts again for another period', () => {
    const wanted = signal<readonly number[]>([0, 0]);
    const period = signal('week 1');
    const drawn = TestBed.runInInjectionContext(() => drawInFrames(wanted, period, 10));
    TestBed.tick();
    expect(drawn()).toEqual([]);

    wanted.set([12, 3]);
    TestBed.tick();
    // Nothing is drawn in the change that brought the posts: the first ones come with the next frame.
    expect(drawn()).toEqual([]);
    frame();
    expect(drawn()).toEqual([7, 3]);
    frame();
    expect(drawn()).toEqual([12, 3]);
    frame();
    expect(drawn()).toEqual([12, 3]);

    // "Show more" on the first day: only the new posts are drawn, over frames.
    wanted.set([30, 3]);
    TestBed.tick();
    frame();
    expect(drawn()).toEqual([22, 3]);
    frame();
    expect(drawn()).toEqual([30, 3]);

    period.set('week 2');
    wanted.set([5, 5]);
    TestBed.tick();
    expect(drawn()).toEqual([]);
    frame();
    expect(drawn()).toEqual([5, 5]);
  });
});
