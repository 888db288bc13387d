import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { generateSync } from 'otplib';
import { apiAs, DEMO_PASSWORD, expectAccessible, expectNoHorizontalScroll, personAddress, signIn } from './support';

/** RFC 6238's time step, which the server uses (TOTP_PERIOD_SECONDS in libs/shared two-factor-api). */
const TOTP_PERIOD_SECONDS = 30;

/**
 * The member and the client user have two-step verification turned off again after each test, and the
 * agency's policy is put back: other specs sign in as them with a password alone.
 */
const MEMBER = 'member@northwind.test';
const OWNER = 'owner@northwind.test';
const CLIENT_USER = 'bella@blueharbor.test';

const SHOTS = process.env['TWO_FACTOR_SHOTS_DIR'];

const openContexts: BrowserContext[] = [];
/** People a test turned two-step verification on for, with their recovery codes (see turnOffAgain). */
const enrolled: Array<{ email: string; codes: string[] }> = [];

/**
 * Turns two-step verification off again through the API, spending two of the recovery codes the page
 * showed (one to sign in, one to confirm): other specs sign in as these demo people without a code,
 * and the order specs run in is not guaranteed.
 */
async function turnOffAgain(request: APIRequestContext, email: string, recoveryCodes: string[]): Promise<void> {
  const login = await request.post('/api/v1/auth/login', {
    data: { email, password: DEMO_PASSWORD },
    headers: personAddress(),
  });
  const { challengeToken } = (await login.json()) as { challengeToken: string };
  const verified = await request.post('/api/v1/auth/2fa/verify', {
    data: { challengeToken, code: recoveryCodes[0] },
    headers: personAddress(),
  });
  expect(verified.status()).toBe(200);
  const { accessToken } = (await verified.json()) as { accessToken: string };
  const off = await request.post('/api/v1/me/two-factor/disable', {
    data: { password: DEMO_PASSWORD, code: recoveryCodes[1] },
    headers: { ...personAddress(), Authorization: `Bearer ${accessToken}` },
  });
  expect(off.status()).toBe(204);
}

test.afterEach(async ({ request }) => {
  for (const context of openContexts.splice(0)) await context.close();
  // Northwind's policy back as the demo has it, whatever a test changed, for the specs that follow.
  const reset = await request.put('/api/v1/agency/security', {
    headers: await apiAs(request, OWNER),
    data: { requireTwoFactorForTeam: false, requireTwoFactorForClients: false },
  });
  expect(reset.ok()).toBe(true);
  for (const { email, codes } of enrolled.splice(0)) await turnOffAgain(request, email, codes);
});

async function personAt(browser: Browser, width: number): Promise<Page> {
  // Its own context (axe-core needs one) and its own address (sign-in limits count per address).
  const context = await browser.newContext({ viewport: { width, height: 900 }, extraHTTPHeaders: personAddress() });
  openContexts.push(context);
  return context.newPage();
}

/**
 * When asked for (TWO_FACTOR_SHOTS_DIR), a screenshot of the screen at 1280 and 360 px, with
 * `subject` scrolled into view (the workspace scrolls inside its shell, not the page).
 */
async function shoot(page: Page, name: string, subject?: Locator): Promise<void> {
  if (!SHOTS) return;
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    // The side navigation slides in or out when the width changes: a picture of the settled page.
    await page.waitForTimeout(500);
    await subject?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(original);
}

/** At 360 px too: nothing scrolls sideways and axe finds nothing serious. */
async function checkScreen(page: Page, where: string): Promise<void> {
  await expectAccessible(page, where);
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 360, height: 800 });
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, `${where} at 360 px`);
  await page.setViewportSize(original);
}

/** The key the setup step shows for typing by hand, as an authenticator app takes it. */
async function secretOnPage(page: Page): Promise<string> {
  const text = await page
    .getByRole('group', { name: /Enter this key by hand/ })
    .locator('code')
    .textContent();
  const secret = (text ?? '').replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  return secret;
}

const timeStep = () => Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);

/**
 * The current code, from a time step after `usedStep`: the server refuses a code from a step it
 * has already accepted (no replay), so a second sign-in within the same 30 s waits for the next.
 */
async function freshCode(page: Page, secret: string, usedStep: number): Promise<string> {
  const wait = (usedStep + 1) * TOTP_PERIOD_SECONDS * 1000 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait + 250);
  return generateSync({ secret });
}

test.describe('Two-step verification', () => {
  test('an agency user turns it on in their settings, signs out, and signs in with a fresh code', async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const page = await personAt(browser, 1280);
    await page.goto('/login');
    await signIn(page, MEMBER);
    await expect(page).toHaveURL(/\/app$/);

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Profile settings' }).click();
    const card = page.getByRole('region', { name: 'Two-step verification' });
    await expect(card.getByText('Off', { exact: true })).toBeVisible();
    await card.getByRole('button', { name: 'Turn on two-step verification' }).click();

    await expect(card.getByRole('img', { name: 'QR code to scan with your authenticator app' })).toBeVisible();
    const secret = await secretOnPage(page);
    await checkScreen(page, 'settings setup');
    await shoot(page, 'settings-setup', card);

    const code = card.getByLabel('6-digit code');
    await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(code).toHaveAttribute('inputmode', 'numeric');
    const enrolStep = timeStep();
    await code.fill(generateSync({ secret }));
    await card.getByRole('button', { name: 'Turn on', exact: true }).click();

    const codes = card.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect(codes).toHaveCount(10);
    await expect(codes.first()).toHaveText(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    enrolled.push({ email: MEMBER, codes: (await codes.allTextContents()).map((code) => code.trim()) });
    await checkScreen(page, 'settings recovery codes');
    await shoot(page, 'settings-recovery-codes', card);
    const done = card.getByRole('button', { name: 'Done', exact: true });
    await expect(done).toBeDisabled();
    await card.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
    await done.click();
    await expect(page.getByText('Two-step verification is on.')).toBeVisible();
    await expect(card.getByText('On', { exact: true })).toBeVisible();
    await expect(card.getByText('10 of 10 recovery codes left.')).toBeVisible();
    await expect(card.getByRole('button', { name: 'Turn off', exact: true })).toBeVisible();
    await checkScreen(page, 'settings on');
    await shoot(page, 'settings-on', card);

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);

    await signIn(page, MEMBER);
    await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
    await expect(page.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
    await checkScreen(page, 'sign-in code step');
    await shoot(page, 'sign-in-code');

    // A wrong code is said by the field, and the step stays.
    const wrong = String((Number(generateSync({ secret })) + 500_000) % 1_000_000).padStart(6, '0');
    await page.getByLabel('6-digit code').fill(wrong);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(page.getByText(/That code is not right/)).toBeVisible();
    await expectAccessible(page, 'sign-in code step with an error');

    await page.getByLabel('6-digit code').fill(await freshCode(page, secret, enrolStep));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(page).toHaveURL(/\/app$/);
    await expect(page.getByRole('heading', { name: /Northwind Creative/ })).toBeVisible();
  });

  test('an owner requires it for client users, and a client user is walked through it at sign-in', async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const owner = await personAt(browser, 1280);
    await owner.goto('/login');
    await signIn(owner, OWNER);
    await expect(owner).toHaveURL(/\/app$/);
    await owner.getByRole('navigation').getByRole('link', { name: 'Security' }).click();
    await expect(owner.getByRole('heading', { name: 'Security', level: 1 })).toBeVisible();
    const forClients = owner.getByRole('switch', { name: 'Require it for client users' });
    await expect(forClients).not.toBeChecked();
    await checkScreen(owner, 'agency security');
    await forClients.click();
    await expect(owner.getByText(/Client users now need two-step verification/)).toBeVisible();
    await expect(forClients).toBeChecked();
    await shoot(owner, 'agency-security');

    // After a reload it is still on: it was saved, not only switched.
    await owner.reload();
    await expect(owner.getByRole('switch', { name: 'Require it for client users' })).toBeChecked();
    await expect(owner.getByRole('switch', { name: 'Require it for your team' })).not.toBeChecked();

    const client = await personAt(browser, 360);
    await client.goto('/login');
    await signIn(client, CLIENT_USER);
    await expect(client.getByRole('heading', { name: 'Set up two-step verification' })).toBeVisible();
    await expect(client.getByText(/Your agency requires two-step verification/)).toBeVisible();
    await expect(client.getByRole('img', { name: 'QR code to scan with your authenticator app' })).toBeVisible();
    const secret = await secretOnPage(client);
    await expectNoHorizontalScroll(client);
    await expectAccessible(client, 'sign-in enrolment');
    await shoot(client, 'sign-in-enrol');

    await client.getByLabel('6-digit code').fill(generateSync({ secret }));
    await client.getByRole('button', { name: 'Turn on and continue' }).click();
    const codes = client.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect(codes).toHaveCount(10);
    enrolled.push({ email: CLIENT_USER, codes: (await codes.allTextContents()).map((code) => code.trim()) });
    await expectNoHorizontalScroll(client);
    await expectAccessible(client, 'sign-in recovery codes');
    await shoot(client, 'sign-in-recovery-codes');

    const download = client.waitForEvent('download');
    await client.getByRole('button', { name: 'Download as .txt' }).click();
    expect((await download).suggestedFilename()).toBe('recovery-codes.txt');

    await client.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
    await client.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(client).toHaveURL(/\/portal$/);
    await expect(client.getByRole('heading', { name: /Welcome, Bella/ })).toBeVisible();

    // In the portal's settings: on, and required (no way to turn it off).
    await client.goto('/portal/settings');
    const card = client.getByRole('region', { name: 'Two-step verification' });
    await expect(card.getByText('On', { exact: true })).toBeVisible();
    await expect(card.getByText('Required by your agency: it stays on.')).toBeVisible();
    await expect(card.getByRole('button', { name: 'Turn off', exact: true })).toHaveCount(0);
    await expectNoHorizontalScroll(client);
    await expectAccessible(client, 'portal settings');
    await shoot(client, 'portal-settings');
  });
});
