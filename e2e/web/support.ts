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
