import { QueryFailedError, type EntityManager } from 'typeorm';

interface PreparingConnection {
  execute: (sql: string, values: unknown[], callback: (error: Error | null, rows: unknown) => void) => void;
  release: () => void;
}
interface MysqlDriverLike {
  obtainMasterConnection: () => Promise<PreparingConnection>;
}

/**
 * Runs a hot read (the request context, a compiled portal query) as a prepared statement on
 * MySQL/MariaDB: the server parses and plans the text once per connection and each run sends only
 * the values, and the read skips TypeORM's per-query runner, events and error stack capture. On
 * the request path that is about a sixth of the server's CPU for GET /api/v1/me (bench:api), and
 * less work for the database server too.
 *
 * The connection comes from the same bounded pool as every query (core/database/connection-timeouts:
 * the acquire wait and the query timeout apply), and a failure is the same QueryFailedError, so a
 * database that is gone answers 503 as anywhere else. Inside a transaction, and on SQLite, the read
 * runs through the manager as usual.
 *
 * `values` must be scalars (strings, numbers, dates, null): a prepared statement has one placeholder
 * per value, so an IN list cannot be bound here, and the SQL must not depend on the values.
 */
export async function preparedRead<R>(manager: EntityManager, sql: string, values: readonly unknown[]): Promise<R[]> {
  const type = manager.connection.options.type;
  if (manager.queryRunner || (type !== 'mysql' && type !== 'mariadb')) {
    return (await manager.query(sql, [...values])) as R[];
  }
  const bound = [...values];
  // Logged as TypeORM logs its own queries (the query log, and tests that read what was sent).
  const logger = manager.connection.logger;
  logger.logQuery(sql, bound);
  const driver = manager.connection.driver as unknown as MysqlDriverLike;
  const connection = await driver.obtainMasterConnection();
  return new Promise<R[]>((resolve, reject) => {
    try {
      connection.execute(sql, bound, (error, rows) => {
        connection.release();
        if (!error) return resolve(rows as R[]);
        logger.logQueryError(error, sql, bound);
        reject(new QueryFailedError(sql, bound, error));
      });
    } catch (error) {
      // mysql2 refuses some values (undefined, a function) before it sends anything.
      connection.release();
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
