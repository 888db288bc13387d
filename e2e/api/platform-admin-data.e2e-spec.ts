import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import Database = require('better-sqlite3');
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { RunningServer, seedDemo, serverEnv, startServer } from '../support/server';
import { ApiClient } from './http';
import { operatorSignIn, type SignedInOperator } from './operator';

const DEMO_PASSWORD = 'atrium-demo-2026';
const SEAL_QUEUE = 'contracts.seal';
/** Where agency-data says an agency's files live (agency-files.ts), under the storage directory. */
const STORAGE_ROOTS = ['agencies', 'contracts', 'contract-templates', 'invoices'];

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 120; i++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Every file under a directory, as paths relative to it; none when it does not exist. */
function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

async function onePagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Data-protection test agreement', { x: 60, y: 780, size: 18, font });
  return Buffer.from(await doc.save());
}

/** A drawn signature as the signing pad sends it: a PNG data URL (a solid ink-blue strip, encoded here). */
function signaturePng(): string {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const [width, height] = [300, 90];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill([20, 30, 120, 255]).flat())]);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array(height).fill(row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** The zip's entries by name, read with the system's unzip (no zip reader among our packages). */
function unzipAll(zip: Buffer): Map<string, Buffer> {
  const path = join(mkdtempSync(join(tmpdir(), 'atrium-e2e-export-')), 'export.zip');
  writeFileSync(path, zip);
  const names = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
  return new Map(
    names.map((name) => [name, execFileSync('unzip', ['-p', path, name], { maxBuffer: 64 * 1024 * 1024 })]),
  );
}

interface AgencyRef {
  id: string;
  slug: string;
}

/**
 * The built backend and an operator made by its CLI, on a database of its own: a contract's
 * sealing job fails for real (its original is missing from storage), is listed with its error and
 * retried once the file is back; then the operator exports the demo agency (its rows and files, no
 * one else's) and deletes it, after which the database and the storage directory hold nothing of it.
 */
describe('Platform admin: failed jobs, export and deletion over HTTP (built backend)', () => {
  let server: RunningServer;
  let env: Record<string, string>;
  let operator: SignedInOperator;
  let northwind: AgencyRef;
  let summit: AgencyRef;
  let contractId: string;

  async function agencyOf(ownerEmail: string): Promise<AgencyRef> {
    const found = await operator.api.call('GET', `/api/v1/admin/agencies?q=${encodeURIComponent(ownerEmail)}`);
    expect(found.body.items).toHaveLength(1);
    return { id: found.body.items[0].id, slug: found.body.items[0].slug };
  }

  async function signedIn(email: string): Promise<ApiClient> {
    const api = new ApiClient(server.url);
    expect((await api.signIn(email, DEMO_PASSWORD)).status).toBe(200);
    return api;
  }

  async function failedSeals(): Promise<number> {
    const queues = await operator.api.call('GET', '/api/v1/admin/queues');
    expect(queues.status).toBe(200);
    return queues.body.queues.find((queue: { name: string }) => queue.name === SEAL_QUEUE).failed;
  }

  beforeAll(async () => {
    env = serverEnv(4319, { ENCRYPTION_KEY: 'e2e-'.repeat(10) });
    seedDemo(env);
    server = await startServer(env);
    operator = await operatorSignIn(server.url, env);
    northwind = await agencyOf('owner@northwind.test');
    summit = await agencyOf('owner@summit.test');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lists a job that failed with its error and, the cause fixed, retries it to its effect', async () => {
    const owner = await signedIn('owner@northwind.test');
    const me = await owner.call('GET', '/api/v1/me');
    const clients = await owner.call('GET', '/api/v1/clients?limit=100');
    const acme = clients.body.items.find((client: { name: string }) => client.name === 'Acme Coffee');
    const uploaded = await fetch(`${server.url}/api/v1/contracts?clientId=${acme.id}&title=Retainer`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${owner.accessToken}`, 'Content-Type': 'application/pdf' },
      body: new Uint8Array(await onePagePdf()),
    });
    expect(uploaded.status).toBe(201);
    contractId = ((await uploaded.json()) as { id: string }).id;
    // The owner countersigns alone: signing completes the contract, which enqueues its sealing.
    const drafted = await owner.call('PUT', `/api/v1/contracts/${contractId}`, {
      title: 'Retainer',
      message: null,
      expiresAt: null,
      reminders: null,
      recipients: [{ userId: me.body.id, role: 'signer', step: 1 }],
      fields: [
        { kind: 'signature', recipientIndex: 0, required: true, page: 0, x: 0.1, y: 0.7, width: 0.3, height: 0.06 },
      ],
    });
    expect(drafted.status).toBe(200);
    expect((await owner.call('POST', `/api/v1/contracts/${contractId}/send`)).status).toBe(200);

    // The original goes missing from storage (a lost disk, a bad restore) before the job runs.
    const contractDir = join(env['MEDIA_DIR'], 'contracts', northwind.id, contractId);
    const originalName = readdirSync(contractDir).find((name) => name.startsWith('original-'));
    if (!originalName) throw new Error(`No original in ${contractDir}`);
    const aside = join(mkdtempSync(join(tmpdir(), 'atrium-e2e-aside-')), originalName);
    renameSync(join(contractDir, originalName), aside);

    const signed = await owner.call('POST', `/api/v1/contracts/${contractId}/sign`, {
      values: {},
      signature: { method: 'drawn', image: signaturePng() },
    });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'completed', sealState: 'sealing' });

    // Three attempts with backoff, then the queue keeps it as failed.
    await eventually(failedSeals, (failed) => failed === 1, 'the sealing job to fail');
    const failed = await operator.api.call('GET', `/api/v1/admin/queues/${SEAL_QUEUE}/failed`);
    expect(failed.status).toBe(200);
    expect(failed.body.jobs).toHaveLength(1);
    const [job] = failed.body.jobs;
    expect(job).toMatchObject({ name: SEAL_QUEUE, data: { contractId }, attempts: 3 });
    expect(job.error).toMatch(/ENOENT/);
    expect(job.error).toContain(originalName);
    expect((await owner.call('GET', `/api/v1/contracts/${contractId}`)).body.sealState).toBe('sealing');
    expect((await owner.call('GET', `/api/v1/contracts/${contractId}/files/signed`)).status).toBe(404);

    // An unknown job is 404, and retrying it changes nothing.
    const unknown = await operator.api.call('POST', `/api/v1/admin/queues/${SEAL_QUEUE}/failed/no-such-job/retry`);
    expect(unknown.status).toBe(404);
    expect(await failedSeals()).toBe(1);

    // The file restored, the operator runs the job again: the contract is sealed.
    renameSync(aside, join(contractDir, originalName));
    const retried = await operator.api.call('POST', `/api/v1/admin/queues/${SEAL_QUEUE}/failed/${job.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ count: 1 });
    const sealed = await eventually(
      () => owner.call('GET', `/api/v1/contracts/${contractId}`),
      (response) => response.body.sealState === 'sealed',
      'the retried job to seal the contract',
    );
    expect(sealed.body.finalSha256).toMatch(/^[0-9a-f]{64}$/);
    const signedCopy = await fetch(`${server.url}/api/v1/contracts/${contractId}/files/signed`, {
      headers: { Authorization: `Bearer ${owner.accessToken}` },
    });
    expect(signedCopy.status).toBe(200);
    expect(
      Buffer.from(await signedCopy.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(await failedSeals()).toBe(0);
    expect((await operator.api.call('GET', `/api/v1/admin/queues/${SEAL_QUEUE}/failed`)).body.jobs).toEqual([]);
  });

  it("exports an agency as a zip of its rows and files, and nothing of another agency's", async () => {
    const response = await fetch(`${server.url}/api/v1/admin/agencies/${northwind.id}/export`, {
      headers: { Authorization: `Bearer ${operator.api.accessToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toContain(`atrium-export-${northwind.slug}-`);
    const entries = unzipAll(Buffer.from(await response.arrayBuffer()));

    const manifest = JSON.parse((entries.get('manifest.json') as Buffer).toString('utf8'));
    expect(manifest.agency).toMatchObject({ id: northwind.id, slug: northwind.slug });
    const rows = (table: string): Array<Record<string, unknown>> =>
      JSON.parse((entries.get(`rows/${table}.json`) as Buffer).toString('utf8'));
    expect(rows('agencies').map((agency) => agency['id'])).toEqual([northwind.id]);
    expect(rows('clients').map((client) => client['name'])).toEqual(
      expect.arrayContaining(['Acme Coffee', 'Blue Harbor Hotels', 'Cedar & Stone Law']),
    );
    expect(rows('contracts').map((contract) => contract['id'])).toContain(contractId);
    const users = rows('users');
    expect(users.map((user) => user['email'])).toEqual(
      expect.arrayContaining(['owner@northwind.test', 'anna@acme.test']),
    );
    expect(users.map((user) => user['email'])).not.toContain('owner@summit.test');
    expect(users.every((user) => !('passwordHash' in user))).toBe(true);
    for (const [table, count] of Object.entries(manifest.rows as Record<string, number>)) {
      expect(rows(table)).toHaveLength(count);
    }

    // Its files, exactly those in its storage prefixes (the demo's pictures, the contract's PDFs).
    const filesInZip = [...entries.keys()].filter((name) => name.startsWith('files/')).map((name) => name.slice(6));
    const filesOnDisk = STORAGE_ROOTS.flatMap((root) =>
      filesUnder(join(env['MEDIA_DIR'], root, northwind.id)).map((path) => `${root}/${northwind.id}/${path}`),
    );
    expect(filesOnDisk.some((key) => key.startsWith('agencies/'))).toBe(true);
    expect(filesOnDisk.some((key) => key.startsWith(`contracts/${northwind.id}/${contractId}/signed-`))).toBe(true);
    expect(filesInZip.sort()).toEqual(filesOnDisk.sort());
    expect(manifest.files.count).toBe(filesOnDisk.length);

    // Nothing in it names the other agency.
    for (const [name, bytes] of entries) {
      if (name.startsWith('files/')) continue;
      expect({ name, mentionsSummit: bytes.toString('utf8').includes(summit.id) }).toEqual({
        name,
        mentionsSummit: false,
      });
    }
  });

  it('deletes an agency after a typed confirmation: no row or file of it remains; the other agency works', async () => {
    const owner = await signedIn('owner@northwind.test');
    const anna = await signedIn('anna@acme.test');
    const summitOwner = await signedIn('owner@summit.test');
    const summitFilesBefore = STORAGE_ROOTS.flatMap((root) => filesUnder(join(env['MEDIA_DIR'], root, summit.id)));

    const exported = unzipAll(
      Buffer.from(
        await (
          await fetch(`${server.url}/api/v1/admin/agencies/${northwind.id}/export`, {
            headers: { Authorization: `Bearer ${operator.api.accessToken}` },
          })
        ).arrayBuffer(),
      ),
    );

    // A wrong or missing confirmation deletes nothing.
    const wrong = await operator.api.call('DELETE', `/api/v1/admin/agencies/${northwind.id}`, {
      confirm: summit.slug,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain(northwind.slug);
    expect((await operator.api.call('DELETE', `/api/v1/admin/agencies/${northwind.id}`, {})).status).toBe(400);
    expect((await owner.call('GET', '/api/v1/agency/overview')).status).toBe(200);
    expect((await operator.api.call('GET', `/api/v1/admin/agencies/${northwind.id}`)).status).toBe(200);

    const deleted = await operator.api.call('DELETE', `/api/v1/admin/agencies/${northwind.id}`, {
      confirm: northwind.slug,
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ agencyId: northwind.id, rows: { agencies: 1 } });
    expect(deleted.body.files).toBeGreaterThan(0);

    // The database the server uses: no table names the agency, and no exported row is left.
    const db = new Database(env['DATABASE_PATH'], { readonly: true, fileMustExist: true });
    try {
      const tables = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{
          name: string;
        }>
      ).map((table) => table.name);
      const withAgencyColumn = tables.filter((table) =>
        (db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).some(
          (column) => column.name === 'agencyId',
        ),
      );
      expect(withAgencyColumn.length).toBeGreaterThan(10);
      for (const table of withAgencyColumn) {
        const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE "agencyId" = ?`).get(northwind.id) as {
          n: number;
        };
        expect({ table, rows: n }).toEqual({ table, rows: 0 });
      }
      expect(db.prepare('SELECT COUNT(*) AS n FROM agencies WHERE id = ?').get(northwind.id)).toEqual({ n: 0 });
      // Tables reached through a parent (no agency column of their own) are covered by the export's ids.
      for (const [name, bytes] of exported) {
        const table = /^rows\/(.+)\.json$/.exec(name)?.[1];
        if (!table) continue;
        const ids = (JSON.parse(bytes.toString('utf8')) as Array<{ id?: unknown }>).map((row) => row.id);
        for (const id of ids.filter((value) => value !== undefined && value !== null)) {
          const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE id = ?`).get(id) as { n: number };
          expect({ table, id, rows: n }).toEqual({ table, id, rows: 0 });
        }
      }
      expect(db.prepare('SELECT COUNT(*) AS n FROM agencies WHERE id = ?').get(summit.id)).toEqual({ n: 1 });
    } finally {
      db.close();
    }

    // The storage directory: its four prefixes are gone or empty; the other agency's files stay.
    for (const root of STORAGE_ROOTS) {
      expect({ root, files: filesUnder(join(env['MEDIA_DIR'], root, northwind.id)) }).toEqual({ root, files: [] });
    }
    expect(STORAGE_ROOTS.flatMap((root) => filesUnder(join(env['MEDIA_DIR'], root, summit.id)))).toEqual(
      summitFilesBefore,
    );

    // Its people are signed out for good; the other agency carries on.
    expect((await owner.call('GET', '/api/v1/me')).status).toBe(401);
    expect((await anna.call('GET', '/api/v1/me')).status).toBe(401);
    expect((await new ApiClient(server.url).signIn('owner@northwind.test', DEMO_PASSWORD)).status).toBe(401);
    expect((await operator.api.call('GET', `/api/v1/admin/agencies/${northwind.id}`)).status).toBe(404);
    expect((await operator.api.call('GET', `/api/v1/admin/agencies/${northwind.id}/export`)).status).toBe(404);
    expect((await summitOwner.call('GET', '/api/v1/agency/overview')).status).toBe(200);
    expect((await (await signedIn('dana@delta.test')).call('GET', '/api/v1/portal/overview')).status).toBe(200);
    const listed = await operator.api.call('GET', '/api/v1/admin/agencies');
    expect(listed.body.items.map((agency: { id: string }) => agency.id)).toEqual([summit.id]);
  });
});
