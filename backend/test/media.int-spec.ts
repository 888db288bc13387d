import { BadRequestException } from '@nestjs/common';
import { readdirSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { join } from 'node:path';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { JobQueue } from '../src/core/jobs/job-queue';
import type { Agency } from '../src/core/tenancy/entities/agency.entity';
import { Client as ClientEntity, type Client } from '../src/core/tenancy/entities/client.entity';
import { ClientMembership } from '../src/core/tenancy/entities/client-membership.entity';
import { clientScope } from '../src/core/tenancy/tenant-scope';
import { MediaAsset } from '../src/modules/media/entities/media-asset.entity';
import { FileUrlSigner } from '../src/modules/media/file-url-signer';
import { MediaProcessingService } from '../src/modules/media/media-processing.service';
import { MediaUploadsService } from '../src/modules/media/media-uploads.service';
import { Factory } from './support/factories';
import { htmlPage, jpeg, pdf, png, svgWithScript } from './support/media-files';
import { startTestApp, TestApp } from './support/test-app';

describe('Media: uploads, the library, portal media and downloads', () => {
  let t: TestApp;
  let f: Factory;
  let agency: Agency;
  let client: Client;
  let otherClient: Client;
  let agencyToken: string;
  let portalToken: string;
  let portalUserId: string;
  let otherPortalToken: string;
  let otherAgencyToken: string;

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const uploadAs = (token: string, path: string) => t.http().post(path).set(bearer(token));
  const settle = () => t.app.get(JobQueue).drain();
  const files = (): string[] => {
    const root = t.config.storage.driver === 'local' ? t.config.storage.dir : '';
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
      );
    try {
      return walk(root);
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    t = await startTestApp({ MEDIA_MAX_FILE_MB: '1', MEDIA_AGENCY_QUOTA_MB: '3', PUBLISH_POLL_MS: '600000' });
    f = new Factory(t);
    agency = await f.agency('Media Agency');
    client = await f.client(agency, [...CLIENT_PERMISSIONS], 'Acme');
    otherClient = await f.client(agency, [...CLIENT_PERMISSIONS], 'Globex');
    agencyToken = (await f.signIn((await f.agencyUser(agency, 'member')).email)).accessToken;
    const portalUser = await f.clientUser(client, 'member');
    portalUserId = portalUser.id;
    portalToken = (await f.signIn(portalUser.email)).accessToken;
    otherPortalToken = (await f.signIn((await f.clientUser(otherClient, 'admin')).email)).accessToken;
    otherAgencyToken = (await f.signIn((await f.agencyUser(await f.agency(), 'owner')).email)).accessToken;
  });
  afterAll(() => t.close());

  it('takes several files at once from the portal, detects types from content and makes thumbnails', async () => {
    const response = await uploadAs(portalToken, '/api/v1/portal/media')
      .attach('file', await jpeg(), { filename: 'Storefront photo.jpg', contentType: 'image/jpeg' })
      .attach('file', await png(), { filename: 'logo.png', contentType: 'image/png' })
      .attach('file', pdf(), { filename: 'brief.pdf', contentType: 'application/pdf' });
    expect(response.status).toBe(201);
    expect(response.body.rejected).toEqual([]);
    expect(response.body.stored.map((m: { filename: string; mimeType: string }) => [m.filename, m.mimeType])).toEqual([
      ['Storefront photo.jpg', 'image/jpeg'],
      ['logo.png', 'image/png'],
      ['brief.pdf', 'application/pdf'],
    ]);
    expect(response.body.stored[0]).toMatchObject({ status: 'processing', source: 'portal', clientId: client.id });
    await settle();
    const list = await t.http().get('/api/v1/portal/media').set(bearer(portalToken));
    const photo = list.body.items.find((m: { filename: string }) => m.filename === 'Storefront photo.jpg');
    expect(photo).toMatchObject({ status: 'ready', width: 640, height: 480, kind: 'image' });
    expect(photo.thumbnailUrl).toMatch(/^\/api\/v1\/files\//);
    const thumbnail = await t.http().get(photo.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
  });

  it('serves downloads as attachments with nosniff, a sandboxing CSP and byte ranges', async () => {
    const original = await jpeg(320, 240);
    const stored = (
      await uploadAs(portalToken, '/api/v1/portal/media').attach('file', original, { filename: 'range.jpg' })
    ).body.stored[0];
    const full = await t.http().get(stored.downloadUrl).buffer(true);
    expect(full.status).toBe(200);
    expect(Buffer.compare(full.body as Buffer, original)).toBe(0);
    expect(full.headers['content-disposition']).toMatch(/^attachment; filename="range.jpg"/);
    expect(full.headers['x-content-type-options']).toBe('nosniff');
    expect(full.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    const part = await t.http().get(stored.downloadUrl).set('Range', 'bytes=2-11').buffer(true);
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 2-11/${original.length}`);
    expect(Buffer.compare(part.body as Buffer, original.subarray(2, 12))).toBe(0);
    expect((await t.http().get(stored.downloadUrl).set('Range', `bytes=${original.length}-`)).status).toBe(416);
    const inline = await t.http().get(stored.viewUrl);
    expect(inline.headers['content-disposition']).toMatch(/^inline/);
    // HEAD tells the size without sending (or reading) the file.
    const head = await t.http().head(stored.downloadUrl);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(original.length));
    expect(head.headers['x-content-type-options']).toBe('nosniff');
    // An invalid range (last byte before the first) is ignored: the whole file.
    expect((await t.http().get(stored.downloadUrl).set('Range', 'bytes=9-3')).status).toBe(200);
    // Platform URLs serve only files on a post: this one is on none.
    const platformUrl = new URL(t.app.get(FileUrlSigner).platformUrl(stored.id)).pathname;
    expect((await t.http().get(platformUrl)).status).toBe(404);
  });

  it('refuses an SVG with a script, HTML named .jpg and an over-limit file; neutralises a path-traversal name', async () => {
    const before = files().length;
    const response = await uploadAs(portalToken, '/api/v1/portal/media')
      .attach('file', svgWithScript(), { filename: 'logo.svg', contentType: 'image/svg+xml' })
      .attach('file', htmlPage(), { filename: 'holiday.jpg', contentType: 'image/jpeg' })
      .attach('file', Buffer.concat([await jpeg(), Buffer.alloc(1_200_000, 7)]), { filename: 'huge.jpg' })
      .attach('file', await jpeg(), { filename: '../../../etc/passwd.jpg' });
    expect(response.status).toBe(201);
    expect(response.body.rejected).toEqual([
      { filename: 'logo.svg', reason: 'not an accepted file type (an SVG image)' },
      { filename: 'holiday.jpg', reason: 'not an accepted file type (an HTML page)' },
      { filename: 'huge.jpg', reason: 'larger than 1 MB' },
    ]);
    const refusals = await t.db.getRepository(AuditLog).findBy({ action: 'media.upload_refused', agencyId: agency.id });
    expect(refusals.map((entry) => entry.details)).toContainEqual(
      expect.objectContaining({
        rejected: expect.arrayContaining([expect.objectContaining({ filename: 'huge.jpg' })]),
      }),
    );
    const [traversal] = response.body.stored;
    expect(traversal.filename).toBe('passwd.jpg');
    const asset = await t.db.getRepository(MediaAsset).findOneByOrFail({ id: traversal.id });
    expect(asset.storageKey).toMatch(new RegExp(`^agencies/${agency.id}/\\d{4}/[0-9a-f-]{36}\\.jpg$`));
    // Only the accepted file's bytes (and no partial write) were left in storage.
    expect(files().length).toBe(before + 1);
  });

  it('a request that fails after a file was taken keeps nothing of it, and audits what it refused', async () => {
    await settle(); // thumbnails of earlier tests' uploads are made before counting files
    const before = files().length;
    const part = (headers: string, body: Buffer | string) =>
      Buffer.concat([Buffer.from(`--xyz\r\n${headers}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')]);
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/portal/media',
      headers: { ...bearer(portalToken), 'Content-Type': 'multipart/form-data; boundary=xyz' },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
    });
    request.write(
      Buffer.concat([
        part('Content-Disposition: form-data; name="file"; filename="refused-then-failed.svg"', svgWithScript()),
        part('Content-Disposition: form-data; name="file"; filename="taken-then-failed.png"', await png()),
        // The next boundary is what tells the parser that the picture is complete.
        Buffer.from('--xyz\r\n'),
      ]),
    );
    // The picture is stored (and the SVG refused) before the rest of the body arrives...
    const assets = t.db.getRepository(MediaAsset);
    for (let i = 0; i < 100 && (await assets.countBy({ filename: 'taken-then-failed.png' })) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await assets.countBy({ filename: 'taken-then-failed.png' })).toBe(1);
    // ...which then turns out to be wrong: the request fails, and the stored picture goes.
    request.end('Content-Disposition: form-data; name="note"\r\n\r\nhello\r\n--xyz--\r\n');
    const failing = await answer;
    expect(failing.status).toBe(400);
    expect(failing.body).toMatch(/Unknown field \\"note\\"/);
    await settle();
    expect(await assets.countBy({ filename: 'taken-then-failed.png' })).toBe(0);
    expect(files().length).toBe(before);
    const refusals = await t.db.getRepository(AuditLog).findBy({ action: 'media.upload_refused', agencyId: agency.id });
    expect(JSON.stringify(refusals.map((entry) => entry.details))).toContain('refused-then-failed.svg');
  });

  it("keeps clients apart: a client's people see only their client's portal uploads", async () => {
    const mine = (
      await uploadAs(portalToken, '/api/v1/portal/media').attach('file', await png(), { filename: 'acme-only.png' })
    ).body.stored[0];
    const theirs = await t.http().get('/api/v1/portal/media').set(bearer(otherPortalToken));
    expect(theirs.body.items.map((m: { id: string }) => m.id)).not.toContain(mine.id);
    expect((await t.http().get(`/api/v1/portal/media/${mine.id}`).set(bearer(otherPortalToken))).status).toBe(404);
    expect((await t.http().get(`/api/v1/media/${mine.id}`).set(bearer(otherAgencyToken))).status).toBe(404);
    // The agency's own files are not in any portal.
    const own = (
      await uploadAs(agencyToken, '/api/v1/media').attach('file', await png(), { filename: 'agency-own.png' })
    ).body.stored[0];
    expect(own.clientId).toBeNull();
    expect((await t.http().get(`/api/v1/portal/media/${own.id}`).set(bearer(portalToken))).status).toBe(404);
    const portalList = await t.http().get('/api/v1/portal/media?q=agency-own').set(bearer(portalToken));
    expect(portalList.body.items).toEqual([]);
  });

  it('the agency library shows every upload with its client and uploader, and filters', async () => {
    const forGlobex = await uploadAs(agencyToken, '/api/v1/media')
      .field('clientId', otherClient.id)
      .attach('file', await png(), { filename: 'globex-banner.png' });
    expect(forGlobex.body.stored[0]).toMatchObject({
      clientId: otherClient.id,
      clientName: 'Globex',
      source: 'agency',
    });
    const acme = await t.http().get(`/api/v1/media?clientId=${client.id}`).set(bearer(agencyToken));
    expect(acme.body.items.length).toBeGreaterThan(0);
    expect(acme.body.items.every((m: { clientId: string }) => m.clientId === client.id)).toBe(true);
    expect(acme.body.items[0].uploadedBy).toMatchObject({ kind: 'client', id: portalUserId });
    const search = await t.http().get('/api/v1/media?q=BANNER').set(bearer(agencyToken));
    expect(search.body.items.map((m: { filename: string }) => m.filename)).toEqual(['globex-banner.png']);
    // LIKE's wildcards and the escape character are searched for literally (a 500 on MariaDB once).
    await uploadAs(agencyToken, '/api/v1/media').attach('file', await png(), { filename: '100%_off!.png' });
    for (const q of ['%', '_', '!', '0%_o', '100%_off!']) {
      const literal = await t
        .http()
        .get(`/api/v1/media?q=${encodeURIComponent(q)}`)
        .set(bearer(agencyToken));
      expect(literal.status).toBe(200);
      expect(literal.body.items.map((m: { filename: string }) => m.filename)).toEqual(['100%_off!.png']);
    }
    expect((await t.http().get('/api/v1/media?q=%5C').set(bearer(agencyToken))).body.items).toEqual([]);
    const own = await t.http().get('/api/v1/media?clientId=agency').set(bearer(agencyToken));
    expect(own.body.items.every((m: { clientId: string | null }) => m.clientId === null)).toBe(true);
    const foreignClient = await uploadAs(otherAgencyToken, '/api/v1/media')
      .field('clientId', client.id)
      .attach('file', await png(), { filename: 'sneaky.png' });
    expect(foreignClient.status).toBe(404);
    const page1 = await t.http().get('/api/v1/media?limit=2').set(bearer(agencyToken));
    const page2 = await t.http().get(`/api/v1/media?limit=2&cursor=${page1.body.nextCursor}`).set(bearer(agencyToken));
    expect(page2.body.items.map((m: { id: string }) => m.id)).not.toContain(page1.body.items[0].id);
  });

  it('signed URLs are bound to their file and caller: tampered, and revoked callers, get 404', async () => {
    const stored = (
      await uploadAs(portalToken, '/api/v1/portal/media').attach('file', await png(), { filename: 'bound.png' })
    ).body.stored[0];
    const [body, mac] = stored.downloadUrl.split('/').pop().split('.');
    const forged = `/api/v1/files/${Buffer.from(Buffer.from(body, 'base64url').toString().replace(stored.id, '00000000-0000-4000-8000-000000000000')).toString('base64url')}.${mac}`;
    expect((await t.http().get(forged)).status).toBe(404);
    await t.db.getRepository(ClientMembership).update({ userId: portalUserId }, { status: 'deactivated' });
    expect((await t.http().get(stored.downloadUrl)).status).toBe(404);
    await t.db.getRepository(ClientMembership).update({ userId: portalUserId }, { status: 'active' });
    expect((await t.http().get(stored.downloadUrl)).status).toBe(200);
    // A link outlives nothing it was issued under: without Media the client's people cannot use it.
    const clients = t.db.getRepository(ClientEntity);
    await clients.update({ id: client.id }, { permissions: CLIENT_PERMISSIONS.filter((p) => p !== 'media.upload') });
    expect((await t.http().get(stored.downloadUrl)).status).toBe(404);
    await clients.update({ id: client.id }, { permissions: [...CLIENT_PERMISSIONS] });
    expect((await t.http().get(stored.downloadUrl)).status).toBe(200);
  });

  it('refuses uploads over the agency quota, leaving nothing behind', async () => {
    const before = files().length;
    const big = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1_000_000, 3)]);
    let response = await uploadAs(portalToken, '/api/v1/portal/media').attach('file', big(), { filename: 'a.jpg' });
    for (let i = 0; i < 4 && response.status === 201 && response.body.rejected.length === 0; i++) {
      response = await uploadAs(portalToken, '/api/v1/portal/media').attach('file', big(), { filename: `b${i}.jpg` });
    }
    const refused =
      response.status === 413 || response.body.rejected.some((r: { reason: string }) => /quota/.test(r.reason));
    expect(refused).toBe(true);
    const used = (await t.http().get('/api/v1/media/usage').set(bearer(agencyToken))).body;
    expect(used.usedBytes).toBeLessThanOrEqual(3 * 1024 * 1024);
    // Every byte in storage belongs to a stored file or its thumbnail: refused uploads left nothing.
    await settle();
    const assets = await t.db.getRepository(MediaAsset).find();
    expect(files().length).toBe(assets.length + assets.filter((a) => a.thumbnailKey !== null).length);
    expect(before).toBeLessThanOrEqual(files().length);
  });

  it('handles files shorter than the type check reads (tiny, refused and empty ones)', async () => {
    const tinyGif = Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64');
    const response = await uploadAs(portalToken, '/api/v1/portal/media')
      .attach('file', Buffer.from('<svg><script>alert(1)</script></svg>'), { filename: 'tiny.svg' })
      .attach('file', tinyGif, { filename: 'pixel.gif' })
      .attach('file', Buffer.alloc(0), { filename: 'empty.jpg' });
    expect(response.status).toBe(201);
    expect(response.body.rejected).toEqual([
      { filename: 'tiny.svg', reason: 'not an accepted file type (an SVG image)' },
      { filename: 'empty.jpg', reason: 'the file is empty' },
    ]);
    expect(response.body.stored).toMatchObject([
      { filename: 'pixel.gif', mimeType: 'image/gif', size: tinyGif.length },
    ]);
    const back = await t.http().get(response.body.stored[0].downloadUrl).buffer(true);
    expect(Buffer.compare(back.body as Buffer, tinyGif)).toBe(0);
  });

  it('keeps the quota when uploads race each other', async () => {
    await settle();
    const used = (await t.http().get('/api/v1/media/usage').set(bearer(agencyToken))).body.usedBytes as number;
    const room = 3 * 1024 * 1024 - used;
    // Four uploads at once, each alone small enough, together well over the free space.
    const each = Math.floor(room / 2);
    const chunk = () =>
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(Math.min(each, 1_000_000), 4)]);
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        uploadAs(portalToken, '/api/v1/portal/media').attach('file', chunk(), { filename: `race-${i}.jpg` }),
      ),
    );
    const after = (await t.http().get('/api/v1/media/usage').set(bearer(agencyToken))).body.usedBytes as number;
    expect(after).toBeLessThanOrEqual(3 * 1024 * 1024);
  });

  it('an image whose thumbnail job was lost is picked up by the sweeper; one stuck too long is given up', async () => {
    const stored = (
      await uploadAs(portalToken, '/api/v1/portal/media').attach('file', await png(), { filename: 'lost-job.png' })
    ).body.stored[0];
    await settle();
    const assets = t.db.getRepository(MediaAsset);
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    // As if Redis had been away when it was uploaded: still processing, no job anywhere.
    await assets.update({ id: stored.id }, { status: 'processing', thumbnailKey: null, createdAt: minutesAgo(10) });
    await t.app.get(MediaProcessingService).sweep();
    await settle();
    expect(await assets.findOneByOrFail({ id: stored.id })).toMatchObject({
      status: 'ready',
      thumbnailKey: expect.stringMatching(/\.thumb\.webp$/),
      width: 300,
      height: 200,
    });
    await assets.update({ id: stored.id }, { status: 'processing', thumbnailKey: null, createdAt: minutesAgo(45) });
    await t.app.get(MediaProcessingService).sweep();
    await settle();
    expect((await assets.findOneByOrFail({ id: stored.id })).status).toBe('failed');
  });

  it('needs multipart (415 otherwise), and answers 400 (not 500) to a body cut off mid-file', async () => {
    const json = await t.http().post('/api/v1/portal/media').set(bearer(portalToken)).send({ file: 'x' });
    expect(json.status).toBe(415);
    const broken = await t
      .http()
      .post('/api/v1/portal/media')
      .set(bearer(portalToken))
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc');
    expect(broken.status).toBe(400);
    // Cut off after the type check (with and without an image signature): still 400, nothing kept,
    // and the server keeps answering.
    const before = files().length;
    for (const start of [Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('plain text')]) {
      const cut = await t
        .http()
        .post('/api/v1/portal/media')
        .set(bearer(portalToken))
        .set('Content-Type', 'multipart/form-data; boundary=xyz')
        .send(
          Buffer.concat([
            Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="cut.jpg"\r\n\r\n'),
            start,
            Buffer.alloc(200_000, 1),
          ]),
        );
      expect(cut.status).toBe(400);
    }
    expect((await t.http().get('/api/health')).status).toBe(200);
    expect(files().length).toBe(before);
    expect(await t.db.getRepository(MediaAsset).countBy({ filename: 'cut.jpg' })).toBe(0);
  });

  it('an upload whose client left before it was read is answered at once, not left waiting forever', async () => {
    const uploads = t.app.get(MediaUploadsService);
    const outcome = new Promise<unknown>((resolve) => {
      const server = createServer((request, response) => {
        // Start reading only once the client is gone, as when it leaves while the guards run.
        request.once('close', () => {
          uploads
            .receive(
              {
                scope: clientScope(agency.id, client.id, [...CLIENT_PERMISSIONS], 'member'),
                userId: portalUserId,
                ip: null,
                userAgent: null,
              },
              { request, response },
              { purpose: 'library' },
            )
            .then(resolve, resolve)
            .finally(() => server.close());
        });
      });
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            'POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=xyz\r\n' +
              'Content-Length: 100000\r\n\r\n--xyz\r\nContent-Disposition: form-data; name="file"; filename="gone.jpg"\r\n\r\n',
          );
          setTimeout(() => socket.destroy(), 50);
        });
      });
    });
    const error = await outcome;
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toBe('The upload was interrupted.');
  });
});
