import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn } from './support';

const BANNER = 'You are viewing Acme Coffee as Anna Acme. Changes are turned off.';

test.describe('View as client', () => {
  test('the owner opens a client portal as one of its people; it shows, changes nothing, and closes', async ({
    browser,
  }) => {
    const context = await browser.newContext();
    const agency = await context.newPage();
    await agency.goto('/login');
    await signIn(agency, 'owner@northwind.test');
    await expect(agency).toHaveURL(/\/app/);

    await agency.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
    await agency.getByRole('button', { name: 'More actions for Acme Coffee' }).click();
    await agency.getByRole('menuitem', { name: 'View as client' }).click();

    // Acme Coffee has several people: the owner picks whom to see the portal as.
    const dialog = agency.getByRole('dialog', { name: 'View Acme Coffee as…' });
    await dialog.getByRole('radio', { name: /Anna Acme/ }).check();
    const [portal] = await Promise.all([
      context.waitForEvent('page'),
      dialog.getByRole('button', { name: 'Open portal' }).click(),
    ]);
    await expect(dialog).toBeHidden();

    // The portal as Anna sees it, under a banner that says so; the token has left the address.
    await portal.waitForURL(/\/portal$/);
    const banner = portal.getByRole('region', { name: 'View as client' });
    await expect(banner).toContainText(BANNER);
    await expect(portal.getByRole('heading', { name: /Welcome, Anna/ })).toBeVisible();
    expect(portal.url()).not.toContain('token');
    const axe = await new AxeBuilder({ page: portal })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );

    // The pages read as usual; an upload is refused by the server, in plain words.
    await portal.getByRole('navigation').getByRole('link', { name: 'Media' }).click();
    await expect(portal.getByRole('heading', { name: 'Media', level: 1 })).toBeVisible();
    await expect(banner).toContainText(BANNER);
    await portal.locator('input[type=file]').setInputFiles({
      name: `from-the-view-${Date.now()}.pdf`,
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await expect(
      portal.getByText('Changes are turned off while you view the portal as a client. Nothing was saved.'),
    ).toBeVisible();
    await expect(portal.getByRole('list', { name: 'Uploads' })).toContainText(
      'Not uploaded: View as client is read-only',
    );

    // So is an invitation from Team (Anna is a client admin).
    await portal.getByRole('navigation').getByRole('link', { name: 'Team' }).click();
    await portal.getByRole('button', { name: 'Invite to Acme Coffee' }).click();
    const invite = portal.getByRole('dialog');
    await invite.getByLabel('Full name').fill('Vera View');
    await invite.getByLabel('Email').fill(`vera-${Date.now()}@example.com`);
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await expect(invite).toContainText('View as client is read-only');
    await invite.getByRole('button', { name: 'Cancel' }).click();

    // Close ends the view and its tab.
    await Promise.all([portal.waitForEvent('close'), banner.getByRole('button', { name: 'Close' }).click()]);

    // The owner's own session, in the first tab, was never touched.
    await agency.reload();
    await expect(agency.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
    await expect(agency.getByText('Acme Coffee').first()).toBeVisible();
  });
});
