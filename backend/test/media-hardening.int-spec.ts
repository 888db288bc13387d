import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { MediaAsset } from '../src/modules/media/entities/media-asset.entity';
import { Factory } from './support/factories';
import { jpeg, png } from './support/media-files';
import { startTestApp, type TestApp } from './support/test-app';

interface StoredView {
  id: string;
  filename: string;
  downloadUrl: string;
}

/** File names that mislead or arrive garbled: what is stored, listed and offered for download. */
describe('Media: file names', () => {
  let t: TestApp;
  let agencyToken: string;
  let portalToken: string;

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  /**
   * A multipart body written byte for byte the way browsers send it: the file name as raw UTF-8 in
   * the part's header (not RFC 2231/5987-encoded), which supertest's form builder may not do.
   */
  const uploadRaw = (token: string, path: string, filenameBytes: Buffer, content: Buffer) =>
    new Promise<{ status: number; body: { stored: StoredView[]; rejected: unknown[] } }>((resolve, reject) => {
      const body = Buffer.concat([
        Buffer.from('--browser-boundary\r\nContent-Disposition: form-data; name="file"; filename="'),
        filenameBytes,
        Buffer.from('"\r\nContent-Type: image/jpeg\r\n\r\n'),
        content,
        Buffer.from('\r\n--browser-boundary--\r\n'),
      ]);
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const request = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: {
          ...bearer(token),
          'Content-Type': 'multipart/form-data; boundary=browser-boundary',
          'Content-Length': String(body.length),
        },
      });
      request.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      });
      request.on('error', reject);
      request.end(body);
    });

  const listedName = async (id: string) => {
    const list = await t.http().get('/api/v1/media').set(bearer(agencyToken));
    return (list.body.items as StoredView[]).find((item) => item.id === id)?.filename;
  };

  beforeAll(async () => {
    t = await startTestApp({ PUBLISH_POLL_MS: '600000' });
    const f = new Factory(t);
    const agency = await f.agency();
    const client = await f.client(agency, [...CLIENT_PERMISSIONS]);
    agencyToken = (await f.signIn((await f.agencyUser(agency, 'member')).email)).accessToken;
    portalToken = (await f.signIn((await f.clientUser(client, 'member')).email)).accessToken;
  });
  afterAll(() => t.close());

  it('strips a right-to-left override (and other invisible format characters) from a name', async () => {
    // Shown as "invoicelmth.jpg" in a file list while the name really ends in .html.
    const response = await t
      .http()
      .post('/api/v1/media')
      .set(bearer(agencyToken))
      .attach('file', await png(), { filename: 'invoice\u202Egpj\u200B.png' });
    expect(response.status).toBe(201);
    const [stored] = response.body.stored as StoredView[];
    expect(stored.filename).toBe('invoicegpj.png');
    expect((await t.db.getRepository(MediaAsset).findOneByOrFail({ id: stored.id })).filename).toBe('invoicegpj.png');
    const download = await t.http().get(stored.downloadUrl);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="invoicegpj.png"; filename*=UTF-8''invoicegpj.png`,
    );
  });

  it('gives JPEG bytes named report.html the extension of what they are, listed and downloaded', async () => {
    const response = await t
      .http()
      .post('/api/v1/media')
      .set(bearer(agencyToken))
      .attach('file', await jpeg(), { filename: 'report.html', contentType: 'text/html' });
    expect(response.status).toBe(201);
    const [stored] = response.body.stored as StoredView[];
    expect(stored.filename).toBe('report.jpg');
    expect(await listedName(stored.id)).toBe('report.jpg');
    const download = await t.http().get(stored.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="report\.jpg"/);
  });

  it('offers rows stored before this was fixed under a clean name that matches their type', async () => {
    const response = await t
      .http()
      .post('/api/v1/media')
      .set(bearer(agencyToken))
      .attach('file', await jpeg(), { filename: 'legacy.jpg' });
    const [stored] = response.body.stored as StoredView[];
    await t.db.getRepository(MediaAsset).update({ id: stored.id }, { filename: 'old\u202Efdp.exe' });
    expect(await listedName(stored.id)).toBe('oldfdp.jpg');
    const download = await t.http().get(stored.downloadUrl);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="oldfdp\.jpg"/);
  });

  it('reads names sent as raw UTF-8, as browsers send them, on library and portal uploads', async () => {
    const name = 'café-ü.jpg';
    for (const [token, path] of [
      [agencyToken, '/api/v1/media'],
      [portalToken, '/api/v1/portal/media'],
    ]) {
      const response = await uploadRaw(token, path, Buffer.from(name, 'utf8'), await jpeg());
      expect(response.status).toBe(201);
      expect(response.body.stored.map((file) => file.filename)).toEqual([name]);
      const asset = await t.db.getRepository(MediaAsset).findOneByOrFail({ id: response.body.stored[0].id });
      expect(asset.filename).toBe(name);
      const download = await t.http().get(response.body.stored[0].downloadUrl);
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="caf_-_.jpg"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
    }
  });
});
