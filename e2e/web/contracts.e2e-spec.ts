import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiAs, expectNoViolations, personAddress, signIn } from './support';

const OWNER = 'owner@northwind.test';
const MEMBER = 'member@northwind.test';
const MAX = 'max@acme.test';
const ANNA = 'anna@acme.test';

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

/** A two-page agreement, as an agency would upload it. */
async function agreementPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let page = 1; page <= 2; page++) {
    const p = doc.addPage([595, 842]);
    p.drawText(`Social media retainer — page ${page}`, { x: 60, y: 780, size: 20, font });
    p.drawText('The agency posts three times a week on the client’s accounts.'.replace('’', "'"), {
      x: 60,
      y: 740,
      size: 12,
      font,
    });
  }
  return Buffer.from(await doc.save());
}

/** The newest email to an address whose subject starts with `subject`, from the dev mailbox. */
async function emailTo(
  request: APIRequestContext,
  address: string,
  subject: string,
): Promise<{ subject: string; text: string }> {
  let found: { subject: string; text: string } | undefined;
  await expect
    .poll(async () => {
      const list = (await (await request.get('/api/v1/dev/mailbox')).json()) as Array<{
        to: string;
        subject: string;
        text: string;
      }>;
      found = list.find((email) => email.to === address && email.subject.startsWith(subject));
      return Boolean(found);
    })
    .toBe(true);
  return found as { subject: string; text: string };
}

/** The one-click sign-in link of a contract email (it carries where to go after signing in). */
function contractLink(text: string): string {
  const match = /https?:\/\/\S+\/magic-link\?token=[\w-]+&returnUrl=[\w%.-]+/.exec(text);
  if (!match) throw new Error(`No contract link in: ${text}`);
  return match[0];
}

function pdfsig(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-e2e-pdf-'));
  writeFileSync(join(dir, 'file.pdf'), bytes);
  return execFileSync('pdfsig', [join(dir, 'file.pdf')], { encoding: 'utf8' });
}

/** Draws a squiggle on the signature pad, as a finger would. */
async function drawSignature(page: Page): Promise<void> {
  const pad = page.getByLabel('Drawing area for your signature');
  await expect(pad).toBeVisible();
  const box = await pad.boundingBox();
  if (!box) throw new Error('The drawing area has no size');
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let step = 1; step <= 12; step++) {
    await page.mouse.move(
      box.x + box.width * (0.1 + step * 0.065),
      box.y + box.height * (0.5 + 0.25 * Math.sin(step)),
      { steps: 3 },
    );
  }
  await page.mouse.up();
}

test.describe('Contracts', () => {
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
    const on = await request.patch(`/api/v1/clients/${acmeId}`, {
      headers,
      data: { permissions: [...acmePermissions, 'contracts.sign'] },
    });
    expect(on.ok()).toBe(true);
  });

  test.afterAll(async ({ request }) => {
    // Other suites expect Acme as the demo made it.
    const headers = await apiAs(request, OWNER);
    await request.patch(`/api/v1/clients/${acmeId}`, { headers, data: { permissions: acmePermissions } });
  });

  test('a member sends a PDF to two people in turn; one draws on a phone, one types; the sealed copy verifies', async ({
    browser,
    request,
  }) => {
    test.setTimeout(180_000);
    // The agency member uploads the document.
    const mia = await signedIn(browser, MEMBER);
    await mia.getByRole('link', { name: 'Contracts' }).click();
    await expect(mia.getByRole('heading', { name: 'Contracts', level: 1 })).toBeVisible();
    await expectNoViolations(mia);
    await mia.getByRole('button', { name: 'New contract' }).click();
    const dialog = mia.getByRole('dialog', { name: 'New contract' });
    await dialog.getByRole('combobox', { name: 'Client' }).click();
    await mia.getByRole('option', { name: 'Acme Coffee' }).click();
    await dialog.getByLabel('PDF document').setInputFiles({
      name: 'Retainer.pdf',
      mimeType: 'application/pdf',
      buffer: await agreementPdf(),
    });
    await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue('Retainer');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(mia).toHaveURL(/\/app\/contracts\/[0-9a-f-]{36}$/);
    const contractId = mia.url().split('/').pop() as string;
    await expect(mia.getByRole('heading', { name: 'Retainer', level: 1 })).toBeVisible();

    // Two signers in sequence: Max first, then Anna.
    await mia.getByRole('button', { name: 'Add recipient' }).click();
    await mia.getByRole('combobox', { name: 'Person 1' }).click();
    await mia.getByRole('option', { name: /Max Acme/ }).click();
    await mia.getByRole('button', { name: 'Add recipient' }).click();
    await mia.getByRole('combobox', { name: 'Person 2' }).click();
    await mia.getByRole('option', { name: /Anna Acme/ }).click();
    await expect(mia.getByRole('spinbutton', { name: 'Step' }).nth(1)).toHaveValue('2');

    // A signature and a date for Max, a signature for Anna, placed on the page in view.
    await expect(mia.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true');
    await mia.getByRole('button', { name: 'Add Signature' }).click();
    await mia.getByRole('button', { name: 'Add Date signed' }).click();
    await mia.getByTestId('field-recipient').click();
    await mia.getByRole('option', { name: /Anna Acme/ }).click();
    await mia.getByRole('button', { name: 'Add Signature' }).click();
    await expect(mia.getByTestId('field-box')).toHaveCount(3);
    await expectNoViolations(mia);

    await mia.getByRole('button', { name: 'Send for signature' }).click();
    await expect(mia.getByText('Waiting for their signature')).toBeVisible();
    await expect(mia.getByText('Waiting for their turn')).toBeVisible();
    await expectNoViolations(mia);

    // Max opens the email on his phone: one click signs him in and opens the contract.
    const toMax = await emailTo(request, MAX, 'Please sign: Retainer');
    const max = await context(browser, 360);
    await max.goto(contractLink(toMax.text));
    await max.getByRole('button', { name: 'Sign in' }).click();
    await expect(max).toHaveURL(new RegExp(`/portal/contracts/${contractId}$`));
    await expect(max.getByRole('heading', { name: 'Retainer', level: 1 })).toBeVisible();
    await expect(max.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true');
    await expectNoViolations(max);
    await max.getByRole('button', { name: /Sign here, page 1, required/ }).click();
    const pad = max.getByRole('dialog', { name: 'Add your signature' });
    await pad.getByRole('tab', { name: 'Draw' }).click();
    await drawSignature(max);
    await expect(pad.getByRole('figure', { name: 'Will be placed as' })).toBeVisible();
    await pad.getByRole('button', { name: 'Use this signature' }).click();
    await max.getByRole('region', { name: 'Signing' }).getByRole('button', { name: 'Sign' }).click();
    await expect(max.getByText(/You signed/)).toBeVisible();

    // Anna's turn: she types her signature.
    await emailTo(request, ANNA, 'Please sign: Retainer');
    const anna = await signedIn(browser, ANNA);
    await anna.goto('/portal/contracts');
    const waiting = anna.getByRole('region', { name: 'Waiting for your signature' });
    await expect(waiting.getByRole('link', { name: 'Retainer' })).toBeVisible();
    await expectNoViolations(anna);
    await waiting.getByRole('link', { name: 'Retainer' }).click();
    // One contract is still under Contracts in the menu.
    await expect(
      anna.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Contracts' }),
    ).toHaveAttribute('aria-current', 'page');
    await expect(anna.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true');
    await anna.getByRole('button', { name: /Sign here, page 1, required/ }).click();
    const typed = anna.getByRole('dialog', { name: 'Add your signature' });
    await expect(typed.getByRole('textbox', { name: 'Your full name' })).toHaveValue('Anna Acme');
    await typed.getByRole('radio', { name: /Great Vibes/ }).check();
    await typed.getByRole('button', { name: 'Use this signature' }).click();
    await anna.getByRole('region', { name: 'Signing' }).getByRole('button', { name: 'Sign' }).click();
    await expect(anna.getByText(/You signed/)).toBeVisible();

    // Sealed: both get the completed copy; the agency downloads it and its certificate.
    await emailTo(request, MAX, 'Completed: Retainer');
    await emailTo(request, ANNA, 'Completed: Retainer');
    // The completed emails leave once the copy is sealed: it is ready to download now.
    await anna.reload();
    await expect(anna.getByRole('button', { name: 'Download signed copy' })).toBeVisible();
    const annaDownload = anna.waitForEvent('download');
    await anna.getByRole('button', { name: 'Download signed copy' }).click();
    expect((await annaDownload).suggestedFilename()).toMatch(/Retainer.*\.pdf$/);

    await mia.reload();
    await expect(mia.getByRole('button', { name: 'Signed copy' })).toBeVisible();
    const signedDownload = mia.waitForEvent('download');
    await mia.getByRole('button', { name: 'Signed copy' }).click();
    const signed = readFileSync(await (await signedDownload).path());
    const report = pdfsig(signed);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
    const certificateDownload = mia.waitForEvent('download');
    await mia.getByRole('button', { name: 'Signing certificate' }).click();
    expect(pdfsig(readFileSync(await (await certificateDownload).path()))).toContain('Signature is Valid');
    await expect(mia.getByRole('heading', { name: 'Activity' })).toBeVisible();
    await expect(mia.getByText('Signed copy sealed', { exact: true })).toBeVisible();
    await expectNoViolations(mia);

    // Anyone can check the file on the public verification page.
    const visitor = await context(browser, 360);
    await visitor.goto('/verify');
    await expectNoViolations(visitor);
    await visitor
      .getByTestId('verify-file-input')
      .setInputFiles({ name: 'Retainer - signed.pdf', mimeType: 'application/pdf', buffer: signed });
    await expect(visitor.getByText(/This is a completed contract: Retainer/)).toBeVisible();
  });

  test('a decline and a void reach everyone involved, with the reason', async ({ browser, request }) => {
    test.setTimeout(120_000);
    const headers = await apiAs(request, OWNER);
    const people = (await (await request.get(`/api/v1/clients/${acmeId}/users`, { headers })).json()) as Array<{
      id: string;
      email: string;
    }>;
    const maxId = people.find((p) => p.email === MAX)?.id as string;
    const sendTo = async (title: string): Promise<string> => {
      const created = await request.post(`/api/v1/contracts?clientId=${acmeId}&title=${encodeURIComponent(title)}`, {
        headers: { ...headers, 'Content-Type': 'application/pdf' },
        data: await agreementPdf(),
      });
      expect(created.status()).toBe(201);
      const id = ((await created.json()) as { id: string }).id;
      const saved = await request.put(`/api/v1/contracts/${id}`, {
        headers,
        data: {
          title,
          message: null,
          expiresAt: null,
          reminders: null,
          recipients: [{ userId: maxId, role: 'signer', step: 1 }],
          fields: [
            { kind: 'signature', recipientIndex: 0, required: true, page: 0, x: 0.1, y: 0.7, width: 0.3, height: 0.06 },
          ],
        },
      });
      expect(saved.ok()).toBe(true);
      expect((await request.post(`/api/v1/contracts/${id}/send`, { headers })).ok()).toBe(true);
      return id;
    };

    // Max declines; the agency sees who and why.
    const declinedId = await sendTo('Price list');
    const max = await signedIn(browser, MAX, 360);
    await max.goto(`/portal/contracts/${declinedId}`);
    await max.getByRole('region', { name: 'Signing' }).getByRole('button', { name: 'Decline' }).click();
    await max.getByRole('textbox', { name: /Why do you decline/ }).fill('The prices are last year’s');
    await expectNoViolations(max);
    await max.getByRole('button', { name: 'Decline contract' }).click();
    await expect(max.getByText(/The prices are last year’s/).first()).toBeVisible();
    const toOwner = await emailTo(request, OWNER, 'Declined: Price list');
    expect(toOwner.text).toContain('The prices are last year’s');
    const owner = await signedIn(browser, OWNER);
    await owner.goto(`/app/contracts/${declinedId}`);
    await expect(owner.getByText(/Max Acme declined it: “The prices are last year’s”/)).toBeVisible();

    // The agency voids another; Max is told, and the contract says so in the portal.
    const voidedId = await sendTo('Old retainer');
    await owner.goto(`/app/contracts/${voidedId}`);
    await owner.getByRole('button', { name: 'Void' }).click();
    const voiding = owner.getByRole('dialog', { name: 'Void this contract?' });
    await voiding.getByRole('textbox', { name: 'Reason' }).fill('Replaced by the new retainer');
    await voiding.getByRole('button', { name: 'Void contract' }).click();
    await expect(owner.getByText('Voided: “Replaced by the new retainer”')).toBeVisible();
    await expect(owner.getByRole('button', { name: 'Voided copy' })).toBeVisible();
    const toMax = await emailTo(request, MAX, 'Voided: Old retainer');
    expect(toMax.text).toContain('Replaced by the new retainer');
    await max.goto(`/portal/contracts/${voidedId}`);
    await expect(max.getByText(/Replaced by the new retainer/).first()).toBeVisible();
    await expect(max.getByRole('button', { name: 'Download voided copy' })).toBeVisible();
    await expect(max.getByRole('region', { name: 'Signing' })).toHaveCount(0);
  });
});
