import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { apiAs, expectAccessible, expectNoHorizontalScroll, personAddress, signIn } from './support';

const OWNER = 'owner@northwind.test';
const MEMBER = 'member@northwind.test';
const ANNA = 'anna@acme.test';

/** A 1×1 PNG, as a phone would attach a photo. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const openContexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const context of openContexts.splice(0)) await context.close();
});

async function signedIn(browser: Browser, email: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 780 : 900 },
    hasTouch: width < 600,
    extraHTTPHeaders: personAddress(),
  });
  openContexts.push(context);
  const page = await context.newPage();
  await page.goto('/login');
  await signIn(page, email);
  await expect(page).toHaveURL(/\/(portal|app)/);
  return page;
}

test.describe('Messages', () => {
  let acmeId = '';
  let acmePermissions: string[] = [];

  test.beforeAll(async ({ request }) => {
    const headers = await apiAs(request, OWNER);
    const clients = (await (await request.get('/api/v1/clients?limit=100', { headers })).json()) as {
      items: Array<{ id: string; name: string; permissions: string[] }>;
    };
    const acme = clients.items.find((client) => client.name === 'Acme Coffee');
    if (!acme) throw new Error('The demo data has no Acme Coffee');
    acmeId = acme.id;
    acmePermissions = acme.permissions;
    if (!acmePermissions.includes('messages.use')) {
      const on = await request.patch(`/api/v1/clients/${acmeId}`, {
        headers,
        data: { permissions: [...acmePermissions, 'messages.use'] },
      });
      expect(on.ok()).toBe(true);
    }
  });

  test.afterAll(async ({ request }) => {
    // Other suites expect Acme as the demo made it.
    const headers = await apiAs(request, OWNER);
    await request.patch(`/api/v1/clients/${acmeId}`, { headers, data: { permissions: acmePermissions } });
  });

  test('a client writes with a file; the agency sees it live and replies; the client sees the reply and "Seen by"', async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const text = `Could you post the new menu photo on Friday? (${Date.now()})`;
    const reply = `Sure, Friday at 9 it is. (${Date.now()})`;

    // Side by side: Mia in the agency inbox, Anna in the portal.
    const mia = await signedIn(browser, MEMBER);
    await mia
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('link', { name: /^Messages(,|$)/ })
      .click();
    await expect(mia.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();
    await mia.getByRole('link', { name: /^Acme Coffee/ }).click();
    await expect(mia).toHaveURL(new RegExp(`/app/messages/${acmeId}$`));
    const miaLog = mia.getByRole('log', { name: 'Messages' });
    await expect(miaLog).toBeVisible();

    const anna = await signedIn(browser, ANNA);
    await anna
      .getByRole('navigation', { name: 'Portal' })
      .getByRole('link', { name: /^Messages(,|$)/ })
      .click();
    await expect(anna.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();
    const annaLog = anna.getByRole('log', { name: 'Messages' });
    await expect(annaLog).toBeVisible();

    // Anna writes, with a photo.
    await anna.locator('atr-composer input[type="file"]').setInputFiles({
      name: 'menu-photo.png',
      mimeType: 'image/png',
      buffer: PIXEL_PNG,
    });
    const files = anna.getByRole('list', { name: 'Files to send' });
    await expect(files).toContainText('menu-photo.png');
    await expect(files).toContainText('Ready to send');
    await anna.getByLabel('Message', { exact: true }).fill(text);
    const send = anna.getByRole('button', { name: 'Send' });
    await expect(send).toBeEnabled();
    await send.click();
    await expect(annaLog.getByText(text)).toBeVisible();
    await expect(anna.getByLabel('Message', { exact: true })).toHaveValue('');

    // Mia sees it arrive without reloading, with its file, and replies with Enter.
    await expect(miaLog.getByText(text)).toBeVisible();
    await expect(miaLog.locator('a[download="menu-photo.png"]')).toHaveCount(1);
    await mia.getByLabel('Message', { exact: true }).fill(reply);
    await mia.getByLabel('Message', { exact: true }).press('Enter');
    await expect(miaLog.getByText(reply)).toBeVisible();

    // Anna sees the reply, and that Mia has seen her message, without reloading.
    await expect(annaLog.getByText(reply)).toBeVisible();
    await expect(annaLog.getByText(/Seen by .*Mia Member/)).toBeVisible();

    // An internal note never reaches Anna.
    const note = `Internal: check the photo resolution (${Date.now()})`;
    await mia.getByText('Internal note (only your team sees it)').click();
    await mia.getByLabel('Internal note', { exact: true }).fill(note);
    await mia.getByRole('button', { name: 'Add note' }).click();
    await expect(miaLog.getByText(note)).toBeVisible();
    await expect(miaLog.getByLabel(/^Internal note by/).last()).toContainText('Internal note');
    await anna.waitForTimeout(1500);
    await expect(annaLog.getByText(note)).toHaveCount(0);
  });

  test('a message left unread is emailed once, grouped; one read in time is not', async ({ browser, request }) => {
    test.setTimeout(120_000);
    // The e2e server emails after 3 s (MESSAGE_EMAIL_DELAY_MS, see serve.mjs). Client messages go
    // to the conversation's assignee: Mia, so that nobody else's inbox matters here.
    const miaHeaders = await apiAs(request, MEMBER);
    const miaId = ((await (await request.get('/api/v1/me', { headers: miaHeaders })).json()) as { id: string }).id;
    const assigned = await request.put(`/api/v1/messages/conversations/${acmeId}/assignee`, {
      headers: await apiAs(request, OWNER),
      data: { assigneeUserId: miaId },
    });
    expect(assigned.ok()).toBe(true);
    const stamp = Date.now();
    const readInTime = `Read in time (${stamp})`;
    const unreadOne = `First unread (${stamp})`;
    const unreadTwo = `Second unread (${stamp})`;

    const mia = await signedIn(browser, MEMBER);
    await mia.goto(`/app/messages/${acmeId}`);
    const miaLog = mia.getByRole('log', { name: 'Messages' });
    await expect(miaLog).toBeVisible();
    const anna = await signedIn(browser, ANNA);
    await anna.goto('/portal/messages');
    const annaLog = anna.getByRole('log', { name: 'Messages' });
    await expect(annaLog).toBeVisible();

    // Mia has the conversation open: she reads it as it arrives, so no email is owed to her.
    await anna.getByLabel('Message', { exact: true }).fill(readInTime);
    await anna.getByRole('button', { name: 'Send' }).click();
    await expect(miaLog.getByText(readInTime)).toBeVisible();
    await expect(annaLog.getByText(/Seen by .*Mia Member/)).toBeVisible();
    await mia.close();

    // Mia is away: two messages stay unread past the delay.
    for (const text of [unreadOne, unreadTwo]) {
      await anna.getByLabel('Message', { exact: true }).fill(text);
      await anna.getByRole('button', { name: 'Send' }).click();
      await expect(annaLog.getByText(text)).toBeVisible();
    }

    type Captured = { to: string; subject: string; text: string };
    const emailsToMia = async (): Promise<Captured[]> =>
      ((await (await request.get('/api/v1/dev/mailbox')).json()) as Captured[]).filter(
        (email) => email.to === MEMBER && email.text.includes(String(stamp)),
      );
    await expect.poll(async () => (await emailsToMia()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    // Give a second sweep the chance to (wrongly) send again before counting.
    await anna.waitForTimeout(2_000);
    const emails = await emailsToMia();
    expect(emails).toHaveLength(1);
    expect(emails[0].text).toContain(unreadOne);
    expect(emails[0].text).toContain(unreadTwo);
    expect(emails[0].text).not.toContain(readInTime);
    expect(emails[0].text).toContain(`/app/messages/${acmeId}`);
  });

  test('without its live connection the page polls, and shows each message once', async ({ browser, request }) => {
    test.setTimeout(90_000);
    const anna = await signedIn(browser, ANNA);
    // A proxy that lets no WebSocket through: every attempt is closed at once.
    await anna.routeWebSocket(/\/api\/realtime/, (socket) => socket.close());
    await anna.goto('/portal/messages');
    const annaLog = anna.getByRole('log', { name: 'Messages' });
    await expect(annaLog).toBeVisible();

    const text = `Sent while the socket was down (${Date.now()})`;
    const sent = await request.post(`/api/v1/messages/conversations/${acmeId}/items`, {
      headers: await apiAs(request, MEMBER),
      data: { body: text },
    });
    expect(sent.status()).toBe(201);
    // Polling brings it (every 5 s), without a reload, and later polls do not add it again.
    await expect(annaLog.getByText(text)).toBeVisible({ timeout: 20_000 });
    await anna.waitForTimeout(6_000);
    await expect(annaLog.getByText(text)).toHaveCount(1);
  });

  test('the portal conversation and the agency inbox are accessible on a phone and a desktop', async ({ browser }) => {
    test.setTimeout(120_000);
    for (const width of [360, 1280]) {
      const anna = await signedIn(browser, ANNA, width);
      await anna.goto('/portal/messages');
      await expect(anna.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();
      await expect(anna.getByRole('log', { name: 'Messages' })).toBeVisible();
      await expect(anna.getByRole('button', { name: 'Send' })).toBeVisible();
      await expectNoHorizontalScroll(anna);
      await expectAccessible(anna, `portal messages at ${width}px`);

      const mia = await signedIn(browser, MEMBER, width);
      await mia.goto('/app/messages');
      await expect(mia.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();
      await expect(mia.getByRole('link', { name: /^Acme Coffee/ })).toBeVisible();
      await expectNoHorizontalScroll(mia);
      await expectAccessible(mia, `agency inbox at ${width}px`);
      await mia.getByRole('link', { name: /^Acme Coffee/ }).click();
      await expect(mia.getByRole('log', { name: 'Messages' })).toBeVisible();
      if (width < 600) {
        // Narrow: the conversation alone, with a way back to the list.
        await expect(mia.getByRole('link', { name: 'All conversations' })).toBeVisible();
      }
      await expectNoHorizontalScroll(mia);
      await expectAccessible(mia, `agency conversation at ${width}px`);
    }
  });
});
