import { describe, expect, it, beforeAll } from '@jest/globals';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FileStorage } from './file-storage';

const MiB = 1024 * 1024;
/** Large enough to need several 8 MiB parts on S3, so multipart upload is exercised. */
const LARGE_BYTES = 20 * MiB;
const SLOW = 60_000;

/**
 * A stream of `total` random bytes made on demand (never held whole), hashing what it produced.
 * `failAfter` makes it error once that many bytes went out; `onProduce` sees the running total.
 */
export function generatedStream(
  total: number,
  options: { failAfter?: number; onProduce?: (produced: number) => void } = {},
): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  let produced = 0;
  const stream = new Readable({
    read() {
      if (options.failAfter !== undefined && produced >= options.failAfter) {
        this.destroy(new Error('body failed half-way'));
        return;
      }
      if (produced >= total) {
        this.push(null);
        return;
      }
      const chunk = randomBytes(Math.min(64 * 1024, total - produced));
      hash.update(chunk);
      produced += chunk.length;
      options.onProduce?.(produced);
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A stream that records whether anyone read from it. */
function untouchedStream(): { stream: Readable; wasRead: () => boolean } {
  let read = false;
  const stream = new Readable({
    read() {
      read = true;
      this.push(null);
    },
  });
  return { stream, wasRead: () => read };
}

/**
 * The behaviour every FileStorage must have. Registers a describe block; `create` is called in its
 * beforeAll, so servers started by the caller's own beforeAll are up by then.
 */
export function fileStorageContract(name: string, create: () => FileStorage): void {
  describe(`${name} (FileStorage contract)`, () => {
    let storage: FileStorage;
    const newKey = () => `test/${randomUUID()}.bin`;

    beforeAll(() => {
      storage = create();
    });

    it('reports health up', async () => {
      expect((await storage.health()).status).toBe('up');
    });

    it(
      'round-trips a multi-part-sized stream byte for byte',
      async () => {
        const key = newKey();
        const source = generatedStream(LARGE_BYTES);
        expect(await storage.put(key, source.stream, 'application/octet-stream')).toBe(LARGE_BYTES);
        expect(await storage.size(key)).toBe(LARGE_BYTES);
        expect(await sha256Of(await storage.get(key))).toEqual({ sha256: source.sha256(), bytes: LARGE_BYTES });
      },
      SLOW,
    );

    it('reads inclusive byte ranges', async () => {
      const key = newKey();
      const data = randomBytes(256 * 1024);
      expect(await storage.put(key, Readable.from([data]), 'application/octet-stream')).toBe(data.length);
      const last = data.length - 1;
      for (const range of [
        { start: 0, end: 9 },
        { start: 100_000, end: 150_000 },
        { start: last, end: last },
      ]) {
        const bytes = await readAll(await storage.get(key, range));
        expect(bytes.equals(data.subarray(range.start, range.end + 1))).toBe(true);
      }
    });

    it('fails get of a missing object itself, not later in the stream', async () => {
      await expect(storage.get(newKey())).rejects.toThrow();
    });

    it('gives null as the size of a missing object', async () => {
      expect(await storage.size(newKey())).toBeNull();
    });

    it('deletes, and deleting a missing object is fine', async () => {
      const key = newKey();
      await storage.put(key, Readable.from([Buffer.from('hello')]), 'text/plain');
      expect(await storage.size(key)).toBe(5);
      await storage.delete(key);
      expect(await storage.size(key)).toBeNull();
      await expect(storage.delete(key)).resolves.toBeUndefined();
      await expect(storage.delete(newKey())).resolves.toBeUndefined();
    });

    it(
      'rejects put with the body error when the body fails half-way, leaving no object',
      async () => {
        const key = newKey();
        // Past the first 8 MiB part, so on S3 a multipart upload exists and must be abandoned.
        const { stream } = generatedStream(LARGE_BYTES, { failAfter: 12 * MiB });
        await expect(storage.put(key, stream, 'application/octet-stream')).rejects.toThrow('body failed half-way');
        expect(await storage.size(key)).toBeNull();
      },
      SLOW,
    );

    it(
      'lists and deletes by prefix, a whole directory only, across more than one listing page',
      async () => {
        const root = `test/${randomUUID()}`;
        const mine = [
          ...Array.from({ length: 1003 }, (_, i) => `${root}/a/${i}.txt`), // > 1000: one S3 page is 1000 keys
          `${root}/a/deep/er/x.bin`,
        ];
        const neighbours = [`${root}/ab/y.txt`, `${root}/b/z.txt`];
        for (const key of [...mine, ...neighbours]) {
          await storage.put(key, Readable.from([Buffer.from(key)]), 'text/plain');
        }

        const listed: { key: string; size: number }[] = [];
        for await (const object of storage.list(`${root}/a/`)) listed.push(object);
        expect(listed.map((object) => object.key).sort()).toEqual([...mine].sort());
        expect(listed.every((object) => object.size === Buffer.byteLength(object.key))).toBe(true);

        expect(await storage.deletePrefix(`${root}/a/`)).toBe(mine.length);
        for await (const object of storage.list(`${root}/a/`)) throw new Error(`still listed: ${object.key}`);
        expect(await storage.size(mine[0])).toBeNull();
        for (const key of neighbours) expect(await storage.size(key)).toBe(Buffer.byteLength(key));
        expect(await storage.deletePrefix(`${root}/nothing/`)).toBe(0);
      },
      SLOW,
    );

    it.each(['test', '../x/', '/abs/', 'a/../b/', '/'])('refuses the unsafe prefix %j', async (prefix) => {
      await expect(storage.deletePrefix(prefix)).rejects.toThrow(/Unsafe storage/);
      await expect(storage.list(prefix)[Symbol.asyncIterator]().next()).rejects.toThrow(/Unsafe storage/);
    });

    it.each(['../x', '/abs', 'a/../b', ''])('refuses the unsafe key %j before any I/O', async (key) => {
      const body = untouchedStream();
      await expect(storage.put(key, body.stream, 'text/plain')).rejects.toThrow(/Unsafe storage key/);
      expect(body.wasRead()).toBe(false);
      await expect(storage.get(key)).rejects.toThrow(/Unsafe storage key/);
      await expect(storage.size(key)).rejects.toThrow(/Unsafe storage key/);
      await expect(storage.delete(key)).rejects.toThrow(/Unsafe storage key/);
    });
  });
}
