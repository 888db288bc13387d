import { Readable } from 'node:stream';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { OutboxEmail } from '../src/core/mail/outbox-email.entity';
import { FileStorage } from '../src/core/storage/file-storage';
import { Agency } from '../src/core/tenancy/entities/agency.entity';
import { User } from '../src/core/tenancy/entities/user.entity';
import { TenantData } from '../src/core/tenancy/tenant-data';
import { ENTITIES } from '../src/entities';
import { PasswordService } from '../src/modules/auth/password.service';
import { contractFileKey, templateFileKey } from '../src/modules/contracts/contract-files';
import { storageKey as invoicePdfKey } from '../src/modules/billing/documents/invoice-pdf.service';
import { DEMO_AGENCIES, DEMO_PASSWORD } from '../src/modules/demo/demo-data';
import { DemoSeederService } from '../src/modules/demo/demo-seeder.service';
import { SandboxPayServer } from '../src/modules/local-payments/sandbox-pay.server';
import { agencyStoragePrefixes } from '../src/modules/platform-admin/agency-data/agency-files';
import { rowsOf } from '../src/modules/platform-admin/agency-data/agency-rows';
import { agencyTables, PLATFORM_TABLES } from '../src/modules/platform-admin/agency-data/agency-tables';
import { Factory } from './support/factories';
import { operatorSession, type OperatorSession } from './support/operator-session';
import { readZip } from './support/read-zip';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Data-protection requests (issue 19): an operator exports one agency's rows and files as a zip
 * and deletes an agency with all of it. Both demo agencies are seeded (users, clients, posts,
 * media with files, messages, billing), so nearly every table holds rows of both.
 */
describe('Platform admin: agency export and deletion', () => {
  let t: TestApp;
  let f: Factory;
  let operator: OperatorSession;
  let storage: FileStorage;
  let a: Agency;
  let b: Agency;
  /** An access token of one of A's users, signed in before the deletion. */
  let aUserToken: string;

  const rowCounts = async (agencyId: string): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const table of agencyTables(t.db))
      counts[table.table] = await rowsOf(t.db.manager, table, agencyId).getCount();
    return counts;
  };
  const storedKeys = async (agencyId: string): Promise<string[]> => {
    const keys: string[] = [];
    for (const prefix of agencyStoragePrefixes(agencyId)) for await (const o of storage.list(prefix)) keys.push(o.key);
    return keys.sort();
  };
  const download = (agencyId: string) =>
    t
      .http()
      .get(`/api/v1/admin/agencies/${agencyId}/export`)
      .set(operator.authHeader)
      .buffer(true)
      .parse((res, done) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => done(null, Buffer.concat(parts)));
      });

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    storage = t.app.get(FileStorage);
    const seeder = new DemoSeederService(
      t.config,
      t.app.get(TenantData),
      t.app.get(PasswordService),
      storage,
      t.app.get(SandboxPayServer),
    );
    expect(await seeder.seed()).toBe(true);
    a = await t.db.getRepository(Agency).findOneByOrFail({ name: DEMO_AGENCIES[0].name });
    b = await t.db.getRepository(Agency).findOneByOrFail({ name: DEMO_AGENCIES[1].name });
    // What the seed does not make: a session, an audit entry and an email of A, and a file under
    // each other storage root (contracts, templates, invoice PDFs) of both agencies.
    aUserToken = (await f.signIn(DEMO_AGENCIES[0].users[0].email, DEMO_PASSWORD)).accessToken;
    for (const agency of [a, b]) {
      for (const key of [
        contractFileKey(agency.id, 'c1', 'original', 'pdf'),
        templateFileKey(agency.id, 't1'),
        invoicePdfKey({ agencyId: agency.id, id: 'i1' }, {} as never),
      ]) {
        await storage.put(key, Readable.from([Buffer.from(`file of ${agency.id}`)]), 'application/pdf');
      }
      const audit = t.db.getRepository(AuditLog);
      await audit.save(audit.create({ agencyId: agency.id, action: 'test.seeded', details: { of: agency.id } }));
      await t.db.getRepository(OutboxEmail).save(
        t.db.getRepository(OutboxEmail).create({
          agencyId: agency.id,
          toAddress: 'someone@example.com',
          subject: `Hello from ${agency.name}`,
          textBody: 'hi',
          htmlBody: '<p>hi</p>',
          status: 'sent',
        }),
      );
    }
    operator = await operatorSession(t);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('covers every table: each holds agency data (directly or through a parent) or is a named platform table', () => {
    const covered = new Set(agencyTables(t.db).map((table) => table.table));
    const tables = ENTITIES.map((entity) => t.db.getMetadata(entity).tableName);
    for (const table of tables)
      expect([table, covered.has(table) || PLATFORM_TABLES.has(table)]).toEqual([table, true]);
    for (const table of PLATFORM_TABLES) expect(tables).toContain(table);
    // Reached through their users, with no agency column of their own.
    expect(
      agencyTables(t.db)
        .filter((table) => table.kind === 'child')
        .map((table) => table.table)
        .sort(),
    ).toEqual(['one_time_tokens', 'sessions']);
    // Deleting in this order never breaks a foreign key: the agency goes last.
    expect(agencyTables(t.db).at(-1)?.table).toBe('agencies');
  });

  it('stores every feature file under a prefix of its agency', () => {
    const prefixes = agencyStoragePrefixes('A1');
    for (const key of [
      contractFileKey('A1', 'c', 'signed', 'pdf'),
      templateFileKey('A1', 't'),
      invoicePdfKey({ agencyId: 'A1', id: 'i' }, {} as never),
    ]) {
      expect(prefixes.some((prefix) => key.startsWith(prefix))).toBe(true);
    }
  });

  it('exports an agency as a zip: a manifest, every table, every file, no secrets and nothing of another agency', async () => {
    const response = await download(a.id).expect(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="atrium-export-${a.slug}-\\d{4}-\\d{2}-\\d{2}\\.zip"$`),
    );
    const zip = readZip(response.body as Buffer);
    const manifest = JSON.parse(zip.get('manifest.json')?.toString('utf8') ?? 'null');
    expect(manifest.agency).toMatchObject({ id: a.id, name: a.name, slug: a.slug });
    expect(manifest.omitted).toMatch(/Password hashes/);

    const counts = await rowCounts(a.id);
    expect(manifest.rows).toEqual(counts);
    for (const [table, count] of Object.entries(counts)) {
      const rows = JSON.parse(zip.get(`rows/${table}.json`)?.toString('utf8') ?? 'null');
      expect([table, Array.isArray(rows) ? rows.length : rows]).toEqual([table, count]);
    }
    // The seed filled most tables; an export of empty files would prove little.
    expect(Object.values(counts).filter((count) => count > 0).length).toBeGreaterThan(20);

    const keys = await storedKeys(a.id);
    expect(keys.length).toBeGreaterThan(3);
    expect([...zip.keys()].filter((name) => name.startsWith('files/')).sort()).toEqual(keys.map((k) => `files/${k}`));
    let bytes = 0;
    for (const key of keys) {
      const chunks: Buffer[] = [];
      for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
      const stored = Buffer.concat(chunks);
      bytes += stored.length;
      expect(zip.get(`files/${key}`)?.equals(stored)).toBe(true);
    }
    expect(manifest.files).toEqual({ count: keys.length, bytes });

    const text = [...zip.values()].map((entry) => entry.toString('latin1')).join('\n');
    expect(text).not.toContain(b.id);
    expect(text).not.toContain(b.name);
    const users = JSON.parse(zip.get('rows/users.json')?.toString('utf8') ?? '[]') as Record<string, unknown>[];
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((user) => !('passwordHash' in user))).toBe(true);
    const hash = (await t.db.getRepository(User).findOneByOrFail({ agencyId: a.id, kind: 'agency' })).passwordHash;
    expect(text).not.toContain(hash as string);
    const sessions = JSON.parse(zip.get('rows/sessions.json')?.toString('utf8') ?? '[]') as Record<string, unknown>[];
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((session) => !('refreshTokenHash' in session))).toBe(true);

    const audit = await t.db.getRepository(AuditLog).findOneByOrFail({ action: 'platform_admin.agency_exported' });
    expect(audit).toMatchObject({ targetType: 'agency', targetId: a.id });
    expect(audit.details).toMatchObject({ operatorId: operator.operatorId, operatorEmail: operator.email });
  });

  it('answers 404 for an unknown agency', async () => {
    await t
      .http()
      .get('/api/v1/admin/agencies/00000000-0000-4000-8000-000000000000/export')
      .set(operator.authHeader)
      .expect(404);
    await t
      .http()
      .delete('/api/v1/admin/agencies/00000000-0000-4000-8000-000000000000')
      .set(operator.authHeader)
      .send({ confirm: 'whatever' })
      .expect(404);
  });

  it('refuses a deletion whose confirmation is not the slug, with a plain message, and deletes nothing', async () => {
    const before = await rowCounts(a.id);
    const response = await t
      .http()
      .delete(`/api/v1/admin/agencies/${a.id}`)
      .set(operator.authHeader)
      .send({ confirm: b.slug })
      .expect(400);
    expect(response.body.message).toContain(a.slug);
    await t.http().delete(`/api/v1/admin/agencies/${a.id}`).set(operator.authHeader).send({}).expect(400);
    expect(await rowCounts(a.id)).toEqual(before);
  });

  it('deletes an agency: no row of it in any table, no file, its users signed out, the other agency untouched', async () => {
    const aBefore = await rowCounts(a.id);
    const bBefore = await rowCounts(b.id);
    const bKeys = await storedKeys(b.id);
    expect(bKeys.length).toBeGreaterThanOrEqual(3);
    await t.http().get('/api/v1/me').set('Authorization', `Bearer ${aUserToken}`).expect(200);

    const response = await t
      .http()
      .delete(`/api/v1/admin/agencies/${a.id}`)
      .set(operator.authHeader)
      .send({ confirm: a.slug })
      .expect(200);
    expect(response.body.rows).toEqual(aBefore);

    const aAfter = await rowCounts(a.id);
    expect(Object.entries(aAfter).filter(([, count]) => count > 0)).toEqual([]);
    expect(await storedKeys(a.id)).toEqual([]);
    expect(response.body.files).toBeGreaterThan(3);
    expect(await rowCounts(b.id)).toEqual(bBefore);
    expect(await storedKeys(b.id)).toEqual(bKeys);
    await t.http().get('/api/v1/me').set('Authorization', `Bearer ${aUserToken}`).expect(401);
    await download(a.id).expect(404);

    const audit = await t.db.getRepository(AuditLog).findOneByOrFail({ action: 'platform_admin.agency_deleted' });
    expect(audit).toMatchObject({ agencyId: null, targetType: 'agency', targetId: a.id });
    expect(audit.details).toMatchObject({
      agencyId: a.id,
      agencyName: a.name,
      agencySlug: a.slug,
      operatorId: operator.operatorId,
      operatorEmail: operator.email,
    });
  });
});
