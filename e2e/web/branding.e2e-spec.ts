import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import sharp from 'sharp';
import { DEMO_PASSWORD, expectNoViolations, signIn } from './support';

const OWNER = 'owner@northwind.test';
const CLIENT = 'anna@acme.test';
const PORTAL_NAME = 'Northwind Client Hub';

/** The value of a CSS variable as the page resolves it on <html>. */
const cssVariable = (page: Page, name: string) =>
  page.evaluate((variable) => getComputedStyle(document.documentElement).getPropertyValue(variable).trim(), name);

/** A client user's eyes: no "Atrium" in the page's text or its title. */
async function expectNoAtrium(page: Page): Promise<void> {
  await expect(page.locator('body')).not.toContainText(/atrium/i);
  expect(await page.title()).not.toMatch(/atrium/i);
}

const image = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 4, background } })
    .png()
    .toBuffer();

async function ownerToken(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/v1/auth/login', { data: { email: OWNER, password: DEMO_PASSWORD } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

test.describe('Branding', () => {
  // The demo agency's brand is changed here: every test starts from the same one and it is put back after.
  test.describe.configure({ mode: 'serial' });

  test.afterAll(async ({ request }) => {
    const headers = { Authorization: `Bearer ${await ownerToken(request)}` };
    await request.put('/api/v1/branding', {
      headers,
      data: { portalName: '', primaryColor: '#3f51b5', accentColor: null, signInHeadline: '', showPoweredBy: true },
    });
    for (const slot of ['logoLight', 'icon']) await request.delete(`/api/v1/branding/images/${slot}`, { headers });
  });

  test('an owner brands the portal with a preview; a client sees the brand and never Atrium', async ({
    page,
    browser,
  }) => {
    await page.goto('/login');
    await signIn(page, OWNER);
    await page.getByRole('navigation').getByRole('link', { name: 'Branding' }).click();
    await expect(page.getByRole('heading', { name: 'Branding', level: 1 })).toBeVisible();
    const preview = page.getByTestId('brand-preview');

    // A logo: seen in the slot and the live preview before it is saved, then saved.
    await page.locator('[data-slot="logoLight"] input[type=file]').setInputFiles({
      name: 'northwind-logo.png',
      mimeType: 'image/png',
      buffer: await image(600, 200, '#1f2a44'),
    });
    await expect(page.getByRole('img', { name: 'Preview of the new logo' })).toBeVisible();
    await expect(preview.getByRole('img', { name: 'Northwind Creative' }).first()).toHaveAttribute('src', /^blob:/);
    await page.getByRole('button', { name: 'Save logo' }).click();
    await expect(page.getByText('Logo saved.')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Current logo' })).toHaveAttribute(
      'src',
      /\/api\/v1\/public\/brand-images\/[a-z0-9-]+\/logoLight\//,
    );

    // And an icon, for the browser tab.
    await page.locator('[data-slot="icon"] input[type=file]').setInputFiles({
      name: 'northwind-icon.png',
      mimeType: 'image/png',
      buffer: await image(256, 256, '#c2185b'),
    });
    await page.getByRole('button', { name: 'Save icon' }).click();
    await expect(page.getByText('Icon saved.')).toBeVisible();

    // A very light colour: the page explains the darker shade buttons will use, and previews it.
    await page.getByRole('textbox', { name: 'Brand colour', exact: true }).fill('#ffff66');
    const note = page.getByText(
      /Your colour #ffff66 is too light for white text; buttons use a darker shade, #[0-9a-f]{6}\./,
    );
    await expect(note).toBeVisible();
    const adjusted = /(#[0-9a-f]{6})\.$/.exec((await note.textContent())?.trim() ?? '')?.[1];
    expect(adjusted).toBeDefined();
    await expect
      .poll(() => preview.evaluate((el) => getComputedStyle(el).getPropertyValue('--mat-sys-primary').trim()))
      .toBe(adjusted);

    await page.getByRole('textbox', { name: 'Portal name', exact: true }).fill(PORTAL_NAME);
    await expect(preview).toContainText(PORTAL_NAME);
    await page.getByRole('textbox', { name: 'Headline', exact: true }).fill('Welcome to your hub');
    await expect(preview).toContainText('Welcome to your hub');
    await page.getByRole('switch', { name: 'Show "Powered by Atrium"' }).click();
    await expect(preview).not.toContainText('Powered by Atrium');
    await page.getByRole('button', { name: 'Save brand' }).click();
    await expect(page.getByText('Brand saved.')).toBeVisible();
    await expect(note).toBeVisible();

    const signInUrl = (await page.locator('.address a').textContent())?.trim() ?? '';
    expect(signInUrl).toMatch(/\/a\/[a-z0-9-]+\/login$/);
    const signInPath = new URL(signInUrl).pathname;

    // A client user, in a browser of their own.
    const context = await browser.newContext();
    const client = await context.newPage();

    // The server's first paint is already branded: colours, title and icon in the HTML.
    const html = await (await context.request.get(signInPath)).text();
    expect(html).toContain(`<title>${PORTAL_NAME}</title>`);
    expect(html).toContain(`--mat-sys-primary:${adjusted};`);
    expect(html).toMatch(
      /<link rel="icon" type="image\/png" href="\/api\/v1\/public\/brand-images\/[a-z0-9-]+\/icon\//,
    );
    expect(html).not.toMatch(/atrium/i);

    await client.goto(signInPath);
    await expect(client.getByRole('heading', { name: 'Welcome to your hub', level: 1 })).toBeVisible();
    await expect(client.getByRole('img', { name: PORTAL_NAME })).toBeVisible();
    await expect(client).toHaveTitle(`Sign in · ${PORTAL_NAME}`);
    await expect(client.locator('link[rel~="icon"]')).toHaveAttribute('href', /\/brand-images\/[a-z0-9-]+\/icon\//);
    expect(await cssVariable(client, '--mat-sys-primary')).toBe(adjusted);
    await expectNoAtrium(client);

    // Its links stay on the agency's address.
    await client.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(client).toHaveURL(new RegExp(`${signInPath.replace('/login', '/forgot')}$`));
    await expect(client).toHaveTitle(`Reset your password · ${PORTAL_NAME}`);
    await expectNoAtrium(client);
    await client.getByRole('link', { name: 'Back to sign in' }).click();

    // Signed in, the portal wears the same brand.
    await signIn(client, CLIENT);
    await expect(client).toHaveURL(/\/portal$/);
    await expect(client.getByRole('heading', { name: /Welcome, Anna/ })).toBeVisible();
    await expect(client.getByRole('banner').getByRole('img', { name: PORTAL_NAME })).toBeVisible();
    await expect(client).toHaveTitle(new RegExp(`· ${PORTAL_NAME}$`));
    await expect(client.locator('link[rel~="icon"]')).toHaveAttribute('href', /\/brand-images\/[a-z0-9-]+\/icon\//);
    expect(await cssVariable(client, '--mat-sys-primary')).toBe(adjusted);
    await expectNoAtrium(client);

    // A reload keeps it, without a moment of Atrium in the title.
    await client.reload();
    await expect(client.getByRole('heading', { name: /Welcome, Anna/ })).toBeVisible();
    await expect(client).toHaveTitle(new RegExp(`· ${PORTAL_NAME}$`));
    await expectNoAtrium(client);

    // Signing out goes back to the agency's own sign-in page.
    await client.getByRole('button', { name: /Account menu/ }).click();
    await client.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(client).toHaveURL(new RegExp(`${signInPath}$`));
    await expect(client.getByRole('heading', { name: 'Welcome to your hub' })).toBeVisible();
    await context.close();
  });

  test('Settings > Branding is accessible, fits a phone, and is read-only for members', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, OWNER);
    await page.getByRole('navigation').getByRole('link', { name: 'Branding' }).click();
    await expect(page.getByRole('textbox', { name: 'Brand colour', exact: true })).toBeVisible();
    await expectNoViolations(page);

    await page.setViewportSize({ width: 360, height: 800 });
    await expect(page.getByRole('heading', { name: 'Preview' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoViolations(page);

    // Keyboard: the colour field, then on to the picker's neighbours, with a visible focus.
    await page.getByRole('textbox', { name: 'Portal name', exact: true }).focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('textbox', { name: 'Pick brand colour from a palette' })).toBeFocused();

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await signIn(page, 'member@northwind.test');
    await expect(page).toHaveURL(/\/app$/);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Branding' }).click();
    await expect(page.getByText('Only the owner and admins can change the brand.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Brand colour', exact: true })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Save brand' })).toHaveCount(0);
    await expectNoViolations(page);
  });

  for (const [scheme, colour] of [
    ['a light', '#ffff66'],
    ['a dark', '#0a0a0a'],
  ] as const) {
    test(`the branded sign-in page and portal are accessible with ${scheme} brand colour`, async ({
      page,
      request,
    }) => {
      const headers = { Authorization: `Bearer ${await ownerToken(request)}` };
      const saved = await request.put('/api/v1/branding', {
        headers,
        data: { portalName: PORTAL_NAME, primaryColor: colour, accentColor: '#1b1b3a', showPoweredBy: false },
      });
      expect(saved.ok()).toBe(true);
      const { slug } = (await saved.json()) as { slug: string };

      await page.goto(`/a/${slug}/login`);
      await expect(page.getByRole('img', { name: PORTAL_NAME })).toBeVisible();
      await expectNoViolations(page);

      await signIn(page, CLIENT);
      await expect(page.getByRole('heading', { name: /Welcome, Anna/ })).toBeVisible();
      await expect(page.getByRole('banner').getByRole('img', { name: PORTAL_NAME })).toBeVisible();
      await expectNoViolations(page);

      // And where the client's device asks for dark pages.
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(() => cssVariable(page, 'color-scheme')).toBe('dark');
      await expectNoViolations(page);
    });
  }
});
