import { formatMoney } from '@atrium/shared';
import { BillingSettings } from '../src/modules/billing/entities/billing-settings.entity';
import { Invoice } from '../src/modules/billing/entities/invoice.entity';
import { seedDemoBilling } from '../src/modules/demo/demo-billing';
import { DEMO_AGENCIES } from '../src/modules/demo/demo-data';
import { runTool } from '../src/modules/contracts/pdf/pdf-test-support';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Factory, TEST_PASSWORD } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The demo's billing (issue 17): Acme Coffee's admin Anna manages billing and sees a paid and an
 * open invoice with tax; its member Max sees none; Northwind's next invoice continues the sequence.
 */
describe('Demo billing', () => {
  let t: TestApp;
  let f: Factory;
  let workDir: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    workDir = await mkdtemp(join(tmpdir(), 'atrium-demo-billing-'));
    // The people and client the seed made before it comes to billing, as demo-data describes them.
    const northwind = DEMO_AGENCIES[0];
    const acmeData = northwind.clients.find((client) => client.name === 'Acme Coffee');
    if (!acmeData) throw new Error('The demo has no Acme Coffee');
    const agency = await f.agency(northwind.name);
    await f.agencyUser(agency, 'owner', 'owner@northwind.test');
    const acme = await f.client(agency, acmeData.permissions, acmeData.name);
    await f.clientUser(acme, 'admin', 'anna@acme.test');
    await f.clientUser(acme, 'member', 'max@acme.test');
    await t.db.transaction((manager) => seedDemoBilling(manager));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
    await t.close();
  });

  it('gives Acme Coffee a paid and an open invoice its admin can download, and its member cannot', async () => {
    const invoices = await t.db.getRepository(Invoice).find({ order: { numberSeq: 'ASC' } });
    expect(invoices.map((invoice) => [invoice.number, invoice.status])).toEqual([
      ['INV-0001', 'paid'],
      ['INV-0002', 'sent'],
    ]);
    const settings = await t.db.getRepository(BillingSettings).findOneByOrFail({ agencyId: invoices[0].agencyId });
    expect(settings.nextNumber).toBe(3);

    const anna = await f.signIn('anna@acme.test', TEST_PASSWORD);
    const open = invoices[1];
    const response = await t
      .http()
      .get(`/api/v1/portal/billing/invoices/${open.id}/pdf`)
      .set('Authorization', `Bearer ${anna.accessToken}`)
      .buffer(true)
      .parse((res, done) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => done(null, Buffer.concat(parts)));
      });
    expect(response.status).toBe(200);
    const file = join(workDir, 'open.pdf');
    await writeFile(file, response.body as Buffer);
    const text = (await runTool('pdftotext', ['-layout', file, '-'])).stdout;
    expect(text).toContain('INV-0002');
    expect(text).toContain('Acme Coffee Roasters LLC');
    expect(text).toMatch(
      new RegExp(`Tax 8\\.875% on \\${formatMoney(open.subtotal, 'USD')}\\s+\\${formatMoney(open.taxTotal, 'USD')}`),
    );
    expect(text).toContain(formatMoney(open.total, 'USD'));

    const max = await f.signIn('max@acme.test', TEST_PASSWORD);
    const refused = await t
      .http()
      .get(`/api/v1/portal/billing/invoices/${open.id}/pdf`)
      .set('Authorization', `Bearer ${max.accessToken}`);
    expect(refused.status).toBe(403);
  });

  it('numbers the next invoice the agency sends INV-0003', async () => {
    const owner = await f.signIn('owner@northwind.test', TEST_PASSWORD);
    const [acme] = (await t.db.getRepository(Invoice).find({ take: 1 })).map((invoice) => invoice.clientId);
    const created = await t
      .http()
      .post('/api/v1/invoices')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({
        clientId: acme,
        currency: 'USD',
        issueDate: '2026-12-03',
        dueDate: '2026-12-17',
        lines: [{ description: 'Extra shoot', quantity: 1, unitPrice: 50000, taxRate: 8.875 }],
        discount: { kind: 'none', value: 0 },
        notes: '',
        terms: '',
      });
    expect(created.status).toBe(201);
    const sent = await t
      .http()
      .post(`/api/v1/invoices/${created.body.id}/send`)
      .set('Authorization', `Bearer ${owner.accessToken}`);
    expect(sent.status).toBe(200);
    expect(sent.body.number).toBe('INV-0003');
  });
});
