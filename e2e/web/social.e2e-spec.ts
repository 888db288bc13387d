import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './support';

async function signedIn(browser: Browser, email: string, timezoneId: string): Promise<Page> {
  const page = await (await browser.newContext({ timezoneId })).newPage();
  await page.goto('/login');
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/** "2026-11-23T14:05" for a datetime-local input, in the browser's (here: UTC) local time. */
const localInputValue = (date: Date) => date.toISOString().slice(0, 16);

test.describe('Social accounts, scheduling and the portal calendar', () => {
  test('a client connects an account in the portal; the agency schedules to it; it publishes; the client sees it in their timezone', async ({
    browser,
  }) => {
    test.setTimeout(150_000);
    const handle = `acme-${Date.now().toString(36)}`;
    const displayName = `Acme Sandbox ${handle.slice(-4)}`;

    // Anna (Acme Coffee's admin, Europe/Berlin) uses a browser set to New York: the portal must
    // follow her own timezone, not the browser's.
    const anna = await signedIn(browser, 'anna@acme.test', 'America/New_York');
    await anna.getByRole('navigation').getByRole('link', { name: 'Accounts' }).click();
    await expect(anna.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
    await anna.getByRole('button', { name: 'Connect Demo platform' }).click();

    // The demo platform's consent page (a real OAuth 2 authorization endpoint).
    await expect(anna.getByRole('heading', { name: 'Connect an account on the demo platform' })).toBeVisible();
    await anna.getByLabel('Account handle').fill(handle);
    await anna.getByLabel('Display name').fill(displayName);
    await anna.getByRole('button', { name: 'Authorize' }).click();

    // Back through /oauth/callback to the Accounts page, the new account listed.
    await expect(anna).toHaveURL(/\/portal\/accounts/);
    await expect(anna.getByText(displayName).first()).toBeVisible();

    // The agency sees it under Acme Coffee in Settings > Clients.
    const agency = await signedIn(browser, 'member@northwind.test', 'UTC');
    await agency.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
    await expect(agency.getByRole('list', { name: 'Social accounts of Acme Coffee' })).toContainText(displayName);

    // ... and schedules a post to it for the next minute.
    await agency.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await expect(agency.getByRole('heading', { name: 'Calendar', level: 1 })).toBeVisible();
    await agency.getByRole('button', { name: 'New post', exact: true }).click();
    const composer = agency.getByRole('dialog');
    await composer.getByRole('combobox', { name: 'Client' }).click();
    await agency.getByRole('option', { name: 'Acme Coffee' }).click();
    await composer.getByRole('checkbox', { name: new RegExp(displayName) }).check();
    const text = `Fresh roast, published by Playwright ${handle}`;
    await composer.getByLabel('Text').fill(text);
    const at = new Date(Math.ceil((Date.now() + 5_000) / 60_000) * 60_000);
    await composer.getByLabel('Date and time').fill(localInputValue(at));
    await composer.getByRole('button', { name: 'Schedule' }).click();
    await expect(composer).toBeHidden();

    // It goes out on time: the calendar shows it published, with a link to the post.
    await expect(async () => {
      await agency.reload();
      await expect(
        agency.getByRole('link', { name: new RegExp(`Open the published post \\(${displayName}`) }),
      ).toBeVisible({
        timeout: 2_000,
      });
    }).toPass({ timeout: 100_000, intervals: [2_000] });

    // Anna sees it on the portal calendar at her Berlin time, with the link.
    await anna.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await expect(anna.getByText('Europe/Berlin').first()).toBeVisible();
    const post = anna.locator('li.post', { hasText: text });
    await expect(post).toBeVisible();
    const berlinTime = new Intl.DateTimeFormat('en', {
      timeZone: 'Europe/Berlin',
      hour: 'numeric',
      minute: '2-digit',
    }).format(at);
    await expect(post.locator('time')).toHaveText(berlinTime);
    await expect(post).toContainText('Published');
    await expect(post.getByRole('link', { name: /View post/ })).toHaveAttribute('href', /\/api\/dev-oauth\/feed\//);
    // Read-only: nothing on the portal calendar edits, approves or reschedules.
    await expect(anna.getByRole('button', { name: /edit|reschedule|approve|delete/i })).toHaveCount(0);
  });

  test('a client without portal access connects through a Client Connect Link', async ({ browser }) => {
    const agency = await signedIn(browser, 'admin@northwind.test', 'UTC');
    await agency.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
    await agency.getByRole('button', { name: 'Connect links for Blue Harbor Hotels' }).click();
    const dialog = agency.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const url = await dialog.getByLabel(/New link, valid until/).inputValue();
    // The agency's branded page: its brand, and its name in the tab, never Atrium's.
    expect(url).toMatch(/\/a\/[a-z0-9-]+\/connect\?token=[\w-]+$/);

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(url);
    await expect(visitor.getByText(/Blue Harbor Hotels/).first()).toBeVisible();
    await expect(visitor).not.toHaveTitle(/Atrium/);
    await visitor.getByRole('button', { name: 'Connect Demo platform' }).click();
    await visitor.getByLabel('Account handle').fill(`harbor-${Date.now().toString(36)}`);
    await visitor.getByLabel('Display name').fill('Harbor Linked');
    await visitor.getByRole('button', { name: 'Authorize' }).click();
    await expect(visitor).toHaveURL(/\/a\/[a-z0-9-]+\/connect\?token=/);
    await expect(visitor.getByText('Harbor Linked').first()).toBeVisible();

    await agency.reload();
    await expect(agency.getByRole('list', { name: 'Social accounts of Blue Harbor Hotels' })).toContainText(
      'Harbor Linked',
    );
  });
});

test.describe('Agency calendar', () => {
  test('a scheduled post is moved to another day by dragging it; the time of day stays', async ({
    browser,
    request,
  }) => {
    const login = await request.post('/api/v1/auth/login', {
      data: { email: 'member@northwind.test', password: 'atrium-demo-2026' },
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const auth = { Authorization: `Bearer ${token}` };
    const accounts = (await (await request.get('/api/v1/social-accounts', { headers: auth })).json()) as {
      items: Array<{ id: string; clientId: string; displayName: string }>;
    };
    const acme = accounts.items.find((a) => a.displayName === 'Acme Coffee');
    if (!acme) throw new Error('The demo Acme Coffee account is missing');

    // Wednesday of next week, 10:30 UTC.
    const now = new Date();
    const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7));
    const wednesday = new Date(monday + 9 * 86_400_000 + 10.5 * 3_600_000);
    const text = `Drag me ${Date.now().toString(36)}`;
    const created = await request.post('/api/v1/posts', {
      headers: auth,
      data: { clientId: acme.clientId, text, accountIds: [acme.id], scheduledAt: wednesday.toISOString() },
    });
    expect(created.status()).toBe(201);
    const postId = ((await created.json()) as { id: string }).id;

    const page = await signedIn(browser, 'member@northwind.test', 'UTC');
    await page.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('button', { name: 'Next week', exact: true }).click();
    const chip = page.getByRole('button', { name: new RegExp(text) });
    await expect(chip).toBeVisible();

    const dayLabel = (date: Date) =>
      new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
    const thursday = new Date(wednesday.getTime() + 86_400_000);
    const target = page
      .locator('li.day')
      .filter({ has: page.getByRole('button', { name: `New post on ${dayLabel(thursday)}`, exact: true }) });
    const from = await chip.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('Calendar layout not measurable');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
    await page.mouse.up();

    await expect(target.getByRole('button', { name: new RegExp(text) })).toBeVisible();
    await expect
      .poll(
        async () =>
          ((await (await request.get(`/api/v1/posts/${postId}`, { headers: auth })).json()) as { scheduledAt: string })
            .scheduledAt,
      )
      .toBe(thursday.toISOString());
  });
});
