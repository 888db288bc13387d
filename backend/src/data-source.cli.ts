/**
 * Data source for the TypeORM CLI (migration:generate / migration:run), used by
 * `npm run migration:generate`. Reads the same configuration as the server.
 */
import { DataSource } from 'typeorm';
import { loadConfig } from './config/load-config';
import { buildDataSourceOptions } from './core/database/data-source-options';
import { ENTITIES } from './entities';

export default new DataSource(buildDataSourceOptions(loadConfig(process.env).database, ENTITIES));
