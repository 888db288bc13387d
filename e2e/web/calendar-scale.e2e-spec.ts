import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './support';

const POSTS = 2000;
const DAY_MS = 86_400_000;

/**
 * The portal week with thousands of posts (issue: the week view renders thousands of posts without
 * freezing the page): every day shows its first posts and offers the rest on demand, and the page
 * stays usable. The posts are real, made through the API, three weeks ahead so no other test sees them.
 */
test('the portal week stays usable with 2,000 posts in it', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const login = await request.post('/api/v1/auth/login', {
    data: { email: 'member@northwind.test', password: DEMO_PASSWORD },
  });
  const auth = { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const accounts = (await (await request.get('/api/v1/social-accounts', { headers: auth })).json()) as {
    items: Array<{ id: string; clientId: string; displayName: string }>;
  };
  const harbor = accounts.items.find((a) => a.displayName === 'Blue Harbor Hotels');
  if (!harbor) throw new Error('The demo Blue Harbor Hotels account is missing');

  const now = new Date();
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7));
  const weekStart = monday + 21 * DAY_MS;
  // Seven days, 12:00 to 20:00 UTC: the same days in New York, where Bella lives.
  const times = Array.from(
    { length: POSTS },
    (_, i) => new Date(weekStart + (i % 7) * DAY_MS + (12 + (i % 8)) * 3_600_000),
  );
  for (let i = 0; i < POSTS; i += 20) {
    await Promise.all(
      times.slice(i, i + 20).map(async (at, j) => {
        const response = await request.post('/api/v1/posts', {
          headers: auth,
          data: {
            clientId: harbor.clientId,
            text: `Scale post ${i + j}`,
            accountIds: [harbor.id],
            scheduledAt: at.toISOString(),
          },
        });
        expect(response.status()).toBe(201);
      }),
    );
  }

  const page = await (await browser.newContext({ timezoneId: 'America/New_York' })).newPage();
  await page.goto('/login');
  await signIn(page, 'bella@blueharbor.test');
  await page.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
  for (let week = 0; week < 3; week++) await page.getByRole('button', { name: 'Next week' }).click();

  const days = page.locator('li.day');
  await expect(days).toHaveCount(7);
  const monday3 = days.first();
  await expect(monday3.locator('.day__count')).toContainText(String(Math.ceil(POSTS / 7)));
  await expect(monday3.locator('li.post')).toHaveCount(50);
  await monday3.getByRole('button', { name: /Show 50 more/ }).click();
  await expect(monday3.locator('li.post')).toHaveCount(100);
  // Still responsive: moving on to an empty week answers at once.
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(page.getByText(/Nothing is scheduled or published this week/)).toBeVisible();
});
