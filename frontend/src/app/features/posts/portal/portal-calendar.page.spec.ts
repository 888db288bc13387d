import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { PortalCalendarPost, PortalCalendarResponse } from '@atrium/shared';
import { of } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { PortalCalendarApi } from '../data-access/portal-calendar.api';
import { POSTS_PER_FRAME } from '../draw-in-frames';
import { PortalCalendarPage } from './portal-calendar.page';
import { weekOnPage } from '../testing/week-on-page';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A crowded Monday (120 posts) and a quiet Tuesday (10) in whatever week the page asks for. */
function crowdedWeek(from: number, to: number): PortalCalendarResponse {
  const post = (index: number, at: number): PortalCalendarPost => ({
    id: `post-${index}`,
    text: `Post ${index}`,
    media: [],
    status: 'scheduled',
    scheduledAt: new Date(at).toISOString(),
    publishedAt: null,
    accounts: [{ id: 'a1', provider: 'local', displayName: 'Blue Harbor', handle: null, url: null }],
  });
  const items = [
    ...Array.from({ length: 120 }, (_, index) => post(index, from + 9 * HOUR_MS + index * 60_000)),
    ...Array.from({ length: 10 }, (_, index) => post(1000 + index, from + DAY_MS + 9 * HOUR_MS + index * 60_000)),
  ];
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    timezone: 'UTC',
    items,
    truncated: false,
  };
}

describe('PortalCalendarPage with a crowded week', () => {
  let fixture: ComponentFixture<PortalCalendarPage>;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      imports: [PortalCalendarPage],
      providers: [
        { provide: AuthService, useValue: { me: signal({ timezone: 'UTC' }) } },
        { provide: PortalCalendarApi, useValue: { week: (from: number, to: number) => of(crowdedWeek(from, to)) } },
      ],
    });
    fixture = TestBed.createComponent(PortalCalendarPage);
  });
  afterEach(() => jest.useRealTimers());

  const week = () =>
    weekOnPage(fixture, { post: 'li.post', more: 'button.more' }, (ms) => jest.advanceTimersByTime(ms));
  const frame = () => week().frame();
  const day = (index: number) => week().day(index);
  const postsIn = (index: number) => week().postsIn(index);
  const moreButton = (index: number) => week().moreButton(index);

  it('draws the days’ first posts a few per frame, never hundreds in one go', () => {
    fixture.detectChanges();
    const counts = [week().posts()];
    for (let frames = 0; frames < 10; frames++) {
      frame();
      counts.push(week().posts());
    }
    // Monday's first page (50) and Tuesday's 10 posts, at most POSTS_PER_FRAME more per frame.
    expect(counts[counts.length - 1]).toBe(60);
    for (let index = 1; index < counts.length; index++) {
      expect(counts[index] - counts[index - 1]).toBeLessThanOrEqual(POSTS_PER_FRAME);
    }
    // The first frame brings only part of the 60.
    expect(counts[1]).toBeGreaterThan(0);
    expect(counts[1]).toBeLessThan(60);
    expect(counts[0]).toBe(0);
  });

  it('counts every post of a day and reveals the rest with "Show N more"', () => {
    fixture.detectChanges();
    week().frames(5);

    expect(day(0).querySelector('.day__count')?.textContent?.trim()).toBe('120 posts');
    expect(postsIn(0)).toBe(50);
    expect(moreButton(0)?.textContent).toContain('Show 50 more');
    expect(moreButton(0)?.textContent).toContain('(70 not shown)');
    expect(postsIn(1)).toBe(10);
    expect(moreButton(1)).toBeNull();

    moreButton(0)?.click();
    week().frames(5);
    expect(postsIn(0)).toBe(100);
    expect(moreButton(0)?.textContent).toContain('Show 20 more');
    expect(moreButton(0)?.textContent).toContain('(20 not shown)');

    moreButton(0)?.click();
    week().frames(5);
    expect(postsIn(0)).toBe(120);
    expect(moreButton(0)).toBeNull();
    // In time order.
    const times = [...day(0).querySelectorAll('time')].map((time) => time.getAttribute('datetime') ?? '');
    expect(times).toEqual([...times].sort());
  });
});
