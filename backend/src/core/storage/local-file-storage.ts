import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { assertSafeKey, type ByteRange, FileStorage } from './file-storage';

/**
 * Files in a local directory (the embedded default). Writes go to a temporary name first and are
 * renamed into place once complete, so a reader never sees half a file.
 */
export class LocalFileStorage extends FileStorage {
  private readonly root: string;

  constructor(dir: string) {
    super();
    this.root = resolve(dir);
  }

  async put(key: string, body: Readable, _contentType: string): Promise<number> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.part`;
    let bytes = 0;
    body.on('data', (chunk: Buffer) => (bytes += chunk.length));
    try {
      await pipeline(body, createWriteStream(temporary, { flags: 'wx' }));
      await rename(temporary, target);
      return bytes;
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    // Opened here, not lazily by the stream: a missing file fails this call, before a response
    // has committed to a status.
    const file = await open(this.path(key), 'r');
    return file.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async size(key: string): Promise<number | null> {
    const path = this.path(key); // outside the try: an unsafe key is an error, not "missing"
    try {
      return (await stat(path)).size;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    try {
      await mkdir(this.root, { recursive: true });
      return { status: 'up', detail: 'local' };
    } catch (error) {
      return { status: 'down', detail: String(error) };
    }
  }

  private path(key: string): string {
    assertSafeKey(key);
    const full = resolve(join(this.root, key));
    if (!full.startsWith(this.root + '/')) throw new Error(`Unsafe storage key: ${key}`);
    return full;
  }
}
