import type { DataSource, EntityManager } from 'typeorm';

/**
 * better-sqlite3 gives TypeORM one connection per database, so two transactions started at the
 * same time in this process (two requests, or the publisher's parallel jobs) would nest on it and
 * SQLite refuses: "cannot start a transaction within a transaction". On SQLite, transactions of
 * one process therefore take turns. (Single statements outside transactions still share the
 * connection; that is the embedded default's trade-off.) MySQL/MariaDB have a pool.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const manager = dataSource.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let queue: Promise<unknown> = Promise.resolve();
  // Nested work uses the transaction's own manager, which is not queued; never call
  // dataSource.transaction() from inside a transaction (it would wait for itself).
  (manager as { transaction: EntityManager['transaction'] }).transaction = ((...args: unknown[]) => {
    const run = queue.then(
      () => original(...args),
      () => original(...args),
    );
    queue = run.catch(() => undefined);
    return run;
  }) as EntityManager['transaction'];
}
