import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../config/app-config';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/** The entity classes the application registers (listed at the application root, `entities.ts`). */
export type EntityList = ReadonlyArray<new (...args: never[]) => object>;

/**
 * One place that turns configuration into TypeORM options for either dialect. `synchronize` is
 * never on: the schema only changes through the committed migrations of each dialect.
 */
export function buildDataSourceOptions(database: DatabaseConfig, entities: EntityList): DataSourceOptions {
  const common = {
    entities: [...entities],
    synchronize: false as const,
    migrationsRun: false as const,
    logging: false as const,
  };
  if (database.type === 'sqlite') {
    if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      migrations: SQLITE_MIGRATIONS,
      // WAL lets readers proceed while a write is in progress; foreign keys are off by default in SQLite.
      prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    type: database.type,
    host: database.host,
    port: database.port,
    username: database.username,
    password: database.password,
    database: database.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    migrations: MYSQL_MIGRATIONS,
    // TCP + handshake; the query and pool-acquire limits are applied once the migrations ran
    // (connection-timeouts.ts), since a migration may rightly take longer than a request.
    connectTimeout: database.connectTimeoutMs,
    extra: { connectionLimit: 10, connectTimeout: database.connectTimeoutMs },
  };
}
