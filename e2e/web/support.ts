import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'atrium-demo-2026';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The newest captured email to an address, read the way a person would: from the dev mailbox API. */
export async function latestEmailTo(
  request: APIRequestContext,
  address: string,
): Promise<{ subject: string; text: string }> {
  let found: { to: string; subject: string; text: string } | undefined;
  await expect
    .poll(async () => {
      const list = (await (await request.get('/api/v1/dev/mailbox')).json()) as Array<{
        to: string;
        subject: string;
        text: string;
      }>;
      found = list.find((email) => email.to === address);
      return Boolean(found);
    })
    .toBe(true);
  return found!;
}

export function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path}\\?token=[\\w-]+`).exec(text);
  if (!match) throw new Error(`No ${path} link in: ${text}`);
  return match[0];
}

let nextAddress = 0;

/**
 * A distinct client address (documentation range 198.51.100.0/24, sent as X-Forwarded-For to the
 * test server, which trusts its proxy) for a browser context that plays another person: sign-in
 * limits count per address, and a real portal's people do not share one.
 */
export function personAddress(): Record<string, string> {
  nextAddress = (nextAddress % 250) + 1;
  return { 'X-Forwarded-For': `198.51.100.${nextAddress}` };
}

/**
 * axe-core's WCAG 2.2 AA violations on the page, one readable line each. `serious` keeps only the
 * serious and critical ones (SPEC §7's bar); `any` keeps every violation (the stricter pages).
 */
export async function axeViolations(page: Page, level: 'serious' | 'any', where = ''): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const counted =
    level === 'any'
      ? results.violations
      : results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const prefix = where ? `${where}: ` : '';
  return counted.map(
    (v) => `${prefix}${v.id} (${v.impact}): ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** SPEC §7: no serious or critical axe-core violations. */
export async function expectAccessible(page: Page, where = ''): Promise<void> {
  expect(await axeViolations(page, 'serious', where)).toEqual([]);
}

/** No axe-core violation of any impact. */
export async function expectNoViolations(page: Page): Promise<void> {
  expect(await axeViolations(page, 'any')).toEqual([]);
}

/** Nothing sticks out sideways at this width (the page never scrolls horizontally). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** An Authorization header of a demo person signed in through the API. */
export async function apiAs(request: APIRequestContext, email: string): Promise<Record<string, string>> {
  const response = await request.post('/api/v1/auth/login', {
    data: { email, password: DEMO_PASSWORD },
    headers: personAddress(),
  });
  expect(response.ok()).toBe(true);
  return { Authorization: `Bearer ${((await response.json()) as { accessToken: string }).accessToken}` };
}
