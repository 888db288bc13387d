import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support';

/** SPEC §7: no serious or critical axe-core violations on any page. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test.describe('Accessibility', () => {
  for (const path of [
    '/login',
    '/signup',
    '/forgot',
    '/reset-password?token=example-token-for-a11y-check',
    '/confirm-email?token=example-token-for-a11y-check',
    '/dev/mailbox',
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

  test('the client portal has no serious or critical violations', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'anna@acme.test');
    await expect(page.getByRole('heading', { name: /Welcome, Anna/ })).toBeVisible();
    await expectAccessible(page);
  });
});
