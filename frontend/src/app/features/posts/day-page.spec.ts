import { dayPage, showMoreOn } from './day-page';

const posts = (count: number) => Array.from({ length: count }, (_, index) => `post ${index}`);

describe('dayPage', () => {
  it('shows a crowded day’s first posts and says how many are left and what "Show more" adds', () => {
    const page = dayPage(posts(715), 50, 50);
    expect(page.total).toBe(715);
    expect(page.shown).toEqual(posts(50));
    expect(page.hidden).toBe(665);
    expect(page.more).toBe(50);
  });

  it('offers only what is left when that is less than a step', () => {
    const page = dayPage(posts(715), 700, 50);
    expect(page.shown).toHaveLength(700);
    expect(page.hidden).toBe(15);
    expect(page.more).toBe(15);
  });

  it('shows a quiet day whole, with nothing more to offer', () => {
    const page = dayPage(posts(3), 50, 50);
    expect(page).toEqual({ total: 3, shown: posts(3), hidden: 0, more: 0 });
  });
});

describe('showMoreOn', () => {
  it('raises only that day’s limit, by a step over what it shows now', () => {
    const before = new Map([['2026-03-10', 100]]);
    const after = showMoreOn(before, '2026-03-09', 50, 50);
    expect([...after]).toEqual([
      ['2026-03-10', 100],
      ['2026-03-09', 100],
    ]);
    // A new map, so a signal holding it notices the change.
    expect(after).not.toBe(before);
    expect([...before]).toEqual([['2026-03-10', 100]]);
  });

  it('reaches every post of a crowded day, one step at a time', () => {
    let limits: ReadonlyMap<string, number> = new Map();
    let page = dayPage(posts(715), 50, 50);
    let clicks = 0;
    while (page.more > 0) {
      limits = showMoreOn(limits, 'monday', page.shown.length, 50);
      page = dayPage(posts(715), limits.get('monday') ?? 50, 50);
      clicks++;
    }
    expect(clicks).toBe(14);
    expect(page.shown).toEqual(posts(715));
    expect(page.hidden).toBe(0);
  });
});
