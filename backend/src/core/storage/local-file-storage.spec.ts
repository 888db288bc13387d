import { mkdtemp, rm } from 'node:fs/promises';
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
