import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiAs, expectAccessible, expectNoHorizontalScroll, personAddress, signIn } from './support';

const OWNER = 'owner@northwind.test';
const ADMIN = 'admin@northwind.test';
const ANNA = 'anna@acme.test';
const MAX = 'max@acme.test';

const openContexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const context of openContexts.splice(0)) await context.close();
});

async function context(browser: Browser, width = 1280): Promise<Page> {
  const created = await browser.newContext({
    viewport: { width, height: width < 600 ? 780 : 900 },
    hasTouch: width < 600,
    extraHTTPHeaders: personAddress(),
    acceptDownloads: true,
  });
  openContexts.push(created);
  return created.newPage();
}

async function signedIn(browser: Browser, email: string, width = 1280): Promise<Page> {
  const page = await context(browser, width);
  await page.goto('/login');
  await signIn(page, email);
  await expect(page).toHaveURL(/\/(portal|app)/);
  return page;
}

type Captured = { to: string; subject: string; text: string };

/** A captured email to an address whose subject matches, from the dev mailbox. */
async function emailTo(request: APIRequestContext, address: string, subject: RegExp): Promise<Captured> {
  let found: Captured | undefined;
  await expect
    .poll(
      async () => {
        const list = (await (await request.get('/api/v1/dev/mailbox')).json()) as Captured[];
        found = list.find((email) => email.to === address && subject.test(email.subject));
        return Boolean(found);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found as Captured;
}

/** The one-click sign-in link of an invoice email (it carries where to go after signing in). */
function invoiceLink(text: string): string {
  const match = /https?:\/\/\S+\/magic-link\?token=[\w-]+&returnUrl=[\w%.-]+/.exec(text);
  if (!match) throw new Error(`No invoice link in: ${text}`);
  return match[0];
}

function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-e2e-invoice-'));
  writeFileSync(join(dir, 'invoice.pdf'), bytes);
  return execFileSync('pdftotext', ['-layout', join(dir, 'invoice.pdf'), '-'], { encoding: 'utf8' });
}

test.describe('Billing', () => {
  let acmeId = '';
  let acmePermissions: string[] = [];

  test.beforeAll(async ({ request }) => {
    const headers = await apiAs(request, OWNER);
    const clients = (await (await request.get('/api/v1/clients?limit=100', { headers })).json()) as {
      items: Array<{ id: string; name: string; permissions: string[] }>;
    };
    const acme = clients.items.find((client) => client.name === 'Acme Coffee');
    if (!acme) throw new Error('The demo data has no Acme Coffee');
    acmeId = acme.id;
    acmePermissions = acme.permissions;
    // The agency allows Billing for Acme (admins only, whatever it allows), if the demo did not already.
    const on = await request.patch(`/api/v1/clients/${acmeId}`, {
      headers,
      data: { permissions: [...new Set([...acmePermissions, 'billing.manage'])] },
    });
    expect(on.ok(), await on.text()).toBe(true);
  });

  test.afterAll(async ({ request }) => {
    // Other suites expect Acme as the demo made it.
    const headers = await apiAs(request, OWNER);
    await request.patch(`/api/v1/clients/${acmeId}`, { headers, data: { permissions: acmePermissions } });
  });

  test('an admin invoices with two lines and tax; the client admin opens the email, downloads, pays; both see it paid', async ({
    browser,
    request,
  }) => {
    test.setTimeout(150_000);

    // The agency admin connects the test payment provider.
    const adam = await signedIn(browser, ADMIN);
    await adam.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Billing' }).click();
    await expect(adam.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible();
    await expect(adam.locator('#total-outstanding')).toHaveText('Outstanding');
    await expectAccessible(adam, 'billing');
    await adam.getByRole('tab', { name: 'Settings' }).click();
    await expect(adam.getByRole('heading', { name: 'Billing settings', level: 1 })).toBeVisible();
    const payments = adam.getByRole('region', { name: 'Online payments' });
    // The demo installation may have connected it already: start from scratch, as a new agency would.
    if (await payments.getByRole('button', { name: 'Disconnect' }).isVisible()) {
      await payments.getByRole('button', { name: 'Disconnect' }).click();
      await adam.getByRole('alertdialog').getByRole('button', { name: 'Disconnect' }).click();
    }
    await expect(payments.getByRole('button', { name: 'Connect test payments' })).toBeVisible();
    await expectAccessible(adam, 'billing settings');
    await payments.getByRole('button', { name: 'Connect test payments' }).click();
    await expect(payments.getByText(/Test payments.*is connected/)).toBeVisible();

    // A new invoice for Acme: two lines, two tax rates, in euros.
    await adam.getByRole('tab', { name: 'Invoices' }).click();
    await adam.getByRole('link', { name: 'New invoice' }).click();
    await expect(adam.getByRole('heading', { name: 'New invoice', level: 1 })).toBeVisible();
    await adam.getByRole('combobox', { name: 'Client' }).click();
    await adam.getByRole('option', { name: 'Acme Coffee' }).click();
    await adam.getByRole('combobox', { name: 'Currency' }).click();
    await adam.getByRole('option', { name: 'EUR', exact: true }).click();
    const first = adam.getByRole('group', { name: 'Line 1' });
    await first.getByLabel('Description').fill('Social media management, December');
    await first.getByLabel('Quantity').fill('1');
    await first.getByLabel('Unit price').fill('1200');
    await first.getByLabel('Tax').fill('19');
    await adam.getByRole('button', { name: 'Add line' }).click();
    const second = adam.getByRole('group', { name: 'Line 2' });
    await second.getByLabel('Description').fill('Photo shoot');
    await second.getByLabel('Quantity').fill('2');
    await second.getByLabel('Unit price').fill('250.50');
    await second.getByLabel('Tax').fill('7');
    // Live totals, as the server will compute them: 1,701.00 + 228.00 + 35.07.
    const totals = adam.getByRole('region', { name: 'Totals' });
    await expect(totals).toContainText('€1,701.00');
    await expect(totals).toContainText('€228.00');
    await expect(totals).toContainText('€35.07');
    await expect(totals).toContainText('€1,964.07');
    await expectAccessible(adam, 'invoice editor');
    await adam.getByRole('button', { name: 'Save draft' }).click();
    await expect(adam).toHaveURL(/\/app\/billing\/invoices\/[0-9a-f-]{36}$/);
    const invoiceId = adam.url().split('/').pop() as string;
    await expect(adam.getByRole('heading', { name: 'Draft invoice', level: 1 })).toBeVisible();
    await expect(adam.getByRole('article')).toContainText('€1,964.07');

    // Sending says what happens, then numbers it.
    await adam.getByRole('button', { name: 'Send', exact: true }).click();
    const confirm = adam.getByRole('alertdialog');
    await expect(confirm).toContainText('next invoice number');
    await expect(confirm).toContainText('get an email');
    await confirm.getByRole('button', { name: 'Send invoice' }).click();
    const heading = adam.getByRole('heading', { name: /^Invoice \S+$/, level: 1 });
    await expect(heading).toBeVisible();
    const number = ((await heading.textContent()) ?? '').trim().replace(/^Invoice /, '');
    expect(number).not.toBe('');
    await expect(adam.getByText('Status: Sent')).toBeVisible();
    await expectAccessible(adam, 'agency invoice');

    // Anna, a client admin, gets the email and follows its one-click link into the portal.
    const sent = await emailTo(request, ANNA, new RegExp(`^Invoice ${number}\\b`, 'i'));
    const anna = await context(browser);
    await anna.goto(invoiceLink(sent.text));
    await anna.getByRole('button', { name: 'Sign in' }).click();
    await expect(anna).toHaveURL(new RegExp(`/portal/billing/invoices/${invoiceId}$`));
    await expect(anna.getByRole('heading', { name: `Invoice ${number}`, level: 1 })).toBeVisible();
    await expect(anna.getByText('€1,964.07 to pay by')).toBeVisible();
    await expect(
      anna.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Billing' }),
    ).toHaveAttribute('aria-current', 'page');
    await expectAccessible(anna, 'portal invoice');

    // The PDF is a real PDF with the number on it.
    const download = anna.waitForEvent('download');
    await anna.getByRole('button', { name: 'Download PDF' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${number}.pdf`);
    const bytes = readFileSync(await file.path());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(bytes);
    expect(text).toContain(number);
    expect(text).toContain('1,964.07');

    // Pay through the sandbox provider's hosted page; coming back does not mark it paid, the webhook does.
    await anna.getByRole('button', { name: 'Pay now' }).click();
    await expect(anna.getByRole('heading', { name: 'Pay with the sandbox provider' })).toBeVisible();
    await anna.getByRole('button', { name: /^Pay / }).click();
    await expect(anna).toHaveURL(new RegExp(`/portal/billing/invoices/${invoiceId}\\?payment=success$`));
    await expect(anna.getByText('Paid — thank you!', { exact: false })).toBeVisible({ timeout: 30_000 });
    await expect(anna.getByText('Status: Paid')).toBeVisible();
    await expect(anna.getByRole('button', { name: 'Pay now' })).toHaveCount(0);

    // The receipt arrives, and the agency sees it paid.
    await emailTo(request, ANNA, new RegExp(`^Receipt: .*${number}`));
    await adam.reload();
    await expect(adam.getByText('Status: Paid')).toBeVisible();
    await expect(adam.getByRole('region', { name: 'History' })).toContainText('€1,964.07 paid');

    // Anna's Billing page lists it among the paid ones.
    await anna.getByRole('link', { name: 'Billing', exact: true }).first().click();
    await expect(anna.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible();
    await expect(anna.getByRole('region', { name: 'Paid and past invoices' })).toContainText(number);
    await expectAccessible(anna, 'portal billing');
  });

  test('an admin records a part payment, reminds the client, and voids with a reason; a member only drafts', async ({
    browser,
    request,
  }) => {
    test.setTimeout(120_000);
    const headers = await apiAs(request, ADMIN);
    const today = new Date().toISOString().slice(0, 10);
    const created = await request.post('/api/v1/invoices', {
      headers,
      data: {
        clientId: acmeId,
        currency: 'USD',
        issueDate: today,
        dueDate: today,
        lines: [{ description: 'Strategy workshop', quantity: 1, unitPrice: 50000, taxRate: 0 }],
        discount: { kind: 'none', value: 0 },
        notes: '',
        terms: '',
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const invoiceId = ((await created.json()) as { id: string }).id;

    // A member may open the draft but not send it.
    const mia = await signedIn(browser, 'member@northwind.test');
    await mia.goto(`/app/billing/invoices/${invoiceId}`);
    await expect(mia.getByRole('heading', { name: 'Draft invoice', level: 1 })).toBeVisible();
    await expect(mia.getByRole('link', { name: 'Edit' })).toBeVisible();
    await expect(mia.getByRole('button', { name: 'Send', exact: true })).toHaveCount(0);
    await expect(mia.getByText('An owner or admin of your agency sends it')).toBeVisible();

    const sent = await request.post(`/api/v1/invoices/${invoiceId}/send`, { headers, data: {} });
    expect(sent.ok(), await sent.text()).toBe(true);

    const adam = await signedIn(browser, ADMIN);
    await adam.goto(`/app/billing/invoices/${invoiceId}`);
    await expect(adam.getByRole('heading', { name: /^Invoice \S+$/, level: 1 })).toBeVisible();

    // A bank transfer for part of it.
    await adam.getByRole('button', { name: 'Record payment' }).click();
    const payment = adam.getByRole('dialog', { name: 'Record a payment' });
    await expect(payment.getByLabel('Amount')).toHaveValue('500.00');
    await payment.getByLabel('Amount').fill('600');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await expect(payment).toContainText('Enter at most the balance, $500.00.');
    await payment.getByLabel('Amount').fill('200');
    await payment.getByLabel('Reference (optional)').fill('TRX-4411');
    await expectAccessible(adam, 'record payment dialog');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await expect(payment).toHaveCount(0);
    await expect(adam.getByRole('region', { name: 'History' })).toContainText(
      '$200.00 paid by bank transfer (TRX-4411)',
    );
    await expect(adam.getByRole('article')).toContainText('Balance due$300.00');

    await adam.getByRole('button', { name: 'Send reminder' }).click();
    await expect(adam.getByText('Reminder emailed to Acme Coffee.')).toBeVisible();

    // Void: a reason is required, and the dialog says there is no credit note.
    await adam.getByRole('button', { name: 'Void' }).click();
    const voiding = adam.getByRole('dialog', { name: /^Void invoice/ });
    await expect(voiding).toContainText('A credit note is not available');
    await voiding.getByRole('button', { name: 'Void invoice' }).click();
    await expect(voiding).toContainText('Enter why you void it.');
    await voiding.getByLabel('Reason').fill('Agreed to cancel the workshop');
    await expectAccessible(adam, 'void dialog');
    await voiding.getByRole('button', { name: 'Void invoice' }).click();
    await expect(voiding).toHaveCount(0);
    await expect(adam.getByText('Status: Void')).toBeVisible();
    await expect(adam.getByText('This invoice was voided: Agreed to cancel the workshop')).toBeVisible();
    await expect(adam.getByRole('button', { name: 'Record payment' })).toHaveCount(0);
  });

  test('a client member sees no Billing, and the page refuses them kindly', async ({ browser, request }) => {
    const max = await signedIn(browser, MAX);
    await expect(max.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(max.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Billing' })).toHaveCount(0);
    await expect(max.getByRole('link', { name: 'View invoices' })).toHaveCount(0);
    await max.goto('/portal/billing');
    await expect(max).toHaveURL(/\/portal$/);
    await expect(max.getByRole('heading', { name: /^Welcome/, level: 1 })).toBeVisible();
    // The API refuses them too.
    const refused = await request.get('/api/v1/portal/billing', { headers: await apiAs(request, MAX) });
    expect([403, 404]).toContain(refused.status());
  });

  test('the billing pages work on a phone and stay accessible', async ({ browser }) => {
    test.setTimeout(120_000);
    const adam = await signedIn(browser, ADMIN, 360);
    for (const [path, title] of [
      ['/app/billing', 'Billing'],
      ['/app/billing/invoices/new', 'New invoice'],
      ['/app/billing/recurring', 'Recurring invoices'],
      ['/app/billing/recurring/new', 'New recurring invoice'],
      ['/app/billing/settings', 'Billing settings'],
    ]) {
      await adam.goto(path);
      await expect(adam.getByRole('heading', { name: title, level: 1 })).toBeVisible();
      await expect(adam.getByRole('progressbar')).toHaveCount(0);
      await expectNoHorizontalScroll(adam);
      await expectAccessible(adam, `${path} at 360px`);
    }
    const anna = await signedIn(browser, ANNA, 360);
    await anna.getByRole('button', { name: /^Portal pages/ }).click();
    await anna.getByRole('menuitem', { name: 'Billing' }).click();
    await expect(anna.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible();
    await expect(anna.getByRole('region', { name: 'Billing details' })).toBeVisible();
    await expectNoHorizontalScroll(anna);
    await expectAccessible(anna, 'portal billing at 360px');
    await anna.getByRole('region', { name: 'Billing details' }).getByRole('button', { name: 'Edit' }).click();
    await anna.getByLabel('Legal name').fill('Acme Coffee GmbH');
    await anna.getByRole('button', { name: 'Save billing details' }).click();
    await expect(anna.getByRole('region', { name: 'Billing details' })).toContainText('Acme Coffee GmbH');
  });
});
