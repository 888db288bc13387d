import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { JobQueue } from '../src/core/jobs/job-queue';
import { Factory } from './support/factories';
import { jpeg } from './support/media-files';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The production shape of file storage: the whole application on an S3-compatible server
 * (s3rver on loopback), uploads, thumbnails, downloads and ranges included.
 */
describe('Media on S3-compatible storage', () => {
  let server: S3rver;
  let dir: string;
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atrium-s3-it-'));
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'atrium-it' }],
    });
    const { port } = await server.run();
    t = await startTestApp({
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: 'atrium-it',
      S3_ACCESS_KEY: 'S3RVER',
      S3_SECRET_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    });
    const f = new Factory(t);
    const client = await f.client(await f.agency(), [...CLIENT_PERMISSIONS]);
    token = (await f.signIn((await f.clientUser(client, 'member')).email)).accessToken;
    // A second server, a whole application and a signed-in person: on a loaded two-core CI machine this
    // has taken longer than the default 30 s hook limit, so it gets the same bound as the other
    // multi-server suites.
  }, 90_000);
  afterAll(async () => {
    await t.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores, thumbnails and serves files from the bucket', async () => {
    const original = await jpeg(500, 300);
    const upload = await t
      .http()
      .post('/api/v1/portal/media')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', original, { filename: 'bucket.jpg' });
    expect(upload.status).toBe(201);
    await t.app.get(JobQueue).drain();
    const [item] = (await t.http().get('/api/v1/portal/media').set('Authorization', `Bearer ${token}`)).body.items;
    expect(item).toMatchObject({ status: 'ready', width: 500, height: 300 });
    const full = await t.http().get(item.downloadUrl).buffer(true);
    expect(Buffer.compare(full.body as Buffer, original)).toBe(0);
    const part = await t.http().get(item.downloadUrl).set('Range', 'bytes=0-3').buffer(true);
    expect(part.status).toBe(206);
    expect([...(part.body as Buffer)]).toEqual([...original.subarray(0, 4)]);
    expect((await t.http().get(item.thumbnailUrl)).headers['content-type']).toBe('image/webp');
    const ready = await t.http().get('/api/health/ready');
    expect(ready.body.checks.storage).toEqual({ status: 'up', detail: 's3' });
  });
});
