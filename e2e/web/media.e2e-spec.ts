import { expect, test, type Browser } from '@playwright/test';
import sharp from 'sharp';
import { expectAccessible, signIn } from './support';

async function signedIn(browser: Browser, email: string, options: { timezoneId?: string; width?: number } = {}) {
  const page = await (
    await browser.newContext({
      timezoneId: options.timezoneId ?? 'UTC',
      viewport: options.width ? { width: options.width, height: 800 } : undefined,
    })
  ).newPage();
  await page.goto('/login');
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

const picture = (colour: string) =>
  sharp({ create: { width: 900, height: 600, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();

test.describe('Media, settings and the portal dashboard', () => {
  test('a client uploads several files, finds one and downloads it; the agency sees it and attaches it to a post', async ({
    browser,
  }) => {
    const stamp = Date.now().toString(36);
    const names = [`beans-${stamp}.jpg`, `cups-${stamp}.jpg`, `menu-${stamp}.pdf`];
    const anna = await signedIn(browser, 'anna@acme.test');
    await anna.getByRole('navigation').getByRole('link', { name: 'Media' }).click();
    await expect(anna.getByRole('heading', { name: 'Media', level: 1 })).toBeVisible();

    await anna.locator('input[type=file]').setInputFiles([
      { name: names[0], mimeType: 'image/jpeg', buffer: await picture('#6b3e26') },
      { name: names[1], mimeType: 'image/jpeg', buffer: await picture('#d9c8a9') },
      { name: names[2], mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
      {
        name: `evil-${stamp}.svg`,
        mimeType: 'image/svg+xml',
        buffer: Buffer.from('<svg><script>alert(1)</script></svg>'),
      },
    ]);
    // Each file gets its own line in the upload list; the refused one says why.
    const uploads = anna.getByRole('list', { name: 'Uploads' });
    await expect(uploads.getByRole('listitem')).toHaveCount(4);
    await expect(uploads).toContainText(/Not uploaded: not an accepted file type \(an SVG image\)/);
    await expect(uploads.getByText('Uploaded', { exact: true })).toHaveCount(3);
    await expect(anna.getByText('3 of 4 files uploaded')).toBeVisible();
    const grid = anna.getByRole('list', { name: 'Your files' });
    for (const name of names) await expect(grid.getByText(name, { exact: true }).first()).toBeVisible();

    await anna.getByLabel('Search by filename').fill(`cups-${stamp}`);
    await expect(grid.getByRole('listitem')).toHaveCount(1);
    const downloading = anna.waitForEvent('download');
    await grid.getByRole('link', { name: `Download ${names[1]}` }).click();
    expect((await downloading).suggestedFilename()).toBe(names[1]);

    // The agency's library shows the upload with its client and uploader, and it can go on a post.
    const agency = await signedIn(browser, 'member@northwind.test');
    await agency.getByRole('navigation').getByRole('link', { name: 'Media' }).click();
    await agency.getByLabel('Search by filename').fill(`beans-${stamp}`);
    const library = agency.getByRole('list', { name: 'Library' });
    await expect(library.getByRole('listitem')).toHaveCount(1);
    await expect(library).toContainText('Anna Acme');
    await expect(library).toContainText('Acme Coffee');

    await agency.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await agency.getByRole('button', { name: 'New post', exact: true }).click();
    const composer = agency.getByRole('dialog');
    await composer.getByRole('combobox', { name: 'Client' }).click();
    await agency.getByRole('option', { name: 'Acme Coffee' }).click();
    await composer
      .getByRole('checkbox', { name: /Acme Coffee/ })
      .first()
      .check();
    await composer.getByLabel('Text').fill(`Fresh beans ${stamp}`);
    await composer.getByRole('button', { name: 'Add media' }).click();
    const picker = agency.getByRole('dialog', { name: 'Add media' });
    await picker.getByLabel('Search images').fill(`beans-${stamp}`);
    await picker.getByRole('checkbox', { name: names[0] }).check();
    await picker.getByRole('button', { name: 'Use selected images' }).click();
    await expect(composer.getByRole('list', { name: 'Attached media' })).toContainText(names[0]);
    await composer.getByLabel('Date and time').fill(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16));
    await composer.getByRole('button', { name: 'Schedule' }).click();
    await expect(composer).toBeHidden();
  });

  test('a client changes their time zone and the calendar shifts with it', async ({ browser }) => {
    const max = await signedIn(browser, 'max@acme.test');
    await max.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    const post = max.locator('li.post', { hasText: 'Rainy day' });
    const before = await post.locator('time').textContent();
    await expect(max.getByText('Europe/Berlin').first()).toBeVisible();

    await max.getByRole('button', { name: /Max Acme/ }).click();
    await max.getByRole('menuitem', { name: 'Settings' }).click();
    const zone = max.getByLabel('Time zone');
    await zone.fill('Asia/Tokyo');
    await max.getByRole('option', { name: /Asia\/Tokyo/ }).click();
    await max.getByRole('button', { name: 'Save profile' }).click();
    await expect(max.getByText(/saved/i).first()).toBeVisible();

    await max.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await expect(max.getByText('Asia/Tokyo').first()).toBeVisible();
    const after = await max.locator('li.post', { hasText: 'Rainy day' }).locator('time').textContent();
    // Tokyo is 8 hours ahead of Berlin in winter: the same post shows a different time.
    expect(after).not.toBe(before);
    const iso = await max.locator('li.post', { hasText: 'Rainy day' }).locator('time').getAttribute('datetime');
    const tokyo = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Tokyo', hour: 'numeric', minute: '2-digit' }).format(
      new Date(iso as string),
    );
    expect(after?.trim()).toBe(tokyo);
  });

  test('the portal dashboard welcomes the person with what is coming and the latest uploads, at 360 px', async ({
    browser,
  }) => {
    const anna = await signedIn(browser, 'anna@acme.test', { width: 360 });
    await expect(anna.getByRole('heading', { name: /Welcome, Anna/ })).toBeVisible();
    await expect(anna.getByRole('region', { name: 'Coming up' }).getByRole('listitem').first()).toBeVisible();
    await expect(anna.getByRole('region', { name: 'Latest uploads' }).getByText('storefront.jpg')).toBeVisible();
    // Areas that are not built are not offered at all.
    await expect(anna.locator('body')).not.toContainText(/contracts|coming soon/i);
    const overflow = await anna.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(anna);
  });

  test('Media, Settings and the agency library have no serious or critical accessibility violations', async ({
    browser,
  }) => {
    const anna = await signedIn(browser, 'anna@acme.test');
    await anna.goto('/portal/media');
    await expect(anna.getByRole('list', { name: 'Your files' })).toBeVisible();
    await expectAccessible(anna);
    await anna.goto('/portal/settings');
    await expect(anna.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await expectAccessible(anna);
    const agency = await signedIn(browser, 'owner@northwind.test');
    await agency.goto('/app/media');
    await expect(agency.getByRole('list', { name: 'Library' })).toBeVisible();
    await expectAccessible(agency);
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto('/confirm-email-change?token=example-token-for-a11y-check');
    await expect(visitor.getByRole('button', { name: 'Confirm new email' })).toBeVisible();
    await expectAccessible(visitor);
  });
});
