import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { type LongTask, longTasksSince, pageClock, recordLongTasks, reportLongTasks } from './long-tasks';
import { DEMO_PASSWORD, signIn } from './support';

const POSTS = 5000;
const DAY_MS = 86_400_000;
/** Posts a day shows at first, and how many more each "Show more" adds, in both calendars. */
const DAY_PAGE = 50;
/** Seeding requests in flight at once: enough to keep the server busy, few enough to stay polite. */
const SEED_CONCURRENCY = 8;
/** Both calendars are drawn in New York: Bella's profile timezone, and the browser's for the agency. */
const TIME_ZONE = 'America/New_York';

/** Monday and Tuesday get 715 posts, the other days 714 (seeded round-robin). */
const DAY_TOTALS = [715, 715, 714, 714, 714, 714, 714];

/**
 * The Monday three weeks ahead of New York's current week, 00:00 UTC: far enough that no other test
 * puts posts in its week, and the week both calendars reach with three "Next week"s.
 */
function weekStart(): number {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  })
    .formatToParts(new Date())
    .reduce<Record<string, number>>((all, part) => ({ ...all, [part.type]: Number(part.value) }), {});
  const today = Date.UTC(parts['year'], parts['month'] - 1, parts['day']);
  return today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS + 21 * DAY_MS;
}

/**
 * A week with 5,000 posts in both calendars (issue 13: no long task over 100 ms while loading or
 * scrolling such a week, and every post of it reachable). Each day shows its first posts and says
 * how many more there are; "Show N more" reveals them, until the day is complete. The long tasks
 * of loading the week, scrolling it and revealing a whole day are printed and attached to the
 * test; they are not asserted, since durations depend on the machine.
 *
 * The posts are real, made through the API of the server under test, at 12:00 to 20:00 UTC so they
 * fall on the same seven days in New York.
 */
/*
 * No Playwright trace here: recording one snapshots the whole document at every action, reading the
 * scroll position of each of its thousands of elements, and the Long Tasks API counted those
 * snapshots (50-200 ms each on this machine) against the calendar.
 */
test.use({ trace: 'off' });

test.describe('a week with 5,000 posts', () => {
  test.beforeAll(async ({ playwright }, testInfo) => {
    test.setTimeout(240_000);
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    try {
      const started = Date.now();
      const made = await seedWeek(request);
      console.log(`seeded ${made} posts through the API in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await request.dispose();
    }
  });

  test('the portal week loads, scrolls and reveals every post', async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const page = await (await browser.newContext({ timezoneId: TIME_ZONE })).newPage();
    await recordLongTasks(page);
    await page.goto('/login');
    await signIn(page, 'bella@blueharbor.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    const calendar: Calendar = {
      loading: 'mat-progress-bar[aria-label="Loading the week"]',
      post: 'li.post',
      more: 'button.more',
    };

    const phases: Record<string, LongTask[]> = {};
    try {
      await exerciseWeek(page, calendar, phases);
    } finally {
      reportLongTasks(testInfo, 'portal', phases);
    }

    await expectEveryPostReachable(page, calendar);
    // Still responsive: moving on to an empty week answers at once.
    await page.getByRole('button', { name: 'Next week', exact: true }).click();
    await expect(page.getByText(/Nothing is scheduled or published this week/)).toBeVisible();
  });

  test('the agency week loads, scrolls and reveals every post', async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const page = await (await browser.newContext({ timezoneId: TIME_ZONE })).newPage();
    await recordLongTasks(page);
    await page.goto('/login');
    await signIn(page, 'member@northwind.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await expect(page.getByRole('heading', { name: 'Calendar', level: 1 })).toBeVisible();
    const calendar: Calendar = {
      loading: 'mat-progress-bar[aria-label="Loading posts"]',
      post: 'atr-post-chip',
      more: 'button.day__more',
    };

    const phases: Record<string, LongTask[]> = {};
    try {
      await exerciseWeek(page, calendar, phases);
    } finally {
      reportLongTasks(testInfo, 'agency', phases);
    }

    await expectEveryPostReachable(page, calendar);
    // Still responsive: a post opens in the editor, and the next week (empty) answers at once.
    await page.locator('li.day').nth(2).locator('atr-post-chip button').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const period = page.locator('.period__label');
    const crowdedWeek = await period.innerText();
    await page.getByRole('button', { name: 'Next week', exact: true }).click();
    await expect(period).not.toHaveText(crowdedWeek);
    await expect(page.locator(calendar.loading)).toHaveCount(0);
    await expect(page.locator('atr-post-chip')).toHaveCount(0);
  });
});

/** Makes the week's 5,000 posts; a retried worker finds them made and adds only what is missing. */
async function seedWeek(request: APIRequestContext): Promise<number> {
  const login = await request.post('/api/v1/auth/login', {
    data: { email: 'member@northwind.test', password: DEMO_PASSWORD },
  });
  const auth = { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const accounts = (await (await request.get('/api/v1/social-accounts', { headers: auth })).json()) as {
    items: Array<{ id: string; clientId: string; displayName: string }>;
  };
  const harbor = accounts.items.find((a) => a.displayName === 'Blue Harbor Hotels');
  if (!harbor) throw new Error('The demo Blue Harbor Hotels account is missing');

  const from = weekStart();
  const existing = await request.get('/api/v1/posts', {
    headers: auth,
    params: { from: new Date(from).toISOString(), to: new Date(from + 7 * DAY_MS).toISOString() },
  });
  expect(existing.status()).toBe(200);
  const made = ((await existing.json()) as { items: unknown[] }).items.length;

  // Seven days round-robin, 12:00 to 20:00 UTC (see DAY_TOTALS).
  let next = made;
  const worker = async () => {
    while (next < POSTS) {
      const i = next++;
      const at = new Date(from + (i % 7) * DAY_MS + (12 + (i % 8)) * 3_600_000);
      const response = await request.post('/api/v1/posts', {
        headers: auth,
        data: {
          clientId: harbor.clientId,
          text: `Scale post ${i}`,
          accountIds: [harbor.id],
          scheduledAt: at.toISOString(),
        },
      });
      expect(response.status()).toBe(201);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  return POSTS - made;
}

/** What the test looks for in a calendar, as CSS selectors (see waitForCount for why). */
interface Calendar {
  /** Shown while the week loads. */
  readonly loading: string;
  /** One post in a day. */
  readonly post: string;
  /** A day's "Show N more" button. */
  readonly more: string;
}

/**
 * Steps three weeks ahead, one "Next week" at a time; then records the long tasks of the last step
 * (loading the crowded week until every day shows its first page), of scrolling the week from top
 * to bottom with the mouse wheel, and of revealing Monday completely with "Show N more".
 */
async function exerciseWeek(page: Page, calendar: Calendar, phases: Record<string, LongTask[]>): Promise<void> {
  const nextWeek = page.getByRole('button', { name: 'Next week', exact: true });
  for (let week = 0; week < 2; week++) {
    await nextWeek.click();
    await expect(page.locator(calendar.loading)).toHaveCount(0);
  }

  const loadStart = await pageClock(page);
  await nextWeek.click();
  await waitForCount(page, calendar.post, 7 * DAY_PAGE);
  await waitForCount(page, calendar.loading, 0);
  await waitForCount(page, 'li.day', 7);
  phases['load'] = await longTasksSince(page, loadStart);

  const scrollStart = await pageClock(page);
  await scrollToBottom(page, page.locator('ol.days'));
  phases['scroll'] = await longTasksSince(page, scrollStart);

  const monday = 'li.day:first-child';
  const moreStart = await pageClock(page);
  // Bounded: Monday's 715 posts take 14 pages of 50.
  for (let shown = DAY_PAGE; shown < DAY_TOTALS[0]; shown += DAY_PAGE) {
    await clickWithMouse(page, `${monday} ${calendar.more}`);
    await waitForCount(page, `${monday} ${calendar.post}`, Math.min(shown + DAY_PAGE, DAY_TOTALS[0]));
  }
  phases['reveal a day'] = await longTasksSince(page, moreStart);
}

/*
 * While long tasks are recorded, the test looks at the page only through the page's own
 * querySelectorAll. Playwright's selector engine walks every element of the document (shadow roots
 * included) on each poll; with 5,000 posts on the page one poll took 50-130 ms on this machine, and
 * the Long Tasks API counts those tasks against the page.
 */

/** Waits until `selector` matches exactly `count` elements. */
async function waitForCount(page: Page, selector: string, count: number): Promise<void> {
  await page.waitForFunction(
    ([css, wanted]) => document.querySelectorAll(css).length === wanted,
    [selector, count] as const,
    { polling: 50, timeout: 30_000 },
  );
}

/**
 * Clicks the element `selector` matches first with the mouse, as a user would: scrolls it to the
 * middle of the screen and clicks once the point is on it (posts coming into view may still move it).
 */
async function clickWithMouse(page: Page, selector: string): Promise<void> {
  const point = await page.waitForFunction(
    async (css) => {
      const element = document.querySelector<HTMLElement>(css);
      if (!element) return null;
      element.scrollIntoView({ block: 'center' });
      await new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(settled)));
      const rect = element.getBoundingClientRect();
      const at = { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      return element.contains(document.elementFromPoint(at.x, at.y)) ? at : null;
    },
    selector,
    { polling: 50, timeout: 30_000 },
  );
  const { x, y } = (await point.jsonValue()) as { x: number; y: number };
  await page.mouse.click(x, y);
}

/**
 * Every post of the week is reachable: the days' counts add up to 5,000, each day shows its first
 * page and says how many it does not show, and Monday (revealed completely above) lists all of its.
 */
async function expectEveryPostReachable(page: Page, calendar: Calendar): Promise<void> {
  const days = page.locator('li.day');
  const totals: number[] = [];
  for (let index = 0; index < 7; index++) totals.push(await dayTotal(days.nth(index)));
  expect(totals).toEqual(DAY_TOTALS);
  expect(totals.reduce((sum, total) => sum + total, 0)).toBe(POSTS);

  await expect(days.first().locator(calendar.post)).toHaveCount(totals[0]);
  await expect(days.first().getByRole('button', { name: /^Show \d+ more/ })).toHaveCount(0);
  for (let index = 1; index < 7; index++) {
    const day = days.nth(index);
    await expect(day.locator(calendar.post)).toHaveCount(DAY_PAGE);
    await expect(day.getByRole('button', { name: /^Show \d+ more/ })).toContainText(`Show ${DAY_PAGE} more`);
    await expect(day.getByRole('button', { name: /^Show \d+ more/ })).toContainText(
      `(${totals[index] - DAY_PAGE} not shown)`,
    );
  }
}

/** The number of posts a day says it has ("715 posts"). */
async function dayTotal(day: Locator): Promise<number> {
  const text = await day.locator('.day__count').innerText();
  const total = Number.parseInt(text, 10);
  if (Number.isNaN(total)) throw new Error(`No post count in "${text}"`);
  return total;
}

/** Wheel-scrolls whatever scrolls the element (the window or the app's content pane) to its end. */
async function scrollToBottom(page: Page, inside: Locator): Promise<void> {
  const scroller = await inside.evaluateHandle((element) => {
    for (let node = element.parentElement; node; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowY;
      if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight) return node;
    }
    return document.scrollingElement ?? document.documentElement;
  });
  const position = () => scroller.evaluate((node) => node.scrollTop);
  const atEnd = () => scroller.evaluate((node) => node.scrollTop + node.clientHeight >= node.scrollHeight - 1);
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.mouse.move(viewport.width / 2, viewport.height / 2);
  // Bounded: 400 wheel turns of 600 px is far more than the tallest week.
  for (let turn = 0; turn < 400 && !(await atEnd()); turn++) {
    const before = await position();
    await page.mouse.wheel(0, 600);
    await expect.poll(position).toBeGreaterThan(before);
  }
  expect(await atEnd()).toBe(true);
}
