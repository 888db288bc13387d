import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStorageContract } from './file-storage.contract';
import { LocalFileStorage } from './local-file-storage';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atrium-local-storage-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

fileStorageContract('LocalFileStorage', () => new LocalFileStorage(dir));

describe('LocalFileStorage.sweepTemporaries', () => {
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 60 * 60_000);

  it('removes temporary files not written to since the cutoff, and nothing else', async () => {
    const root = await mkdtemp(join(tmpdir(), 'atrium-sweep-'));
    const storage = new LocalFileStorage(root);
    const nested = join(root, 'agencies', 'a1', '2026');
    await mkdir(nested, { recursive: true });
    const path = (name: string) => join(nested, name);
    const stale = path(`photo.jpg.${randomUUID()}.part`);
    const fresh = path(`video.mp4.${randomUUID()}.part`);
    const oldStored = path('old-photo.jpg');
    const notOurs = path('notes.part');
    for (const file of [stale, fresh, oldStored, notOurs]) await writeFile(file, 'bytes');
    for (const file of [stale, oldStored, notOurs]) await utimes(file, hoursAgo(2), hoursAgo(2));

    expect(await storage.sweepTemporaries(hoursAgo(1))).toBe(1);

    expect(existsSync(stale)).toBe(false);
    expect([fresh, oldStored, notOurs].filter((file) => existsSync(file))).toEqual([fresh, oldStored, notOurs]);
    await rm(root, { recursive: true, force: true });
  });

  it('has nothing to do before anything was stored', async () => {
    expect(
      await new LocalFileStorage(join(tmpdir(), `atrium-missing-${randomUUID()}`)).sweepTemporaries(new Date()),
    ).toBe(0);
  });
});
