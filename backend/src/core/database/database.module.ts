import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { boundDatabaseWaits } from './connection-timeouts';
import { buildDataSourceOptions, EntityList } from './data-source-options';
import { serializeSqliteTransactions } from './sqlite-transactions';

@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => buildDataSourceOptions(config.database, entities),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('No database options');
            const dataSource = await new DataSource(options).initialize();
            serializeSqliteTransactions(dataSource);
            if (config.migrateOnStart) await runMigrations(dataSource);
            if (config.database.type !== 'sqlite') boundDatabaseWaits(dataSource, config.database);
            return dataSource;
          },
        }),
      ],
    };
  }
}

/**
 * Applies pending migrations; safe to call on every start (already-applied ones are skipped). On
 * MySQL/MariaDB a named lock makes instances that start together migrate one after the other.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const lock = dataSource.options.type === 'better-sqlite3' ? null : dataSource.createQueryRunner();
  try {
    if (lock) {
      await lock.connect();
      const [row] = (await lock.query("SELECT GET_LOCK('atrium_migrations', 300) AS taken")) as Array<{
        taken: number;
      }>;
      if (Number(row?.taken) !== 1) throw new Error('Timed out waiting for another instance to finish migrating');
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      new Logger('Database').log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    }
  } finally {
    if (lock) {
      await lock.query("SELECT RELEASE_LOCK('atrium_migrations')").catch(() => undefined);
      await lock.release();
    }
  }
}
