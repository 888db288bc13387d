import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, personAddress, signIn } from './support';

test.describe('Accessibility', () => {
  for (const path of [
    '/login',
    '/signup',
    '/forgot',
    '/reset-password?token=example-token-for-a11y-check',
    '/confirm-email?token=example-token-for-a11y-check',
    '/dev/mailbox',
    '/invite?token=example-token-for-a11y-check',
    '/magic-link?token=example-token-for-a11y-check',
    '/connect?token=example-token-for-a11y-check',
    '/oauth/callback?error=access_denied&state=example',
  ]) {
    test(`${path} has no serious or critical violations`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('main, [role=main]').first()).toBeVisible();
      await expectAccessible(page);
    });
  }

  test('the agency workspace has no serious or critical violations', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'owner@northwind.test');
    await expect(page.getByRole('heading', { name: /Northwind Creative/ })).toBeVisible();
    await expectAccessible(page);
  });

  test('Settings > Clients with a user list open, and Team, have no serious or critical violations', async ({
    page,
  }) => {
    await page.goto('/login');
    await signIn(page, 'owner@northwind.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'Show users of Acme Coffee' }).click();
    await expect(page.getByRole('cell', { name: 'anna@acme.test' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Team' }).click();
    await expect(page.getByRole('cell', { name: 'admin@northwind.test' })).toBeVisible();
    await expectAccessible(page);
  });

  test('the portal Team page has no serious or critical violations', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'anna@acme.test');
    await expect(page.getByRole('heading', { name: /Welcome, Anna/ })).toBeVisible();
    await page.getByRole('link', { name: 'Team' }).first().click();
    await expect(page.getByRole('cell', { name: 'max@acme.test' })).toBeVisible();
    await expectAccessible(page);
  });

  test('Social accounts, the agency calendar (week, month, composer) have no serious or critical violations', async ({
    page,
  }) => {
    await page.goto('/login');
    await signIn(page, 'member@northwind.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Social accounts' }).click();
    await expect(page.getByText('Acme Coffee').first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await expect(page.getByRole('heading', { name: 'Calendar', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: /Rainy day/ }).first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('radio', { name: 'Month' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'New post', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page);
  });

  test('the portal Calendar and Accounts pages have no serious or critical violations', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'anna@acme.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await expect(page.getByText(/Rainy day/).first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).click();
    await expect(page.getByText('Acme Coffee').first()).toBeVisible();
    await expectAccessible(page);
  });

  test('the client portal has no serious or critical violations', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'anna@acme.test');
    await expect(page.getByRole('heading', { name: /Welcome, Anna/ })).toBeVisible();
    await expectAccessible(page);
  });
});

/** Every axe-core violation of any impact (minor and moderate too) on the page, named by where it was found. */
async function violationsOn(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map(
    (v) => `${where}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

const SHELLS = [
  {
    email: 'owner@northwind.test',
    pages: [
      '/app',
      '/app/calendar',
      '/app/media',
      '/app/accounts',
      '/app/settings/clients',
      '/app/settings/team',
      '/app/settings/branding',
      '/app/settings/profile',
      '/app/settings/security',
      '/app/billing',
      '/app/billing/invoices/new',
      '/app/billing/recurring',
      '/app/billing/settings',
    ],
  },
  {
    email: 'anna@acme.test',
    pages: [
      '/portal',
      '/portal/calendar',
      '/portal/media',
      '/portal/accounts',
      '/portal/team',
      '/portal/settings',
      '/portal/billing',
    ],
  },
];

test.describe('Every page of both shells, at both widths', () => {
  for (const shell of SHELLS) {
    for (const width of [1280, 360]) {
      test(`${shell.pages[0]} shell at ${width} px: no violation of any impact`, async ({ browser }) => {
        // One full axe run per page, a dozen pages: longer than the default minute.
        test.setTimeout(120_000);
        const context = await browser.newContext({
          viewport: { width, height: 900 },
          extraHTTPHeaders: personAddress(),
        });
        const page = await context.newPage();
        const found: string[] = [];
        await page.goto('/login');
        await signIn(page, shell.email);
        await expect(page).toHaveURL(new RegExp(shell.pages[0]));
        for (const path of shell.pages) {
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          // Let the page's data arrive: axe checks what a person would see, not a loading bar.
          await expect(page.locator('mat-progress-bar')).toHaveCount(0);
          found.push(...(await violationsOn(page, `${path} at ${width} px`)));
        }
        await context.close();
        expect(found).toEqual([]);
      });
    }
  }
});
