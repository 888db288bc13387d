import { createWriteStream } from 'node:fs';
import { mkdir, open, opendir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { assertSafeKey, assertSafePrefix, type ByteRange, FileStorage, type StoredObject } from './file-storage';

/** The temporary name of a write in progress: the target's name, a random id, `.part`. */
const TEMPORARY = /\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.part$/;

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

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const dir = this.prefixPath(prefix);
    for await (const path of filesUnder(dir)) {
      if (TEMPORARY.test(path)) continue; // a write in progress is no object yet
      const size = await stat(path).then(
        (stats) => stats.size,
        () => null, // removed meanwhile
      );
      if (size !== null) yield { key: prefix + path.slice(dir.length + 1), size };
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    const dir = this.prefixPath(prefix);
    let removed = 0;
    for await (const path of filesUnder(dir)) if (!TEMPORARY.test(path)) removed++;
    // The directory goes whole, with any temporary file of a write cut short in it.
    await rm(dir, { recursive: true, force: true });
    return removed;
  }

  async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    try {
      await mkdir(this.root, { recursive: true });
      return { status: 'up', detail: 'local' };
    } catch (error) {
      return { status: 'down', detail: String(error) };
    }
  }

  /**
   * A process killed mid-write (SIGKILL, a crash, power loss) leaves its temporary file. Writes in
   * progress touch theirs with every chunk, and the server closes a connection that sends nothing
   * for minutes, so a temporary file not written to since `cutoff` belongs to no live upload, also
   * when several processes share the directory.
   */
  override async sweepTemporaries(cutoff: Date): Promise<number> {
    let removed = 0;
    for await (const path of temporaryFiles(this.root)) {
      const modified = await stat(path).then(
        (stats) => stats.mtimeMs,
        () => null, // gone meanwhile: renamed into place or removed by its writer
      );
      if (modified !== null && modified < cutoff.getTime()) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  private prefixPath(prefix: string): string {
    assertSafePrefix(prefix);
    return this.path(prefix.slice(0, -1));
  }

  private path(key: string): string {
    assertSafeKey(key);
    const full = resolve(join(this.root, key));
    if (!full.startsWith(this.root + '/')) throw new Error(`Unsafe storage key: ${key}`);
    return full;
  }
}

/** The temporary files under `dir`, found one directory at a time (storage may hold many files). */
async function* temporaryFiles(dir: string): AsyncGenerator<string> {
  for await (const path of filesUnder(dir)) if (TEMPORARY.test(path)) yield path;
}

/** Every file under `dir`, found one directory at a time. */
async function* filesUnder(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await opendir(dir);
  } catch {
    return; // no directory yet, or removed meanwhile
  }
  for await (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}
