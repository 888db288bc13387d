import type { DataSource } from 'typeorm';

/** The database's time limits (MySQL/MariaDB); see DATABASE_*_TIMEOUT_MS in the README. */
export interface DatabaseTimeouts {
  /** Opening a new connection (TCP + handshake); passed to mysql2 as `connectTimeout`. */
  connectTimeoutMs: number;
  /** One query, measured by the client: a frozen server cannot hold a request longer. */
  queryTimeoutMs: number;
  /** Waiting for a free connection of the pool. */
  poolAcquireTimeoutMs: number;
}

type QueryCallback = (error: { code?: string } | null, ...results: unknown[]) => void;
interface PooledConnection {
  query: (...args: unknown[]) => unknown;
  execute: (...args: unknown[]) => unknown;
  destroy: () => void;
  release?: () => void;
  [BOUNDED]?: true;
}
interface MysqlDriverLike {
  obtainMasterConnection: () => Promise<unknown>;
}

const BOUNDED = Symbol('atriumBoundedConnection');

/**
 * Bounds every wait on MySQL/MariaDB once the migrations ran (a migration, or the lock that makes
 * instances migrate one at a time, may rightly take longer than a request):
 *
 * - each query gets mysql2's client-side `timeout`. mysql2 then rejects the query but leaves it the
 *   connection's current command, so the connection would go back to the pool with every later
 *   query queued behind the one the frozen server never answered: such a connection is destroyed
 *   instead, and the pool opens a fresh one when the server is back;
 * - row-lock waits end well before that (`innodb_lock_wait_timeout`, a third of the query timeout),
 *   so a transaction stuck behind another's locks fails with 1205, which TenantData.transaction()
 *   retries, rather than with a client timeout that cannot be retried safely;
 * - mysql2's pool queues a request for a connection without limit (it ignores `acquireTimeout`),
 *   so the wait for a free connection is bounded here; a connection handed out after the caller
 *   gave up goes straight back to the pool.
 */
export function boundDatabaseWaits(dataSource: DataSource, timeouts: DatabaseTimeouts): void {
  if (!['mysql', 'mariadb'].includes(dataSource.options.type)) return;
  const driver = dataSource.driver as unknown as MysqlDriverLike;
  const original = driver.obtainMasterConnection.bind(driver);
  const lockWaitSeconds = Math.max(1, Math.floor(timeouts.queryTimeoutMs / 3000));
  const obtain = async () => {
    const connection = (await original()) as PooledConnection;
    if (!connection[BOUNDED]) {
      boundQueries(connection, timeouts.queryTimeoutMs);
      try {
        await runQuery(connection, `SET SESSION innodb_lock_wait_timeout = ${lockWaitSeconds}`);
      } catch (error) {
        connection.release?.();
        throw error;
      }
    }
    return connection;
  };
  driver.obtainMasterConnection = () =>
    new Promise((resolve, reject) => {
      let gaveUp = false;
      const timer = setTimeout(() => {
        gaveUp = true;
        reject(
          Object.assign(new Error(`No database connection became free within ${timeouts.poolAcquireTimeoutMs} ms`), {
            code: 'DATABASE_ACQUIRE_TIMEOUT',
          }),
        );
      }, timeouts.poolAcquireTimeoutMs);
      obtain().then(
        (connection) => {
          clearTimeout(timer);
          if (!gaveUp) return resolve(connection);
          connection.release?.();
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (!gaveUp) reject(error);
        },
      );
    });
}

/**
 * Both ways of running SQL get the query timeout: `query`, and `execute` for prepared reads
 * (core/database/prepared-read.ts). mysql2 times a query itself, but a prepared statement runs as
 * two commands, prepare then execute, and it times only the second: on a frozen server the
 * prepare would wait forever. So a run with a callback is also timed here, whole. When time is up
 * the connection is destroyed (the command cannot be taken back; the next query would queue
 * behind it) and the caller gets mysql2's timeout error, once.
 */
function boundQueries(connection: PooledConnection, timeoutMs: number): void {
  connection[BOUNDED] = true;
  connection.query = withTimeout(connection, connection.query.bind(connection), timeoutMs);
  connection.execute = withTimeout(connection, connection.execute.bind(connection), timeoutMs);
}

function withTimeout(
  connection: PooledConnection,
  run: (...args: unknown[]) => unknown,
  timeoutMs: number,
): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    if (typeof args[0] === 'string') args[0] = { sql: args[0], timeout: timeoutMs };
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback !== 'function') return run(...args);
    let answered = false;
    const answer: QueryCallback = (error, ...results) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      if (error?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
      (callback as QueryCallback)(error, ...results);
    };
    const timer = setTimeout(
      () => answer(Object.assign(new Error('Query inactivity timeout'), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' })),
      timeoutMs,
    );
    args[last] = answer;
    return run(...args);
  };
}

function runQuery(connection: PooledConnection, sql: string): Promise<void> {
  return new Promise((resolve, reject) =>
    connection.query(sql, (error: unknown) => (error ? reject(error as Error) : resolve())),
  );
}
