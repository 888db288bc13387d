import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { DEMO_PASSWORD, expectNoViolations, latestEmailTo, linkIn, personAddress, signIn } from './support';

const OWNER = 'owner@northwind.test';

const openContexts: BrowserContext[] = [];

test.afterEach(async () => {
  for (const context of openContexts.splice(0)) await context.close();
});

async function signedIn(browser: Browser, email: string, width = 1280): Promise<Page> {
  // Its own context, as axe-core needs; closed after the test.
  const context = await browser.newContext({ viewport: { width, height: 900 }, extraHTTPHeaders: personAddress() });
  openContexts.push(context);
  const page = await context.newPage();
  await page.goto('/login');
  await signIn(page, email);
  await expect(page).toHaveURL(/\/(portal|app)/);
  return page;
}

async function ownerHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const response = await request.post('/api/v1/auth/login', {
    data: { email: OWNER, password: DEMO_PASSWORD },
    headers: personAddress(),
  });
  expect(response.ok()).toBe(true);
  return { Authorization: `Bearer ${((await response.json()) as { accessToken: string }).accessToken}` };
}

/** What has focus: its tag, and its accessible text as far as a test needs it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return { tag: active?.tagName.toLowerCase() ?? '', text: active?.textContent?.trim() ?? '' };
  });

/** Whether an element's box lies inside another's (to the pixel). */
async function inside(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  if (!a || !b) return false;
  return (
    a.x >= b.x - 0.5 &&
    a.y >= b.y - 0.5 &&
    a.x + a.width <= b.x + b.width + 0.5 &&
    a.y + a.height <= b.y + b.height + 0.5
  );
}

/** The ring Material's strong focus indicator draws around a focused control (::before of its indicator). */
const focusRing = (control: Locator) =>
  control.evaluate((element) => {
    const indicator = element.querySelector('.mat-focus-indicator') ?? element;
    const ring = getComputedStyle(indicator, '::before');
    return {
      content: ring.content,
      width: ring.borderTopWidth,
      style: ring.borderTopStyle,
      color: ring.borderTopColor,
    };
  });

const DAY = 86_400_000;

/** When the demo seed scheduled its post number `index` (days from today at 9, 13 or 17 UTC; see demo-social.ts). */
function seededAt(index: number): Date {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  return new Date(today.getTime() + (index - 2) * DAY + [9, 13, 17][index % 3] * 3_600_000);
}

/** Monday 00:00 UTC of the date's week (the test browsers run in UTC; Berlin agrees for these hours). */
function weekStart(date: Date): number {
  const day = new Date(date);
  day.setUTCHours(0, 0, 0, 0);
  return day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY;
}

/** Steps a calendar forward until the period that holds `date` (at most one step for the seeded posts). */
async function showPeriodOf(page: Page, date: Date, view: 'week' | 'month'): Promise<void> {
  const now = new Date();
  const later =
    view === 'week'
      ? weekStart(date) > weekStart(now)
      : date.getUTCFullYear() * 12 + date.getUTCMonth() > now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (later) await page.getByRole('button', { name: `Next ${view}`, exact: true }).click();
}

test.describe('The portal, finished', () => {
  test('the dashboard shows what is coming with its pictures and the latest uploads, and a real error state', async ({
    browser,
  }) => {
    const anna = await signedIn(browser, 'anna@acme.test');
    const coming = anna.getByRole('region', { name: 'Coming up' });
    await expect(coming.getByRole('listitem').first()).toBeVisible();
    // The demo's first post that is always ahead (tomorrow, 9:00 UTC), whatever the time of day the test runs.
    await expect(coming).toContainText('Our autumn menu');
    const uploads = anna.getByRole('region', { name: 'Latest uploads' });
    await expect(uploads.getByText('storefront.jpg')).toBeVisible();
    await expect(uploads.locator('img').first()).toHaveJSProperty('complete', true);
    // Nothing repeats the navigation, and nothing is announced before it is built.
    await expect(anna.getByRole('region', { name: 'Quick actions' })).toHaveCount(0);
    await expect(anna.locator('body')).not.toContainText(/coming soon|contracts/i);

    // The overview fails with nothing but a reason phrase: a plain message, a way to retry, no all-clear.
    await anna.route('**/api/v1/portal/overview', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' }),
      }),
    );
    await anna.reload();
    const notice = anna.getByRole('alert').filter({ hasText: 'We could not load your portal' });
    await expect(notice).toContainText('Something went wrong on our side');
    await expect(anna.locator('body')).not.toContainText(/internal server error/i);
    await expect(anna.getByText('Nothing needs your attention')).toHaveCount(0);
    await anna.unroute('**/api/v1/portal/overview');
    await notice.getByRole('button', { name: 'Try again' }).click();
    // The demo's open invoice (Anna manages Acme's billing) is what needs her attention.
    await expect(anna.getByRole('region', { name: 'Needs your attention' })).toContainText(/waits? for payment/);

    // One section failing says so in place; the rest of the page stands.
    await anna.route('**/api/v1/portal/calendar/upcoming**', (route) => route.abort('connectionrefused'));
    await anna.reload();
    await expect(anna.getByRole('region', { name: 'Coming up' })).toContainText('We could not load the next posts');
    await expect(uploads.getByText('storefront.jpg')).toBeVisible();
    await anna.unroute('**/api/v1/portal/calendar/upcoming**');
    await anna.getByRole('region', { name: 'Coming up' }).getByRole('button', { name: 'Try again' }).click();
    await expect(anna.getByRole('region', { name: 'Coming up' })).toContainText('Our autumn menu');
    await anna.close();
  });

  test('the agency is offered only permissions that lead somewhere, and no page says "coming soon"', async ({
    browser,
  }) => {
    const owner = await signedIn(browser, OWNER);
    for (const link of [
      'Dashboard',
      'Calendar',
      'Media',
      'Social accounts',
      'Contracts',
      'Messages',
      'Billing',
      'Clients',
      'Team',
      'Branding',
    ]) {
      // "Messages, 1 unread": a badge may follow the name.
      await owner
        .getByRole('navigation')
        .getByRole('link', { name: new RegExp(`^${link}(,|$)`) })
        .click();
      await expect(owner.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(owner.locator('body')).not.toContainText(/coming soon/i);
    }
    await owner.getByRole('navigation').getByRole('link', { name: 'Clients', exact: true }).click();
    await owner.getByRole('button', { name: 'More actions for Acme Coffee' }).click();
    await owner.getByRole('menuitem', { name: 'Permissions' }).click();
    const dialog = owner.getByRole('dialog');
    await expect(dialog.getByRole('checkbox')).toHaveCount(8);
    for (const area of ['Calendar', 'Media', 'Accounts', 'Team', 'Approvals', 'Contracts', 'Messages', 'Billing']) {
      await expect(dialog.getByRole('checkbox', { name: new RegExp(area) })).toBeVisible();
    }
    await expect(dialog).not.toContainText(/course|communit/i);
    await owner.close();

    const anna = await signedIn(browser, 'anna@acme.test');
    for (const page of ['Calendar', 'Media', 'Accounts', 'Team', 'Messages']) {
      await anna.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: page }).click();
      await expect(anna.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(anna.locator('body')).not.toContainText(/coming soon/i);
    }
    // The demo platform speaks plainly to a client: no "Local sandbox", no lab flask.
    await anna.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Accounts' }).click();
    await expect(anna.getByRole('button', { name: 'Connect Demo platform' })).toBeVisible();
    await expect(anna.locator('body')).not.toContainText(/local sandbox/i);
    await anna.close();
  });

  test('the 360 px top bar holds long agency and client names and a client switcher', async ({ browser, request }) => {
    const headers = await ownerHeaders(request);
    const clients = (await (await request.get('/api/v1/clients', { headers })).json()) as {
      items: Array<{ id: string; name: string }>;
    };
    const acme = clients.items.find((client) => client.name === 'Acme Coffee');
    const harbor = clients.items.find((client) => client.name === 'Blue Harbor Hotels');
    if (!acme || !harbor) throw new Error('The demo clients are missing');
    const portalName = 'Northwind Creative Agency International Partners';
    const acmeName = 'Acme Coffee Roasters and Neighbourhood Bakeries Worldwide';
    const harborName = 'Blue Harbor Hotels and Seaside Resorts of the North Atlantic';
    try {
      await request.put('/api/v1/branding', { headers, data: { portalName } });
      await request.patch(`/api/v1/clients/${acme.id}`, { headers, data: { name: acmeName } });
      await request.patch(`/api/v1/clients/${harbor.id}`, { headers, data: { name: harborName } });

      const sam = await signedIn(browser, 'sam@multi.test', 360);
      await expect(sam.getByRole('heading', { name: /Welcome, Sam/ })).toBeVisible();
      const bar = sam.locator('.portal-bar');
      const title = bar.locator('.portal-title');
      await expect(title).toHaveText(portalName);
      // The whole name is shown (on two lines at most), not cut after a word.
      expect(await title.evaluate((element) => element.scrollHeight <= element.clientHeight + 1)).toBe(true);
      const switcher = sam.getByRole('button', { name: /^Switch client, / });
      await expect(switcher).toBeVisible();
      // The name gives way inside the pill; its arrow stays in it, and nothing leaves the bar or the page.
      expect(await inside(switcher.locator('.client-switch__arrow'), switcher)).toBe(true);
      expect(await inside(switcher, bar)).toBe(true);
      expect((await switcher.boundingBox())?.width ?? 0).toBeGreaterThan(150);
      for (const control of [
        sam.getByRole('button', { name: 'Portal pages' }),
        sam.getByRole('button', { name: /^Account menu/ }),
      ]) {
        expect(await inside(control, bar)).toBe(true);
      }
      expect(
        await sam.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBe(0);

      // The switcher's menu names both clients whole.
      await switcher.click();
      for (const name of [acmeName, harborName]) {
        const option = sam.getByRole('menuitemradio', { name });
        await expect(option).toBeVisible();
        expect(await option.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      }
      await sam.getByRole('menuitemradio', { name: harborName }).click();
      await expect(sam.getByRole('button', { name: `Switch client, ${harborName} is active` })).toBeVisible();
      await sam.close();
    } finally {
      await request.put('/api/v1/branding', { headers, data: { portalName: '' } });
      await request.patch(`/api/v1/clients/${acme.id}`, { headers, data: { name: 'Acme Coffee' } });
      await request.patch(`/api/v1/clients/${harbor.id}`, { headers, data: { name: 'Blue Harbor Hotels' } });
    }
  });

  test('focus follows the person: to the heading after signing in and moving, kept after actions', async ({
    browser,
  }) => {
    const anna = await signedIn(browser, 'anna@acme.test');
    // Signed in: the new page's heading has focus (and is read out), not the body.
    await expect.poll(() => focused(anna)).toEqual({ tag: 'h1', text: 'Welcome, Anna' });

    // Moving with the keyboard: the portal navigation shows a solid ring, and focus lands on the next heading.
    const calendarLink = anna.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Calendar' });
    await calendarLink.focus();
    await anna.keyboard.press('Shift+Tab');
    await anna.keyboard.press('Tab');
    await expect(calendarLink).toBeFocused();
    expect(await focusRing(calendarLink)).toMatchObject({ width: '3px', style: 'solid' });
    expect((await focusRing(calendarLink)).content).not.toBe('none');
    await anna.keyboard.press('Enter');
    await expect(anna).toHaveURL(/\/portal\/calendar/);
    await expect.poll(() => focused(anna)).toEqual({ tag: 'h1', text: 'Calendar' });

    // "Today" never disables itself under the keyboard, even when today is already shown.
    await anna.getByRole('button', { name: 'Next week', exact: true }).click();
    const today = anna.getByRole('button', { name: 'Today', exact: true });
    await today.focus();
    await anna.keyboard.press('Enter');
    await anna.keyboard.press('Enter');
    await expect(today).toBeEnabled();
    await expect(today).toBeFocused();

    // Saving the profile keeps focus on the button that saved it; the filled button shows its ring.
    await anna.getByRole('button', { name: /^Account menu/ }).click();
    await anna.getByRole('menuitem', { name: 'Settings' }).click();
    await expect.poll(() => focused(anna)).toEqual({ tag: 'h1', text: 'Settings' });
    const name = anna.getByLabel('Name', { exact: true });
    await name.fill('Anna Acme');
    await name.press('Tab');
    const save = anna.getByRole('button', { name: 'Save profile' });
    // Tab until the save button (time zone lies between).
    for (let step = 0; step < 5 && !(await save.evaluate((el) => el === document.activeElement)); step++) {
      await anna.keyboard.press('Tab');
    }
    await expect(save).toBeFocused();
    const ring = await focusRing(save);
    expect(ring).toMatchObject({ width: '3px', style: 'solid' });
    expect(ring.content).not.toBe('none');
    expect(ring.color).not.toBe('rgba(0, 0, 0, 0)');
    await anna.keyboard.press('Enter');
    await expect(anna.getByText(/Profile saved/)).toBeVisible();
    await expect(save).toBeFocused();
    await anna.close();
  });

  test('forms speak up after a submit or a change, and their hints never run into the next field at 360 px', async ({
    browser,
    request,
  }) => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 }, extraHTTPHeaders: personAddress() });
    await page.goto('/signup');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Tabbing through the empty form marks nothing red.
    await page.getByLabel('Agency name').focus();
    for (let step = 0; step < 6; step++) await page.keyboard.press('Tab');
    await expect(page.locator('.mat-form-field-invalid')).toHaveCount(0);
    await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);

    // The password hint sits above the button, clear of it.
    const hint = page.locator('mat-hint').filter({ hasText: /characters/ });
    const submit = page.getByRole('button', { name: 'Create agency' });
    const [hintBox, submitBox] = [await hint.boundingBox(), await submit.boundingBox()];
    expect(hintBox && submitBox && hintBox.y + hintBox.height <= submitBox.y).toBe(true);

    // A changed, wrong field speaks once left; submitting shows every problem.
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Email').press('Tab');
    await expect(page.locator('.mat-form-field-invalid')).toHaveCount(1);
    await submit.click();
    expect(await page.locator('.mat-form-field-invalid').count()).toBeGreaterThan(1);
    await page.close();

    // The invitation page: the password hint clears the next field.
    const headers = await ownerHeaders(request);
    const clients = (await (await request.get('/api/v1/clients', { headers })).json()) as {
      items: Array<{ id: string; name: string }>;
    };
    const harbor = clients.items.find((client) => client.name === 'Blue Harbor Hotels');
    const email = `hint-${Date.now()}@blueharbor.test`;
    const invited = await request.post(`/api/v1/clients/${harbor?.id}/invitations`, {
      headers,
      data: { name: 'Hannah Hint', email, role: 'member' },
    });
    expect(invited.status()).toBe(201);
    const link = linkIn((await latestEmailTo(request, email)).text, '/invite');
    const invitee = await browser.newPage({ viewport: { width: 360, height: 800 }, extraHTTPHeaders: personAddress() });
    await invitee.goto(new URL(link).pathname + new URL(link).search);
    const password = invitee.locator('mat-form-field').filter({ has: invitee.getByLabel('Password', { exact: true }) });
    const passwordHint = password.locator('mat-hint');
    await expect(passwordHint).toBeVisible();
    const below = invitee.locator('mat-form-field, button[type=submit]').filter({ hasNot: passwordHint });
    const hintBottom = await passwordHint.evaluate((element) => element.getBoundingClientRect().bottom);
    const fieldTop = await password.evaluate((element) => element.getBoundingClientRect().top);
    for (const box of await below.evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect().toJSON()))) {
      // Everything below the password field starts below its hint.
      if ((box as DOMRect).top > fieldTop) expect((box as DOMRect).top).toBeGreaterThanOrEqual(hintBottom);
    }
    await invitee.close();
  });

  test('both calendars speak one language: Today, week and month, status symbols, pictures on cards', async ({
    browser,
  }) => {
    const anna = await signedIn(browser, 'anna@acme.test');
    await anna.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Calendar' }).click();
    // Demo posts 3 ("Our autumn menu", one picture) and 5 ("Latte art throwdown", two).
    await showPeriodOf(anna, seededAt(3), 'week');
    const autumn = anna.locator('li.post', { hasText: 'Our autumn menu' });
    await expect(autumn.getByRole('img', { name: 'Picture 1 of 1' })).toBeVisible();
    await expect(autumn.locator('.post__status mat-icon')).toHaveText('schedule');
    await expect(autumn.locator('.post__status')).toContainText('Scheduled');
    // An empty day says so once, with no count beside it.
    for (const count of await anna.locator('.day__count').allTextContents()) expect(count.trim()).not.toMatch(/^0/);

    // The month: the same bar, the month's name, the pictures still on the cards.
    await anna.getByRole('radio', { name: 'Month' }).click();
    const month = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric' }).format(new Date());
    await expect(anna.getByRole('button', { name: 'Next month', exact: true })).toBeVisible();
    await anna.getByRole('button', { name: 'Today', exact: true }).click();
    await expect(anna.getByRole('heading', { level: 2, name: month })).toBeVisible();
    await showPeriodOf(anna, seededAt(3), 'month');
    await expect(anna.locator('li.post', { hasText: 'Our autumn menu' }).locator('img')).toBeVisible();
    await anna.getByRole('button', { name: 'Next month', exact: true }).click();
    await expect(anna.getByRole('heading', { level: 2, name: month })).toHaveCount(0);
    await anna.getByRole('button', { name: 'Today', exact: true }).click();
    await expect(anna.getByRole('heading', { level: 2, name: month })).toBeVisible();
    await anna.close();

    // The agency's calendar shows the same pictures on its cards.
    const member = await signedIn(browser, 'member@northwind.test');
    await member.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await showPeriodOf(member, seededAt(5), 'week');
    const chip = member.locator('atr-post-chip', { hasText: 'Latte art throwdown' });
    await expect(chip.locator('img')).toHaveCount(2);
    await expect(chip.locator('img').first()).toBeVisible();
    await member.close();
  });

  test('Settings uses the width of a wide screen', async ({ browser }) => {
    const anna = await signedIn(browser, 'anna@acme.test');
    await anna.goto('/portal/settings');
    const profile = anna.getByRole('region', { name: 'Profile', exact: true });
    const intro = profile.locator('.setting__intro');
    const card = profile.locator('.card');
    const [introBox, cardBox] = [await intro.boundingBox(), await card.boundingBox()];
    // Side by side: what the section is for on the left, its form on the right.
    expect(introBox && cardBox && introBox.x + introBox.width <= cardBox.x).toBe(true);
    expect((introBox?.width ?? 0) + (cardBox?.width ?? 0)).toBeGreaterThan(800);
    await anna.setViewportSize({ width: 360, height: 800 });
    const [narrowIntro, narrowCard] = [await intro.boundingBox(), await card.boundingBox()];
    expect(narrowIntro && narrowCard && narrowIntro.y + narrowIntro.height <= narrowCard.y).toBe(true);
    await anna.close();
  });

  test('post approval end to end: the client asks for changes, the agency edits, the client approves', async ({
    browser,
    request,
  }) => {
    const headers = await ownerHeaders(request);
    const clients = (await (await request.get('/api/v1/clients', { headers })).json()) as {
      items: Array<{ id: string; name: string; permissions: string[] }>;
    };
    const acme = clients.items.find((client) => client.name === 'Acme Coffee');
    if (!acme) throw new Error('The demo client is missing');
    const text = `Pumpkin latte is back ${Date.now()}`;
    const at = new Date(Date.now() + 3 * 3_600_000);
    try {
      // The owner turns Approvals on for Acme Coffee (off by default).
      const owner = await signedIn(browser, OWNER);
      await owner.getByRole('navigation').getByRole('link', { name: 'Clients', exact: true }).click();
      await owner.getByRole('button', { name: 'More actions for Acme Coffee' }).click();
      await owner.getByRole('menuitem', { name: 'Permissions' }).click();
      await owner
        .getByRole('dialog')
        .getByRole('checkbox', { name: /Approvals/ })
        .check();
      await owner.getByRole('dialog').getByRole('button', { name: 'Save permissions' }).click();
      await expect(owner.getByRole('dialog')).toBeHidden();
      await owner.close();

      // A member composes a post that needs Acme's approval.
      const mia = await signedIn(browser, 'member@northwind.test');
      await mia.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
      await mia.getByRole('button', { name: 'New post', exact: true }).click();
      const composer = mia.getByRole('dialog');
      await composer.getByRole('combobox', { name: 'Client' }).click();
      await mia.getByRole('option', { name: 'Acme Coffee' }).click();
      await composer
        .getByRole('checkbox', { name: /Acme Coffee/ })
        .first()
        .check();
      await composer.getByLabel('Text').fill(text);
      await composer.getByLabel('Date and time').fill(at.toISOString().slice(0, 16));
      await composer.getByRole('checkbox', { name: 'Ask Acme Coffee to approve it first' }).check();
      await composer.getByRole('button', { name: 'Schedule' }).click();
      await expect(composer).toBeHidden();
      await showPeriodOf(mia, at, 'week');
      const chip = mia.locator('atr-post-chip', { hasText: text });
      await expect(chip.locator('button').first()).toHaveAttribute('title', /Waiting for the client's approval/);

      // The client is told on the dashboard, and asks for changes (a reason is required).
      const anna = await signedIn(browser, 'anna@acme.test');
      await expect(anna.getByText('A post waits for your approval.')).toBeVisible();
      await anna.getByRole('link', { name: 'Review posts' }).click();
      await expect(anna.getByRole('heading', { level: 1, name: 'To review' })).toBeVisible();
      const card = anna.locator('atr-review-card', { hasText: text });
      await expect(card.getByText('Waiting for you')).toBeVisible();
      await card.getByRole('button', { name: 'Request changes' }).click();
      await expect(card.getByLabel('What should change?')).toBeFocused();
      await card.getByRole('button', { name: 'Send request' }).click();
      await expect(card.getByText('Say what should change.')).toBeVisible();
      await expectNoViolations(anna);
      await card.getByLabel('What should change?').fill('Please use the autumn photo.');
      await card.getByRole('button', { name: 'Send request' }).click();
      await expect(card.getByText("Waiting for Northwind Creative's changes")).toBeVisible();
      await expect(card.getByRole('button', { name: 'Approve' })).toHaveCount(0);

      // The agency sees the request, writes a note only it sees, and edits the post: back to the client.
      await mia.reload();
      await showPeriodOf(mia, at, 'week');
      await expect(chip.locator('button').first()).toHaveAttribute('title', /Changes requested by Anna Acme/);
      await chip.locator('button').first().click();
      const editor = mia.getByRole('dialog');
      await expect(editor.getByText('Changes requested by Anna Acme')).toBeVisible();
      await expect(editor.getByRole('region', { name: 'Conversation' })).toContainText('Please use the autumn photo.');
      await editor.getByLabel('Write a comment').fill('Check we may use that photo.');
      await editor.getByRole('checkbox', { name: 'Only for the agency' }).check();
      await editor.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(editor.getByRole('region', { name: 'Conversation' })).toContainText('Note for the agency only');
      await expectNoViolations(mia);
      await editor.getByLabel('Text').fill(`${text} (autumn photo)`);
      await editor.getByRole('button', { name: 'Schedule' }).click();
      await expect(editor).toBeHidden();

      // The client sees it again (without the agency's note) and approves it.
      await anna.reload();
      const again = anna.locator('atr-review-card', { hasText: `${text} (autumn photo)` });
      await expect(again.getByText('Waiting for you')).toBeVisible();
      await anna.setViewportSize({ width: 360, height: 800 });
      await expectNoViolations(anna);
      expect(
        await anna.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBe(0);
      await anna.setViewportSize({ width: 1280, height: 900 });
      await expect(again).toContainText('Please use the autumn photo.');
      await expect(again).toContainText('Changed and sent for approval again.');
      await expect(again).not.toContainText('Check we may use that photo.');
      await again.getByRole('button', { name: 'Approve' }).click();
      await expect(anna.getByText(/^Approved\. It goes out/)).toBeVisible();
      await expect(again).toHaveCount(0);
      await expect.poll(() => focused(anna)).toMatchObject({ tag: 'h1' });

      await mia.reload();
      await showPeriodOf(mia, at, 'week');
      await expect(chip.locator('button').first()).toHaveAttribute('title', /Approved by Anna Acme/);
      await mia.close();
      await anna.close();

      // A client without Approvals has no review page and no buttons.
      const bella = await signedIn(browser, 'bella@blueharbor.test');
      await expect(bella.getByRole('link', { name: 'To review' })).toHaveCount(0);
      await bella.goto('/portal/reviews');
      await expect(bella.getByRole('heading', { level: 1, name: 'To review' })).toHaveCount(0);
      await bella.close();
    } finally {
      await request.patch(`/api/v1/clients/${acme.id}`, { headers, data: { permissions: acme.permissions } });
    }
  });
});
