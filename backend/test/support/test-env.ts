import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';

/**
 * Which real services the integration tests use. The harness (not the application) reads these:
 *   TEST_DATABASE=sqlite|mariadb|mysql  (default sqlite: a fresh file per app)
 *   TEST_MYSQL_HOST/PORT/USER/PASSWORD  (defaults 127.0.0.1:3306 atrium/atrium)
 *   TEST_REDIS_URL                      (when set: Bull jobs and Redis rate limits)
 */
const env = process.env;
export const TEST_DATABASE = (env['TEST_DATABASE'] ?? 'sqlite') as 'sqlite' | 'mariadb' | 'mysql';
export const TEST_REDIS_URL = env['TEST_REDIS_URL'] || null;

const mysqlServer = {
  host: env['TEST_MYSQL_HOST'] ?? '127.0.0.1',
  port: Number(env['TEST_MYSQL_PORT'] ?? 3306),
  user: env['TEST_MYSQL_USER'] ?? 'atrium',
  password: env['TEST_MYSQL_PASSWORD'] ?? 'atrium',
};

/** A fresh, empty database for one application under test. */
export async function freshDatabaseEnv(): Promise<Record<string, string>> {
  if (TEST_DATABASE === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-it-'));
    return {
      DATABASE_TYPE: 'sqlite',
      DATABASE_PATH: join(dir, 'atrium.sqlite'),
    };
  }
  const name = `atrium_it_${randomBytes(6).toString('hex')}`;
  const connection = await createConnection(mysqlServer);
  await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  return {
    DATABASE_TYPE: TEST_DATABASE,
    DATABASE_HOST: mysqlServer.host,
    DATABASE_PORT: String(mysqlServer.port),
    DATABASE_USER: mysqlServer.user,
    DATABASE_PASSWORD: mysqlServer.password,
    DATABASE_NAME: name,
  };
}

export async function dropDatabase(config: AppConfig): Promise<void> {
  if (config.database.type === 'sqlite') return;
  const connection = await createConnection(mysqlServer);
  await connection.query(`DROP DATABASE IF EXISTS \`${config.database.database}\``);
  await connection.end();
}

/** One self-signed sealing certificate per test worker (made on first use), never in the repository's data/. */
let signingDir: string | null = null;

export async function testConfig(overrides: Record<string, string> = {}): Promise<AppConfig> {
  return loadConfig({
    NODE_ENV: 'test',
    APP_URL: 'https://portal.atrium.test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'error',
    MEDIA_DIR: mkdtempSync(join(tmpdir(), 'atrium-media-')),
    SIGNING_DIR: (signingDir ??= mkdtempSync(join(tmpdir(), 'atrium-signing-'))),
    ...(TEST_REDIS_URL ? { REDIS_URL: TEST_REDIS_URL } : {}),
    ...(await freshDatabaseEnv()),
    ...overrides,
  });
}
