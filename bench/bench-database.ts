/**
 * Database settings for the benchmarks, read from the same variables as the server
 * (DATABASE_TYPE/HOST/PORT/USER/PASSWORD/NAME, see backend/src/config/load-config.ts), so a bench
 * runs against whatever the server would use. Each run gets its own throwaway database (named after
 * DATABASE_NAME) and drops it afterwards: a bench never writes into a real one.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';

export type BenchDialect = 'sqlite' | 'mysql' | 'mariadb';

export interface BenchServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function benchDialect(env: NodeJS.ProcessEnv = process.env): BenchDialect {
  // BENCH_DATABASE is the older name, kept so existing command lines still work.
  const value = env['DATABASE_TYPE'] ?? env['BENCH_DATABASE'] ?? 'sqlite';
  if (value !== 'sqlite' && value !== 'mysql' && value !== 'mariadb') {
    throw new Error(`DATABASE_TYPE must be sqlite, mysql or mariadb (got "${value}")`);
  }
  return value;
}

export function benchServer(env: NodeJS.ProcessEnv = process.env): BenchServer {
  const port = Number(env['DATABASE_PORT'] ?? 3306);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`DATABASE_PORT must be a port number (got "${env['DATABASE_PORT']}")`);
  }
  return {
    host: env['DATABASE_HOST'] ?? '127.0.0.1',
    port,
    user: env['DATABASE_USER'] ?? env['BENCH_MYSQL_USER'] ?? 'atrium',
    password: env['DATABASE_PASSWORD'] ?? env['BENCH_MYSQL_PASSWORD'] ?? '',
  };
}

/** A connection to DATABASE_NAME on the server the variables name, dates in UTC as the server reads them. */
export function connectToBenchDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Connection> {
  return createConnection({ ...benchServer(env), database: env['DATABASE_NAME'], timezone: 'Z' });
}

export interface ThrowawayDatabase {
  name: string;
  server: BenchServer;
  drop: () => Promise<void>;
}

/** Creates an empty database on the configured MySQL/MariaDB server; `drop()` removes it. */
export async function createThrowawayDatabase(env: NodeJS.ProcessEnv = process.env): Promise<ThrowawayDatabase> {
  const server = benchServer(env);
  const prefix = (env['DATABASE_NAME'] ?? 'atrium').replace(/[^A-Za-z0-9_]/g, '_');
  const name = `${prefix}_bench_${randomBytes(4).toString('hex')}`;
  const connection = await createConnection(server);
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  return {
    name,
    server,
    drop: async () => {
      const c = await createConnection(server);
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

/** A temporary SQLite file for the SQLite variant of a bench. */
export function throwawaySqliteFile(): { path: string; drop: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-'));
  return { path: join(dir, 'bench.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
