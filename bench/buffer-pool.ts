/**
 * The InnoDB buffer pool a bench runs with. `BENCH_BUFFER_POOL` (e.g. `1G`, `768M`) resizes it for
 * the bench's duration — innodb_buffer_pool_size is dynamic on MariaDB and MySQL 8 — and puts the
 * server's own value back afterwards, also on Ctrl-C, because the server is usually shared. Without
 * it the bench measures whatever the server is configured with, and says so.
 */
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import type { BenchServer } from './bench-database';

const RESIZE_WAIT_MS = 120_000;

export interface BufferPool {
  /** Bytes in effect now (the server rounds a requested size up to whole chunks). */
  inEffect(): Promise<number>;
  /** How the size came about, for the bench's header. */
  describe(): string;
  /** Puts the server's own size back when the bench changed it. */
  restore(): Promise<void>;
}

export async function takeBufferPool(server: BenchServer, wanted: string | undefined): Promise<BufferPool> {
  const connection = await createConnection(server);
  const original = await sizeOf(connection);
  let restored = !wanted;
  const restore = async () => {
    if (restored) return;
    restored = true;
    await resize(connection, original);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: putting the buffer pool back to ${mb(original)} first`);
    void restore().finally(() => process.exit(130));
  };
  if (wanted) {
    const bytes = parseSize(wanted);
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    try {
      await resize(connection, bytes);
    } catch (error) {
      await connection.end();
      throw new Error(
        `could not set innodb_buffer_pool_size to ${wanted} (the bench's database user needs the privilege to ` +
          `set global variables): ${(error as Error).message}`,
      );
    }
  }
  return {
    inEffect: () => sizeOf(connection),
    describe: () =>
      wanted
        ? `BENCH_BUFFER_POOL=${wanted}; the server's ${mb(original)} is put back afterwards`
        : `the server's setting; BENCH_BUFFER_POOL=1G sets another for the run`,
    restore: async () => {
      try {
        await restore();
      } finally {
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
        await connection.end();
      }
    },
  };
}

export function mb(bytes: number): string {
  return `${Math.round(bytes / 1048576).toLocaleString('en')} MB`;
}

/** `1G`, `768M`, `512m` or plain bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+)\s*([kmg]?)b?$/i.exec(text.trim());
  if (!match) throw new Error(`BENCH_BUFFER_POOL must be a size like 1G or 768M (got "${text}")`);
  const unit = { '': 1, k: 1024, m: 1048576, g: 1073741824 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(match[1]) * unit;
}

async function sizeOf(connection: Connection): Promise<number> {
  const [rows] = await connection.query<RowDataPacket[]>('SELECT @@innodb_buffer_pool_size AS size');
  return Number(rows[0]['size']);
}

/** Resizing runs in the background on some versions: wait until the server reports it finished. */
async function resize(connection: Connection, bytes: number): Promise<void> {
  await connection.query('SET GLOBAL innodb_buffer_pool_size = ?', [bytes]);
  const deadline = Date.now() + RESIZE_WAIT_MS;
  for (;;) {
    const [rows] = await connection.query<RowDataPacket[]>(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_resize_status', 'Innodb_buffer_pool_resize_status_code')",
    );
    const status = new Map(rows.map((row) => [String(row['Variable_name']), String(row['Value'])]));
    const code = status.get('Innodb_buffer_pool_resize_status_code');
    const text = status.get('Innodb_buffer_pool_resize_status') ?? '';
    if (code !== undefined ? code === '0' : text === '' || /complet/i.test(text)) return;
    if (Date.now() > deadline) throw new Error(`the buffer pool resize did not finish in time: ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
