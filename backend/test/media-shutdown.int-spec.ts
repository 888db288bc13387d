import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageHousekeepingService } from '../src/core/storage/storage-housekeeping.service';
import { RESTARTING_MESSAGE } from '../src/modules/media/media-uploads.service';
import { Factory } from './support/factories';
import { jpeg } from './support/media-files';
import { startTestApp, type TestApp } from './support/test-app';
import { dropDatabase } from './support/test-env';

/** Every file under `dir`, at any depth. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
const temporaries = (dir: string) => filesUnder(dir).filter((file) => file.endsWith('.part'));
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 60 * 60_000);

/**
 * Fault drill: the server is stopped (SIGTERM runs `app.close()`, see main.ts) while an upload is
 * still coming in, and a killed process's temporary files are swept when the next one starts.
 */
describe('Media: shutdown mid-upload and temporary files left behind', () => {
  let t: TestApp | undefined;
  let app: TestApp;
  let closed = false;
  let mediaDir: string;
  let staleTemporary: string;
  let freshTemporary: string;
  let oldStoredFile: string;

  beforeAll(async () => {
    // What a killed process left: one temporary file from hours ago, one of a live upload of
    // another process sharing the directory, and a stored file that is merely old.
    mediaDir = mkdtempSync(join(tmpdir(), 'atrium-media-'));
    const year = join(mediaDir, 'agencies', randomUUID(), '2026');
    mkdirSync(year, { recursive: true });
    staleTemporary = join(year, `${randomUUID()}.jpg.${randomUUID()}.part`);
    freshTemporary = join(year, `${randomUUID()}.mp4.${randomUUID()}.part`);
    oldStoredFile = join(year, `${randomUUID()}.jpg`);
    for (const file of [staleTemporary, freshTemporary, oldStoredFile]) writeFileSync(file, 'partial bytes');
    for (const file of [staleTemporary, oldStoredFile]) utimesSync(file, hoursAgo(3), hoursAgo(3));

    app = t = await startTestApp({ MEDIA_DIR: mediaDir, MEDIA_MAX_FILE_MB: '50', PUBLISH_POLL_MS: '600000' });
  });

  afterAll(async () => {
    if (!t) return;
    if (closed) await dropDatabase(t.config);
    else await t.close();
  });

  it('sweeps stale temporary files at start, keeping fresh ones and stored files', async () => {
    expect(await app.app.get(StorageHousekeepingService).startupSweep).toBe(1);
    expect(existsSync(staleTemporary)).toBe(false);
    expect(existsSync(freshTemporary)).toBe(true);
    expect(existsSync(oldStoredFile)).toBe(true);
  });

  it('answers an upload in progress with 503 at shutdown and leaves no temporary file', async () => {
    const f = new Factory(app);
    const token = (await f.signIn((await f.agencyUser(await f.agency(), 'member')).email)).accessToken;
    const before = temporaries(mediaDir);

    const head = Buffer.from(
      '--drill\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n',
    );
    const fileStart = Buffer.concat([await jpeg(), Buffer.alloc(512 * 1024, 7)]);
    const { port } = app.app.getHttpServer().address() as AddressInfo;
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/media',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'multipart/form-data; boundary=drill',
        // A 20 MB upload, of which only the start is ever sent.
        'Content-Length': String(20 * 1024 * 1024),
      },
    });
    const answer = new Promise<{ status: number; retryAfter?: string; body: string }>((resolve, reject) => {
      request.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], body }),
        );
      });
      request.on('error', reject);
    });
    request.write(Buffer.concat([head, fileStart]));

    // The file is being written to storage (under its temporary name) when the server is stopped.
    for (let i = 0; i < 200 && temporaries(mediaDir).length === before.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(temporaries(mediaDir).length).toBe(before.length + 1);

    const closing = app.app.close();
    const response = await answer;
    expect(response.status).toBe(503);
    expect(response.retryAfter).toBe('10');
    expect(JSON.parse(response.body)).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: RESTARTING_MESSAGE,
      requestId: expect.any(String),
    });
    request.destroy();
    await closing;
    closed = true;

    // Nothing of the upload is left: no temporary file, and no stored file.
    expect(temporaries(mediaDir)).toEqual(before);
    expect(filesUnder(mediaDir).filter((file) => file.endsWith('.jpg') && file !== oldStoredFile)).toEqual([]);
  });
});
