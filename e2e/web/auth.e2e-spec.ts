import { expect, test } from '@playwright/test';
import { latestEmailTo, linkIn, signIn } from './support';

test.describe('Agency sign-up to workspace', () => {
  test('signs up, follows the captured confirmation link, signs in and sees the workspace', async ({
    page,
    request,
  }) => {
    const email = `pw-${Date.now()}@example.com`;
    await page.goto('/signup');
    await page.getByLabel('Agency name').fill('Playwright Partners');
    await page.getByLabel('Your name').fill('Paula Wright');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a sturdy passphrase');
    await page.getByRole('button', { name: 'Create agency' }).click();
    await expect(page.getByText(/check your inbox/i)).toBeVisible();

    // Open the captured email in the dev mailbox page, as a newcomer would.
    await page.goto('/dev/mailbox');
    await expect(page.getByText('Confirm your email for Atrium').first()).toBeVisible();
    const email_ = await latestEmailTo(request, email);
    const link = linkIn(email_.text, '/confirm-email');
    expect(link.startsWith('http://127.0.0.1:4320/confirm-email?token=')).toBe(true);

    await page.goto(link);
    // Opening the link alone spends nothing: the person confirms explicitly.
    await page.getByRole('button', { name: 'Confirm my email' }).click();
    await expect(page.getByText(/your email is confirmed/i)).toBeVisible();

    await page.goto('/login');
    await signIn(page, email, 'a sturdy passphrase');
    await expect(page).toHaveURL(/\/app/);
    await expect(page.getByRole('heading', { name: /Playwright Partners/ })).toBeVisible();
    // Navigation exists and leads somewhere real.
    await expect(page.getByRole('navigation').getByRole('link', { name: /dashboard/i })).toBeVisible();
  });

  test('shows a clear error for a wrong password and stays on sign-in', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'owner@northwind.test', 'definitely not it');
    await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test('remembers the page an expired visitor wanted and returns there after sign-in', async ({ page }) => {
    await page.goto('/app');
    await expect(page).toHaveURL(/\/login\?returnUrl=%2Fapp/);
    await signIn(page, 'owner@northwind.test');
    await expect(page).toHaveURL(/\/app$/);
    await expect(page.getByRole('heading', { name: /Northwind Creative/ })).toBeVisible();
  });

  test('keeps the session across a reload and signs out', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'admin@northwind.test');
    await expect(page.getByRole('heading', { name: /Northwind Creative/ })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: /Northwind Creative/ })).toBeVisible();
    await page.getByRole('button', { name: /account|user menu|Adam Admin/i }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/app');
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe('Client portal', () => {
  test('a client user signs in and lands in the portal', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'anna@acme.test');
    await expect(page).toHaveURL(/\/portal/);
    await expect(page.getByRole('heading', { name: /Welcome, Anna/ })).toBeVisible();
    await expect(page.getByText('Acme Coffee').first()).toBeVisible();
  });

  test('a client user typing an /app URL stays in the portal', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'max@acme.test');
    await expect(page).toHaveURL(/\/portal/);
    await page.goto('/app');
    await expect(page).toHaveURL(/\/portal/);
    await expect(page.getByRole('heading', { name: /Welcome, Max/ })).toBeVisible();
    // Nothing of the agency workspace is shown.
    await expect(page.getByText('Northwind Creative').first()).toBeVisible();
    await expect(page.getByRole('link', { name: /clients/i })).toHaveCount(0);
  });

  test('a client user sent to /app by a returnUrl still lands in the portal', async ({ page }) => {
    await page.goto('/login?returnUrl=%2Fapp');
    await signIn(page, 'bella@blueharbor.test');
    await expect(page).toHaveURL(/\/portal/);
  });

  test('an agency user typing a /portal URL stays in the workspace', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'member@northwind.test');
    await expect(page).toHaveURL(/\/app/);
    await page.goto('/portal');
    await expect(page).toHaveURL(/\/app/);
  });

  test('works on a phone: the portal shows a compact top bar with an app switcher', async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
    });
    const page = await context.newPage();
    await page.goto('/login');
    await signIn(page, 'anna@acme.test');
    await expect(page.getByRole('heading', { name: /Welcome, Anna/ })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});

test.describe('Password reset', () => {
  test('requests a reset link, sets a new password from the email and signs in with it', async ({ page, request }) => {
    await page.goto('/forgot');
    await page.getByLabel('Email').fill('owner@summit.test');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByText(/if an account exists/i)).toBeVisible();

    const email = await latestEmailTo(request, 'owner@summit.test');
    await page.goto(linkIn(email.text, '/reset-password'));
    await page.getByLabel('New password').fill('a completely new passphrase');
    await page.getByLabel('Confirm password').fill('a completely new passphrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByText(/password has been changed/i)).toBeVisible();

    await page.goto('/login');
    await signIn(page, 'owner@summit.test', 'a completely new passphrase');
    await expect(page).toHaveURL(/\/app/);
  });
});
