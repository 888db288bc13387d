import type { Readable } from 'node:stream';

/** One stored object, as listing finds it. */
export interface StoredObject {
  key: string;
  size: number;
}

/** An inclusive byte range, as HTTP Range requests name them. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where uploaded files live. Keys are made by the server (never from a client's file name).
 * `put` streams: a file never sits whole in memory, and a failed or aborted write leaves nothing.
 */
export abstract class FileStorage {
  /** Streams `body` to `key`; resolves with the number of bytes stored. */
  abstract put(key: string, body: Readable, contentType: string): Promise<number>;
  /** The object's bytes, or one range of them. */
  abstract get(key: string, range?: ByteRange): Promise<Readable>;
  /** Size of the object, or null when there is none. */
  abstract size(key: string): Promise<number | null>;
  /** Removes the object; a missing one is not an error. */
  abstract delete(key: string): Promise<void>;
  /**
   * Every object whose key starts with `prefix` (a safe key ending in `/`), a page at a time, so
   * a large store is never listed whole into memory. Order is unspecified.
   */
  abstract list(prefix: string): AsyncIterable<StoredObject>;
  /** Removes every object under `prefix` (a safe key ending in `/`); resolves with how many. */
  abstract deletePrefix(prefix: string): Promise<number>;
  abstract health(): Promise<{ status: 'up' | 'down'; detail?: string }>;
  /**
   * Removes what writes cut short by a crash or a kill left behind, when last written to before
   * `cutoff`; resolves with how many were removed. Stores that leave nothing behind have nothing to do.
   */
  sweepTemporaries(_cutoff: Date): Promise<number> {
    return Promise.resolve(0);
  }
}

/** Keys are `segment/segment/...` of safe characters; anything else is a programming error. */
export function assertSafeKey(key: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(key) || key.includes('..')) {
    throw new Error(`Unsafe storage key: ${key}`);
  }
}

/** Prefixes are whole directories: a safe key followed by `/`, so `agencies/a` never matches `agencies/ab`. */
export function assertSafePrefix(prefix: string): void {
  if (!prefix.endsWith('/')) throw new Error(`Unsafe storage prefix: ${prefix}`);
  assertSafeKey(prefix.slice(0, -1));
}
