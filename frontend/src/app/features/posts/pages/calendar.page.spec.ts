import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { PostList, PostQuery, PostView } from '@atrium/shared';
import { of } from 'rxjs';
import { calendarRange } from '../calendar-range';
import { ClientsApi } from '../../clients/data-access/clients.api';
import { SocialApi } from '../../social/data-access/social.api';
import { PostsApi } from '../data-access/posts.api';
import { DRAGGABLE_POSTS_PER_FRAME } from '../draw-in-frames';
import { CalendarPage } from './calendar.page';
import { weekOnPage } from '../testing/week-on-page';

const HOUR_MS = 3_600_000;

function post(index: number, at: number): PostView {
  const scheduledAt = new Date(at).toISOString();
  return {
    id: `post-${index}`,
    clientId: 'c1',
    clientName: 'Blue Harbor',
    text: `Post ${index}`,
    media: [],
    status: 'scheduled',
    scheduledAt,
    publishedAt: null,
    failureReason: null,
    createdByName: 'Mia',
    createdAt: scheduledAt,
    updatedAt: scheduledAt,
    targets: [
      {
        accountId: 'a1',
        provider: 'local',
        accountName: 'Blue Harbor',
        accountHandle: null,
        status: 'scheduled',
        url: null,
        failureReason: null,
        publishedAt: null,
      },
    ],
  };
}

const instant = (p: PostView) => Date.parse(p.scheduledAt ?? '');

describe('CalendarPage (agency) with a crowded week', () => {
  let fixture: ComponentFixture<CalendarPage>;
  let queries: PostQuery[];

  beforeEach(() => {
    jest.useFakeTimers();
    queries = [];
    // The week on screen (this week) has 120 posts on its Monday and 10 on its Tuesday; the server
    // answers every range with the ones in it.
    const monday = calendarRange('week', new Date()).from.getTime();
    const week = [
      ...Array.from({ length: 120 }, (_, index) => post(index, monday + 9 * HOUR_MS + index * 60_000)),
      ...Array.from({ length: 10 }, (_, index) => post(1000 + index, monday + 33 * HOUR_MS + index * 60_000)),
    ];
    const list = (query: PostQuery) => {
      queries.push(query);
      if (!query.from || !query.to) return of<PostList>({ items: [] });
      const [from, to] = [Date.parse(query.from), Date.parse(query.to)];
      return of<PostList>({ items: week.filter((p) => instant(p) >= from && instant(p) < to) });
    };
    TestBed.configureTestingModule({
      imports: [CalendarPage],
      providers: [
        { provide: PostsApi, useValue: { list } },
        { provide: ClientsApi, useValue: { listAll: () => of([]) } },
        { provide: SocialApi, useValue: { providers: () => of([]) } },
      ],
    });
    fixture = TestBed.createComponent(CalendarPage);
  });
  afterEach(() => jest.useRealTimers());

  const week = () =>
    weekOnPage(fixture, { post: 'atr-post-chip', more: 'button.day__more' }, (ms) => jest.advanceTimersByTime(ms));
  const frame = () => week().frame();
  const day = (index: number) => week().day(index);
  const chipsIn = (index: number) => week().postsIn(index);
  const moreButton = (index: number) => week().moreButton(index);

  it('asks for the week one day at a time', () => {
    fixture.detectChanges();
    const ranges = queries.filter((query) => query.from);
    expect(ranges).toHaveLength(7);
    for (let index = 1; index < 7; index++) expect(ranges[index].from).toBe(ranges[index - 1].to);
  });

  it('draws the days’ first posts a few per frame, never hundreds in one go', () => {
    fixture.detectChanges();
    const counts = [week().posts()];
    for (let frames = 0; frames < 10; frames++) {
      frame();
      counts.push(week().posts());
    }
    expect(counts[0]).toBe(0);
    expect(counts[counts.length - 1]).toBe(60);
    for (let index = 1; index < counts.length; index++) {
      expect(counts[index] - counts[index - 1]).toBeLessThanOrEqual(DRAGGABLE_POSTS_PER_FRAME);
    }
    // The first frame brings only part of the 60.
    expect(counts[1]).toBeGreaterThan(0);
    expect(counts[1]).toBeLessThan(60);
  });

  it('counts every post of a day and reveals the rest with "Show N more"', () => {
    fixture.detectChanges();
    week().frames(5);

    expect(day(0).querySelector('.day__count')?.textContent?.trim()).toBe('120 posts');
    expect(chipsIn(0)).toBe(50);
    expect(moreButton(0)?.textContent).toContain('Show 50 more');
    expect(moreButton(0)?.textContent).toContain('(70 not shown)');
    expect(day(1).querySelector('.day__count')?.textContent?.trim()).toBe('10 posts');
    expect(chipsIn(1)).toBe(10);
    expect(moreButton(1)).toBeNull();

    moreButton(0)?.click();
    week().frames(5);
    expect(chipsIn(0)).toBe(100);
    expect(moreButton(0)?.textContent).toContain('Show 20 more');

    moreButton(0)?.click();
    week().frames(5);
    expect(chipsIn(0)).toBe(120);
    expect(moreButton(0)).toBeNull();
  });
});
