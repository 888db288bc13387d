import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CLIENT_PERMISSIONS,
  computeInvoiceTotals,
  formatMoney,
  formatPercent,
  type ClientPermission,
  type InvoiceLineInput,
  type InvoiceStatus,
} from '@atrium/shared';
import { FileStorage } from '../src/core/storage/file-storage';
import { Agency } from '../src/core/tenancy/entities/agency.entity';
import { ClientMembership } from '../src/core/tenancy/entities/client-membership.entity';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import { User } from '../src/core/tenancy/entities/user.entity';
import { OneTimeToken } from '../src/modules/auth/entities/one-time-token.entity';
import { InvoiceMailer } from '../src/modules/billing/documents/invoice-mailer';
import { InvoicePdfService } from '../src/modules/billing/documents/invoice-pdf.service';
import { BillingProfile } from '../src/modules/billing/entities/billing-profile.entity';
import { InvoiceLine } from '../src/modules/billing/entities/invoice-line.entity';
import { InvoicePayment } from '../src/modules/billing/entities/invoice-payment.entity';
import { Invoice } from '../src/modules/billing/entities/invoice.entity';
import { OutboxEmail } from '../src/core/mail/outbox-email.entity';
import { runTool } from '../src/modules/contracts/pdf/pdf-test-support';
import { Factory } from './support/factories';
import { png } from './support/media-files';
import sharp from 'sharp';
import { BrandingService } from '../src/modules/branding/branding.service';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Invoice documents (issue 17): the PDF (its figures read exactly as the API's, with awkward tax
 * rates; drafts, void and paid marks; long invoices flowing onto more pages; stored and rendered
 * again when the invoice changes), its agency and portal downloads (isolation), and the billing
 * emails (only client admins with billing.manage and the billing contact; one-click link).
 */
describe('Invoice documents: PDF, downloads and emails', () => {
  let t: TestApp;
  let f: Factory;
  let pdfs: InvoicePdfService;
  let mailer: InvoiceMailer;
  let workDir: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    pdfs = t.app.get(InvoicePdfService);
    mailer = t.app.get(InvoiceMailer);
    workDir = await mkdtemp(join(tmpdir(), 'atrium-invoice-pdf-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
    await t.close();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  interface World {
    agency: Agency;
    acme: Client;
    globex: Client;
    owner: User;
    anna: User;
    ben: User;
    max: User;
    gina: User;
  }

  /** An agency; Acme with two admins and a member; Globex with an admin. */
  async function world(acmePermissions: ClientPermission[] = [...CLIENT_PERMISSIONS]): Promise<World> {
    const agency = await f.agency('Northwind Creative');
    const acme = await f.client(agency, acmePermissions, 'Acme Coffee');
    const globex = await f.client(agency, [...CLIENT_PERMISSIONS], 'Globex');
    const named = async (user: User, name: string) => {
      await t.db.getRepository(User).update({ id: user.id }, { name });
      return Object.assign(user, { name });
    };
    return {
      agency,
      acme,
      globex,
      owner: await named(await f.agencyUser(agency, 'owner'), 'Olive Owner'),
      anna: await named(await f.clientUser(acme, 'admin'), 'Anna Acme'),
      ben: await named(await f.clientUser(acme, 'admin'), 'Ben Acme'),
      max: await named(await f.clientUser(acme, 'member'), 'Max Acme'),
      gina: await named(await f.clientUser(globex, 'admin'), 'Gina Globex'),
    };
  }

  interface InvoiceSpec {
    lines: InvoiceLineInput[];
    discount?: { kind: 'none' | 'percent' | 'amount'; value: number };
    status?: InvoiceStatus;
    amountPaid?: number;
    voidReason?: string;
    currency?: string;
  }

  let sequence = 0;

  /** An invoice stored as the invoices service stores one: totals from computeInvoiceTotals, parties frozen once sent. */
  async function invoiceOf(client: Client, spec: InvoiceSpec): Promise<Invoice> {
    const currency = spec.currency ?? 'USD';
    const discount = spec.discount ?? { kind: 'none' as const, value: 0 };
    const totals = computeInvoiceTotals({ currency, lines: spec.lines, discount });
    const status = spec.status ?? 'sent';
    const draft = status === 'draft';
    sequence += 1;
    const invoice = await t.db.getRepository(Invoice).save(
      t.db.getRepository(Invoice).create({
        agencyId: client.agencyId,
        clientId: client.id,
        status,
        numberSeq: draft ? null : sequence,
        number: draft ? null : `INV-${String(sequence).padStart(4, '0')}`,
        currency,
        issueDate: '2026-12-03',
        dueDate: '2026-12-17',
        discountKind: discount.kind,
        discountValue: discount.kind === 'percent' ? Math.round(discount.value * 1000) : discount.value,
        subtotal: totals.subtotal,
        discountTotal: totals.discountTotal,
        taxes: JSON.stringify(totals.taxes),
        taxTotal: totals.taxTotal,
        total: totals.total,
        amountPaid: spec.amountPaid ?? (status === 'paid' ? totals.total : 0),
        notes: 'Thank you for choosing Northwind.',
        terms: 'Payable by bank transfer within 14 days.',
        billTo: draft
          ? null
          : JSON.stringify({
              name: 'Acme Coffee GmbH',
              email: 'billing@acme.test',
              address: {
                line1: 'Kaffeestraße 1',
                line2: '',
                city: 'Berlin',
                postalCode: '10115',
                region: '',
                country: 'DE',
              },
              taxId: 'DE123',
            }),
        issuer: draft ? null : JSON.stringify({ name: 'Northwind Creative', logoUrl: null, primaryColor: '#1a73e8' }),
        sentAt: draft ? null : new Date(),
        paidAt: status === 'paid' ? new Date('2026-12-10T12:00:00Z') : null,
        voidedAt: status === 'void' ? new Date() : null,
        voidReason: spec.voidReason ?? null,
      }),
    );
    const lines = t.db.getRepository(InvoiceLine);
    // Saved out of order: the PDF must list them by position.
    for (const [position, line] of [...spec.lines.entries()].reverse()) {
      await lines.save(
        lines.create({
          agencyId: client.agencyId,
          clientId: client.id,
          invoiceId: invoice.id,
          position,
          description: line.description,
          quantityMilli: Math.round(line.quantity * 1000),
          unitPrice: line.unitPrice,
          taxRateMilli: Math.round(line.taxRate * 1000),
          amount: totals.lineAmounts[position],
        }),
      );
    }
    return invoice;
  }

  /** The PDF's text as `pdftotext -layout` reads it (one page, or all). */
  async function pdfText(bytes: Buffer, page?: number): Promise<string> {
    const file = join(workDir, `${Math.random().toString(36).slice(2)}.pdf`);
    await writeFile(file, bytes);
    const pages = page ? ['-f', String(page), '-l', String(page)] : [];
    const result = await runTool('pdftotext', ['-layout', ...pages, file, '-']);
    expect(result.code).toBe(0);
    return result.stdout;
  }

  async function pdfInfo(bytes: Buffer): Promise<string> {
    const file = join(workDir, `${Math.random().toString(36).slice(2)}.pdf`);
    await writeFile(file, bytes);
    const result = await runTool('pdfinfo', [file]);
    expect(result.code).toBe(0);
    return result.stdout;
  }

  /** The images the PDF embeds, as `pdfimages -list` reports them. */
  async function pdfImages(bytes: Buffer): Promise<Array<{ width: number; height: number }>> {
    const file = join(workDir, `${Math.random().toString(36).slice(2)}.pdf`);
    await writeFile(file, bytes);
    const result = await runTool('pdfimages', ['-list', file]);
    expect(result.code).toBe(0);
    return result.stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => line.trim().split(/\s+/))
      .filter((columns) => columns[2] === 'image')
      .map((columns) => ({ width: Number(columns[3]), height: Number(columns[4]) }));
  }

  /** The colour of the first page's top band, from the page drawn by pdftoppm. */
  async function topBandColor(bytes: Buffer): Promise<[number, number, number]> {
    const file = join(workDir, `${Math.random().toString(36).slice(2)}.pdf`);
    await writeFile(file, bytes);
    const result = await runTool('pdftoppm', [
      '-png',
      '-r',
      '36',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      `${file}-page`,
    ]);
    expect(result.code).toBe(0);
    const { data } = await sharp(`${file}-page.png`).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const middle = Math.floor((595 * 36) / 72 / 2) * 3;
    return [data[middle], data[middle + 1], data[middle + 2]];
  }

  const hexToRgb = (hex: string): [number, number, number] =>
    [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];

  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  /** A label and its figure on one line of the PDF. */
  const row = (label: string, value: string) => new RegExp(`${escape(label)}\\s+${escape(value)}`);

  async function download(
    token: string,
    path: string,
  ): Promise<{ status: number; bytes: Buffer; headers: Record<string, string> }> {
    const response = await t
      .http()
      .get(path)
      .set(bearer(token))
      .buffer(true)
      .parse((res, done) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => done(null, Buffer.concat(parts)));
      });
    return {
      status: response.status,
      bytes: response.body as Buffer,
      headers: response.headers as Record<string, string>,
    };
  }

  const agencyPdf = (id: string) => `/api/v1/invoices/${id}/pdf`;
  const portalPdf = (id: string) => `/api/v1/portal/billing/invoices/${id}/pdf`;

  const AWKWARD: InvoiceLineInput[] = [
    { description: 'Espresso consulting (a third of an hour)', quantity: 0.333, unitPrice: 2700, taxRate: 8.875 },
    { description: 'Menu photography', quantity: 3, unitPrice: 1999, taxRate: 7.25 },
    { description: 'Barista training', quantity: 1.5, unitPrice: 3333, taxRate: 8.875 },
    { description: 'Travel (untaxed)', quantity: 1, unitPrice: 1001, taxRate: 0 },
  ];

  describe('the PDF', () => {
    it('prints the exact formatMoney figures of the stored totals: subtotal, discount, each tax rate, total, balance', async () => {
      const w = await world();
      const invoice = await invoiceOf(w.acme, { lines: AWKWARD, discount: { kind: 'percent', value: 12.5 } });
      const owner = await f.signIn(w.owner.email);

      const response = await download(owner.accessToken, agencyPdf(invoice.id));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="INV-\d{4}\.pdf"/);
      expect(response.headers['content-disposition']).toContain(`filename="${invoice.number}.pdf"`);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.bytes.subarray(0, 5).toString()).toBe('%PDF-');

      const text = await pdfText(response.bytes);
      const money = (amount: number) => formatMoney(amount, 'USD');
      const taxes = JSON.parse(invoice.taxes) as Array<{ rate: number; taxable: number; tax: number }>;
      expect(taxes.map((tax) => tax.rate)).toEqual([7.25, 8.875]);
      expect(text).toMatch(row('Subtotal', money(invoice.subtotal)));
      expect(text).toMatch(row('Discount (12.5%)', money(-invoice.discountTotal)));
      for (const tax of taxes) {
        expect(text).toMatch(row(`Tax ${formatPercent(tax.rate)} on ${money(tax.taxable)}`, money(tax.tax)));
      }
      expect(text).toMatch(row('Total', money(invoice.total)));
      expect(text).toMatch(row('Balance due', money(invoice.total)));
      expect(text).toContain(invoice.number);
      expect(text).toContain('INVOICE');
      expect(text).toContain('Acme Coffee GmbH');
      expect(text).toContain('Kaffeestraße 1');
      expect(text).toContain('Dec 17, 2026');
      expect(text).toContain('Espresso consulting (a third of an hour)');
      // Lines in position order, with their quantity, unit price, rate and amount.
      expect(text.indexOf('Espresso consulting')).toBeLessThan(text.indexOf('Menu photography'));
      expect(text).toMatch(/Espresso consulting.*\s0\.333\s+\$27\.00\s+8\.875%\s+\$8\.99/);
      expect(text).toContain('Payable by bank transfer within 14 days.');
      expect(text).toContain('Page 1 of 1');
      expect(text).not.toContain('DRAFT');
      const info = await pdfInfo(response.bytes);
      expect(info).toMatch(new RegExp(`Title:\\s+Invoice ${invoice.number}\\n`));
      expect(info).toMatch(/Author:\s+Northwind Creative\n/);
      expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);

      // The client admin's download is the same document.
      const anna = await f.signIn(w.anna.email);
      const portal = await download(anna.accessToken, portalPdf(invoice.id));
      expect(portal.status).toBe(200);
      expect(await pdfText(portal.bytes)).toBe(text);
    });

    it('is stored once rendered, served from storage, and rendered again when the invoice changes', async () => {
      const w = await world();
      const invoice = await invoiceOf(w.acme, { lines: AWKWARD });
      const first = await pdfs.pdfOf(invoice);
      const stored = await t.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id });
      expect(stored.pdfKey).toMatch(new RegExp(`^invoices/${w.agency.id}/${invoice.id}/[0-9a-f]+\\.pdf$`));
      expect(stored.pdfRenderedAt?.getTime()).toBe(stored.updatedAt.getTime());
      const storage = t.app.get(FileStorage);
      expect(await storage.size(stored.pdfKey as string)).toBe(first.length);

      // Served from storage while the invoice stays as it is: what is stored is what is sent.
      const owner = await f.signIn(w.owner.email);
      const again = await download(owner.accessToken, agencyPdf(invoice.id));
      expect(again.bytes.equals(first)).toBe(true);
      const marker = Buffer.from('%PDF-1.7 stored copy');
      await storage.put(stored.pdfKey as string, Readable.from([marker]), 'application/pdf');
      expect((await download(owner.accessToken, agencyPdf(invoice.id))).bytes.equals(marker)).toBe(true);

      // A payment changes it: the next download shows the balance, under a new key; the old file goes.
      const paid = 1000;
      await t.db
        .getRepository(Invoice)
        .update(
          { id: invoice.id },
          { status: 'partially_paid', amountPaid: paid, updatedAt: new Date(Date.now() + 1000) },
        );
      const after = await download(owner.accessToken, agencyPdf(invoice.id));
      const text = await pdfText(after.bytes);
      const balance = formatMoney(invoice.total - paid, 'USD');
      expect(text).toContain('PARTIALLY PAID');
      expect(text).toMatch(row('Amount paid', '$10.00'));
      expect(text).toMatch(row('Balance due', balance));
      const changed = await t.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id });
      expect(changed.pdfKey).not.toBe(stored.pdfKey);
      expect(await storage.size(stored.pdfKey as string)).toBeNull();
    });

    it('marks a draft DRAFT for the agency, never stores it, and never shows it to the client', async () => {
      const w = await world();
      await t.db.getRepository(BillingProfile).save(
        t.db.getRepository(BillingProfile).create({
          agencyId: w.agency.id,
          clientId: w.acme.id,
          legalName: 'Acme Coffee Roasters Ltd',
          email: '',
          addressLine1: '1 Bean Street',
          addressLine2: '',
          city: 'Portland',
          postalCode: '97201',
          region: 'OR',
          country: 'US',
          taxId: '',
          currency: 'USD',
          paymentTermsDays: 14,
        }),
      );
      const draft = await invoiceOf(w.acme, { lines: AWKWARD, status: 'draft' });
      const owner = await f.signIn(w.owner.email);
      const response = await download(owner.accessToken, agencyPdf(draft.id));
      expect(response.status).toBe(200);
      expect(response.headers['content-disposition']).toContain('filename="Draft invoice.pdf"');
      const text = await pdfText(response.bytes);
      expect(text).toContain('DRAFT');
      expect(text).toContain('Not yet numbered');
      // Today's bill-to and issuer, from the profile and the agency.
      expect(text).toContain('Acme Coffee Roasters Ltd');
      expect(text).toContain('97201 Portland, OR');
      expect(text).toContain('Northwind Creative');
      expect((await t.db.getRepository(Invoice).findOneByOrFail({ id: draft.id })).pdfKey).toBeNull();

      const anna = await f.signIn(w.anna.email);
      expect((await download(anna.accessToken, portalPdf(draft.id))).status).toBe(404);
    });

    it('carries the agency’s logo and colour: today’s brand on a draft, the brand frozen at sending afterwards', async () => {
      const w = await world();
      const owner = await f.signIn(w.owner.email);
      const brand = await t
        .http()
        .put('/api/v1/branding')
        .set(bearer(owner.accessToken))
        .send({ primaryColor: '#b00020' });
      expect(brand.status).toBe(200);
      const logo = await t
        .http()
        .put('/api/v1/branding/images/logoLight')
        .set(bearer(owner.accessToken))
        .attach('file', await png(1200, 300), { filename: 'logo.png' });
      expect(logo.status).toBeLessThan(300);

      const draft = await invoiceOf(w.acme, { lines: AWKWARD, status: 'draft' });
      const draftPdf = (await download(owner.accessToken, agencyPdf(draft.id))).bytes;
      expect(await pdfImages(draftPdf)).toEqual([{ width: 480, height: 120 }]);
      // The band across the top of the page is the brand's colour (as its emails and portal use it).
      const { colors } = await t.app.get(BrandingService).brandForEmails(w.agency.id);
      expect(await topBandColor(draftPdf)).toEqual(hexToRgb(colors.primary));

      // Sent through the invoices service, which freezes the issuer (with its logo URL) on the invoice.
      const sent = await t.http().post(`/api/v1/invoices/${draft.id}/send`).set(bearer(owner.accessToken));
      expect(sent.status).toBe(200);
      const frozen = await t.db.getRepository(Invoice).findOneByOrFail({ id: draft.id });
      expect(JSON.parse(frozen.issuer as string).logoUrl).toMatch(/\/brand-images\/.+\/logoLight\//);
      const sentPdf = (await download(owner.accessToken, agencyPdf(draft.id))).bytes;
      expect(await pdfImages(sentPdf)).toEqual([{ width: 480, height: 120 }]);
      expect(await topBandColor(sentPdf)).toEqual(hexToRgb(colors.primary));
      expect(await pdfText(sentPdf)).toContain('Northwind Creative');

      // Without a logo, the issuer's name heads the page and nothing breaks.
      const plain = await invoiceOf(w.acme, { lines: AWKWARD });
      expect(await pdfImages((await download(owner.accessToken, agencyPdf(plain.id))).bytes)).toEqual([]);
    });

    it('marks a void invoice VOID with its reason, and a paid one PAID with nothing left to pay', async () => {
      const w = await world();
      const owner = await f.signIn(w.owner.email);
      const voided = await invoiceOf(w.acme, {
        lines: AWKWARD,
        status: 'void',
        voidReason: 'Billed to the wrong client',
      });
      const voidText = await pdfText((await download(owner.accessToken, agencyPdf(voided.id))).bytes);
      expect(voidText).toContain('VOID');
      expect(voidText).toContain('Reason: Billed to the wrong client');
      expect(voidText).toMatch(row('Balance due', '$0.00'));

      const paid = await invoiceOf(w.acme, { lines: AWKWARD, status: 'paid' });
      const paidText = await pdfText((await download(owner.accessToken, agencyPdf(paid.id))).bytes);
      expect(paidText).toContain('PAID');
      expect(paidText).toContain('Paid in full on Dec 10, 2026');
      expect(paidText).toMatch(row('Amount paid', formatMoney(paid.total, 'USD')));
      expect(paidText).toMatch(row('Balance due', '$0.00'));
    });

    it('wraps long descriptions and carries the table onto a second page, with its headings and page numbers', async () => {
      const w = await world();
      const long = `Monthly social media management: ${'planning, copywriting, photography, scheduling and reporting; '.repeat(7)}END-OF-LONG-LINE`;
      // Three long lines fill most of the first page; the fourth starts there and ends overleaf.
      const lines: InvoiceLineInput[] = Array.from({ length: 4 }, (_, index) => ({
        description: index === 3 ? `${long.slice(0, 470)} LAST-WORDS` : `${long.slice(0, 480)} #${index + 1}`,
        quantity: 1,
        unitPrice: 12345,
        taxRate: 20,
      }));
      const invoice = await invoiceOf(w.acme, { lines, currency: 'EUR' });
      const bytes = await pdfs.pdfOf(invoice);
      const first = await pdfText(bytes, 1);
      const second = await pdfText(bytes, 2);
      expect(first).toContain('Page 1 of 2');
      expect(second).toContain('Page 2 of 2');
      // The table goes on with its headings; the last line and the totals are overleaf.
      expect(second).toMatch(/Description\s+Qty\s+Unit price\s+Tax\s+Amount/);
      expect(first.split('Monthly social media management').length - 1).toBe(4);
      expect(second).toContain('LAST-WORDS');
      expect(first).not.toContain('LAST-WORDS');
      expect(second).toMatch(row('Total', formatMoney(invoice.total, 'EUR')));
      // A description is wrapped inside its column, never cut.
      expect(first.split('\n').filter((line) => line.includes('planning, copywriting')).length).toBeGreaterThan(9);
    });
  });

  describe('end to end through the invoices routes', () => {
    it('sends an invoice with awkward taxes; the email, the API and both PDFs agree to the cent, and a payment re-renders it', async () => {
      const w = await world();
      const owner = await f.signIn(w.owner.email);
      const api = (method: 'get' | 'post', path: string, body?: object) =>
        t.http()[method](path).set(bearer(owner.accessToken)).send(body);

      const created = await api('post', '/api/v1/invoices', {
        clientId: w.acme.id,
        currency: 'USD',
        issueDate: '2026-12-03',
        dueDate: '2026-12-17',
        lines: AWKWARD,
        discount: { kind: 'percent', value: 12.5 },
        notes: 'Thanks!',
        terms: '',
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const draftText = await pdfText((await download(owner.accessToken, agencyPdf(id))).bytes);
      expect(draftText).toContain('DRAFT');

      const sent = await api('post', `/api/v1/invoices/${id}/send`);
      expect(sent.status).toBe(200);
      const view = (await api('get', `/api/v1/invoices/${id}`)).body as {
        number: string;
        subtotal: number;
        discountTotal: number;
        taxes: Array<{ rate: number; taxable: number; tax: number }>;
        total: number;
        balance: number;
      };
      const money = (amount: number) => formatMoney(amount, 'USD');
      const text = await pdfText((await download(owner.accessToken, agencyPdf(id))).bytes);
      expect(text).not.toContain('DRAFT');
      expect(text).toContain(view.number);
      expect(text).toMatch(row('Subtotal', money(view.subtotal)));
      expect(text).toMatch(row('Discount (12.5%)', money(-view.discountTotal)));
      expect(view.taxes).toHaveLength(2);
      for (const tax of view.taxes) {
        expect(text).toMatch(row(`Tax ${formatPercent(tax.rate)} on ${money(tax.taxable)}`, money(tax.tax)));
      }
      expect(text).toMatch(row('Total', money(view.total)));
      expect(text).toMatch(row('Balance due', money(view.balance)));

      // The client admin's email: the amount, and a link that signs in and opens the invoice.
      const [email] = (await t.emailsTo(w.anna.email)).filter((e) => e.subject.includes(view.number));
      expect(email.textBody).toContain(`Amount due: ${money(view.balance)}`);
      expect((await t.emailsTo(w.max.email)).filter((e) => e.subject.includes(view.number))).toEqual([]);
      const token = await t.tokenFromEmail(w.anna.email, '/magic-link');
      const signedIn = await t.http().post('/api/v1/auth/magic-link').send({ token });
      expect(signedIn.status).toBe(200);
      const portal = await download(signedIn.body.accessToken, portalPdf(id));
      expect(portal.status).toBe(200);
      expect(await pdfText(portal.bytes)).toBe(text);

      // A manual payment of the whole balance: a receipt, and the PDF now says PAID.
      const paid = await api('post', `/api/v1/invoices/${id}/payments`, {
        amount: view.balance,
        method: 'bank_transfer',
        paidOn: new Date().toISOString().slice(0, 10),
        reference: 'TRX-42',
      });
      expect([200, 201]).toContain(paid.status);
      const receipts = (await t.emailsTo(w.anna.email)).filter((e) => e.subject.startsWith('Receipt:'));
      expect(receipts).toHaveLength(1);
      expect(receipts[0].textBody).toContain('Paid in full');
      const after = await pdfText((await download(owner.accessToken, agencyPdf(id))).bytes);
      expect(after).toContain('PAID');
      expect(after).toMatch(row('Amount paid', money(view.total)));
      expect(after).toMatch(row('Balance due', '$0.00'));
    });
  });

  describe('downloads', () => {
    it('answers 404 for another client’s invoice, 403 to a client member, and 404 to another agency', async () => {
      const w = await world();
      const acmeInvoice = await invoiceOf(w.acme, { lines: AWKWARD });
      const globexInvoice = await invoiceOf(w.globex, { lines: AWKWARD });
      const anna = await f.signIn(w.anna.email);
      const max = await f.signIn(w.max.email);
      const gina = await f.signIn(w.gina.email);

      expect((await download(anna.accessToken, portalPdf(acmeInvoice.id))).status).toBe(200);
      expect((await download(anna.accessToken, portalPdf(globexInvoice.id))).status).toBe(404);
      expect((await download(gina.accessToken, portalPdf(acmeInvoice.id))).status).toBe(404);
      expect((await download(anna.accessToken, portalPdf('8f0d4b1e-1c7a-4f5e-9d2b-3a6c5e7f9a1b'))).status).toBe(404);
      expect((await download(anna.accessToken, portalPdf('not-a-uuid'))).status).toBe(400);
      // Members never see billing, even with the permission on.
      expect((await download(max.accessToken, portalPdf(acmeInvoice.id))).status).toBe(403);
      // Client users never reach the agency's route; another agency gets 404 like an unknown id.
      expect((await download(anna.accessToken, agencyPdf(acmeInvoice.id))).status).toBe(403);
      const other = await f.agency('Elsewhere');
      const stranger = await f.signIn((await f.agencyUser(other, 'owner')).email);
      expect((await download(stranger.accessToken, agencyPdf(acmeInvoice.id))).status).toBe(404);
      expect((await t.http().get(agencyPdf(acmeInvoice.id))).status).toBe(401);
    });

    it('answers 403 to client admins when the agency has not enabled billing for the client', async () => {
      const w = await world(['calendar.view']);
      const invoice = await invoiceOf(w.acme, { lines: AWKWARD });
      const anna = await f.signIn(w.anna.email);
      expect((await download(anna.accessToken, portalPdf(invoice.id))).status).toBe(403);
    });
  });

  describe('emails', () => {
    /** Runs a mailer call in a transaction, the way the invoices service does. */
    const inTransaction = (work: (manager: Parameters<InvoiceMailer['invoiceSent']>[0]) => Promise<unknown>) =>
      t.db.transaction((manager) => work(manager));
    const outboxFor = (invoiceNumber: string) =>
      t.db
        .getRepository(OutboxEmail)
        .createQueryBuilder('email')
        .where('email.subject LIKE :subject', { subject: `%${invoiceNumber}%` })
        .getMany();

    async function setProfileEmail(w: World, email: string): Promise<void> {
      await t.db.getRepository(BillingProfile).save(
        t.db.getRepository(BillingProfile).create({
          agencyId: w.agency.id,
          clientId: w.acme.id,
          legalName: '',
          email,
          addressLine1: '',
          addressLine2: '',
          city: '',
          postalCode: '',
          region: '',
          country: '',
          taxId: '',
          currency: 'USD',
          paymentTermsDays: 14,
        }),
      );
    }

    it('sends the invoice to the client’s admins with billing.manage and the billing contact; never to members or other clients', async () => {
      const w = await world();
      await setProfileEmail(w, 'Accounts@Acme-Billing.test');
      const invoice = await invoiceOf(w.acme, { lines: AWKWARD });
      await inTransaction((manager) => mailer.invoiceSent(manager, invoice));

      const emails = await outboxFor(invoice.number as string);
      expect(emails.map((email) => email.toAddress).sort()).toEqual(
        [w.anna.email, w.ben.email, 'accounts@acme-billing.test'].sort(),
      );
      const total = formatMoney(invoice.total, 'USD');
      for (const email of emails) {
        expect(email.subject).toBe(`Invoice ${invoice.number} from Northwind Creative`);
        expect(email.textBody).toContain(`Northwind Creative sent you invoice ${invoice.number} for ${total}.`);
        expect(email.textBody).toContain(`Amount due: ${total}, by Dec 17, 2026.`);
        expect(email.htmlBody).toContain(total);
        expect(email.agencyId).toBe(w.agency.id);
        // In the agency's brand (its sender name), never Atrium's.
        expect(email.fromName).toBe('Northwind Creative');
        expect(email.htmlBody).toMatch(/view and pay/i);
      }
      const portalUrl = `${t.config.appUrl}/a/${w.agency.slug}`;
      const path = encodeURIComponent(`/portal/billing/invoices/${invoice.id}`);
      const toAnna = emails.find((email) => email.toAddress === w.anna.email) as OutboxEmail;
      expect(toAnna.textBody).toContain('Hi Anna Acme,');
      expect(toAnna.textBody).toMatch(
        new RegExp(
          `View and pay: ${escape(portalUrl)}/magic-link\\?token=[A-Za-z0-9_-]+&returnUrl=${escape(path)}(\\s|$)`,
        ),
      );
      // The billing contact has no account: a link to sign in that opens the same page, no token.
      const toContact = emails.find((email) => email.toAddress === 'accounts@acme-billing.test') as OutboxEmail;
      expect(toContact.textBody).toContain(`Sign in to view and pay: ${portalUrl}/login?returnUrl=${path}`);
      expect(toContact.textBody).not.toContain('token=');
      expect(await t.emailsTo(w.max.email)).toEqual([]);
      expect(await t.emailsTo(w.gina.email)).toEqual([]);
    });

    it('signs the admin in with the one-click link, once', async () => {
      const w = await world();
      const invoice = await invoiceOf(w.acme, { lines: AWKWARD });
      await inTransaction((manager) => mailer.invoiceSent(manager, invoice));
      const token = await t.tokenFromEmail(w.anna.email, '/magic-link');
      const stored = await t.db.getRepository(OneTimeToken).findOneByOrFail({ userId: w.anna.id });
      expect(stored.purpose).toBe('invoice_link');
      expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);

      const first = await t.http().post('/api/v1/auth/magic-link').send({ token });
      expect(first.status).toBe(200);
      const me = await t.http().get('/api/v1/me').set(bearer(first.body.accessToken));
      expect(me.body.email).toBe(w.anna.email);
      const again = await t.http().post('/api/v1/auth/magic-link').send({ token });
      expect(again.status).toBe(400);
    });

    it('keeps an earlier invoice’s link working when the next invoice is sent', async () => {
      const w = await world();
      const january = await invoiceOf(w.acme, { lines: AWKWARD });
      await inTransaction((manager) => mailer.invoiceSent(manager, january));
      const januaryToken = await t.tokenFromEmail(w.anna.email, '/magic-link');
      const february = await invoiceOf(w.acme, { lines: AWKWARD });
      await inTransaction((manager) => mailer.invoiceSent(manager, february));
      expect((await t.http().post('/api/v1/auth/magic-link').send({ token: januaryToken })).status).toBe(200);
    });

    it('does not duplicate an admin who is also the billing contact, and skips people without access', async () => {
      const w = await world();
      await setProfileEmail(w, w.anna.email.toUpperCase());
      await t.db.getRepository(ClientMembership).update({ userId: w.ben.id }, { status: 'deactivated' });
      const invoice = await invoiceOf(w.acme, { lines: AWKWARD });
      await inTransaction((manager) => mailer.invoiceSent(manager, invoice));
      const emails = await outboxFor(invoice.number as string);
      expect(emails.map((email) => email.toAddress)).toEqual([w.anna.email]);
    });

    it('sends to the billing contact only when billing is not enabled for the client, and to nobody for a suspended agency', async () => {
      const w = await world(['calendar.view']);
      await setProfileEmail(w, 'ap@acme.test');
      const invoice = await invoiceOf(w.acme, { lines: AWKWARD });
      await inTransaction((manager) => mailer.invoiceSent(manager, invoice));
      expect((await outboxFor(invoice.number as string)).map((email) => email.toAddress)).toEqual(['ap@acme.test']);

      await t.db.getRepository(Agency).update({ id: w.agency.id }, { status: 'suspended' });
      const later = await invoiceOf(w.acme, { lines: AWKWARD });
      await inTransaction((manager) => mailer.invoiceSent(manager, later));
      expect(await outboxFor(later.number as string)).toEqual([]);
    });

    it('queues nothing when the caller’s transaction rolls back', async () => {
      const w = await world();
      const invoice = await invoiceOf(w.acme, { lines: AWKWARD });
      await expect(
        inTransaction(async (manager) => {
          await mailer.invoiceSent(manager, invoice);
          throw new Error('the send failed after the email was queued');
        }),
      ).rejects.toThrow('the send failed');
      expect(await outboxFor(invoice.number as string)).toEqual([]);
      expect(await t.db.getRepository(OneTimeToken).findBy({ userId: w.anna.id })).toEqual([]);
    });

    it('reminds before and after the due date with the balance, and not once the invoice is paid', async () => {
      const w = await world();
      const invoice = await invoiceOf(w.acme, { lines: AWKWARD, status: 'partially_paid', amountPaid: 500 });
      const balance = formatMoney(invoice.total - 500, 'USD');
      const withSubject = async (subject: string) =>
        (await t.emailsTo(w.anna.email)).filter((email) => email.subject === subject);
      await inTransaction((manager) => mailer.reminder(manager, invoice, 'before:3'));
      const [before] = await withSubject(
        `Reminder: invoice ${invoice.number} from Northwind Creative is due in 3 days`,
      );
      expect(before.textBody).toContain(`Balance due: ${balance}`);
      await inTransaction((manager) => mailer.reminder(manager, invoice, 'after:7'));
      const [after] = await withSubject(`Overdue: invoice ${invoice.number} from Northwind Creative`);
      expect(after.textBody).toContain('is 7 days overdue');
      expect(after.textBody).toContain(`Balance due: ${balance}`);
      expect(await t.emailsTo(w.max.email)).toEqual([]);

      await t.db.getRepository(Invoice).update({ id: invoice.id }, { status: 'paid', amountPaid: invoice.total });
      const count = (await t.emailsTo(w.anna.email)).length;
      await inTransaction((manager) => mailer.reminder(manager, invoice, 'after:14'));
      expect(await t.emailsTo(w.anna.email)).toHaveLength(count);
    });

    it('sends a receipt with the amount, method, date and the balance left, or "Paid in full"', async () => {
      const w = await world();
      const invoice = await invoiceOf(w.acme, { lines: AWKWARD, status: 'partially_paid', amountPaid: 2500 });
      const payment = t.db.getRepository(InvoicePayment).create({
        agencyId: w.agency.id,
        clientId: w.acme.id,
        invoiceId: invoice.id,
        amount: 2500,
        currency: 'USD',
        method: 'bank_transfer',
        paidOn: '2026-12-05',
        reference: 'TRX-1',
      });
      await inTransaction((manager) => mailer.receipt(manager, invoice, payment));
      const [partial] = await t.emailsTo(w.anna.email);
      expect(partial.subject).toBe(`Receipt: $25.00 paid on invoice ${invoice.number}`);
      expect(partial.textBody).toContain('Paid by bank transfer on Dec 5, 2026.');
      expect(partial.textBody).toContain(`Balance left to pay: ${formatMoney(invoice.total - 2500, 'USD')}.`);

      await t.db.getRepository(Invoice).update({ id: invoice.id }, { status: 'paid', amountPaid: invoice.total });
      const rest = Object.assign(payment, { amount: invoice.total - 2500, method: 'sandbox' as const });
      await inTransaction((manager) => mailer.receipt(manager, invoice, rest));
      const restPaid = formatMoney(invoice.total - 2500, 'USD');
      const [full] = (await t.emailsTo(w.anna.email)).filter((email) =>
        email.subject.startsWith(`Receipt: ${restPaid}`),
      );
      expect(full.textBody).toContain('Paid in full');
      expect(full.textBody).toContain('Paid by online payment (test)');
    });
  });
});
