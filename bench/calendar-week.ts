/**
 * Portal calendar week query at 10 thousand and 1 million posts (SPEC §8, issue 4).
 *
 *   npm run bench:calendar                                   # SQLite (temporary file)
 *   DATABASE_TYPE=mariadb DATABASE_PASSWORD=atrium npm run bench:calendar
 *   BENCH_SIZES=10000,100000 npm run bench:calendar
 *
 * The database settings come from the same variables as the server (DATABASE_TYPE, DATABASE_HOST,
 * DATABASE_PORT, DATABASE_USER, DATABASE_PASSWORD, DATABASE_NAME); on MySQL/MariaDB each size runs
 * in its own throwaway database, dropped afterwards. BENCH_RUNS sets the timed queries per size.
 *
 * Each size gets a fresh database with the real migrations. The posts are spread over 200 clients
 * and as many days as the size needs, so every client-week holds about the same number of posts
 * (~14) at every size: what grows is the table, which is exactly what the index must make
 * irrelevant. It then times the portal's own query function (portalCalendarWeek) for one client's
 * week and prints the latencies and the ratio between the largest and the smallest size.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager } from 'typeorm';
import type { DatabaseConfig } from '../backend/src/config/app-config';
import { buildDataSourceOptions } from '../backend/src/core/database/data-source-options';
import { ENTITIES } from '../backend/src/entities';
import { TenantDataAccess } from '../backend/src/core/tenancy/tenant-data';
import { clientScope } from '../backend/src/core/tenancy/tenant-scope';
import { portalCalendarWeek } from '../backend/src/modules/posts/portal-calendar';
import { benchDialect, createThrowawayDatabase, throwawaySqliteFile } from './bench-database';

const CLIENTS = 200;
const POSTS_PER_CLIENT_PER_DAY = 2;
const RUNS = Math.max(20, Number(process.env['BENCH_RUNS'] ?? 200));
const WARMUP = 20;
const BATCH = 500;
const DAY_MS = 86_400_000;
const sizes = (process.env['BENCH_SIZES'] ?? '10000,1000000').split(',').map(Number);
const dialect = benchDialect();

async function main(): Promise<void> {
  console.log(
    `Portal calendar week query — ${dialect}, ${CLIENTS} clients, ~${POSTS_PER_CLIENT_PER_DAY * 7} posts per client-week`,
  );
  const results: Array<{ size: number; p50: number; p95: number; mean: number; rows: number }> = [];
  for (const size of sizes) {
    const { config, cleanup } = await freshDatabase();
    const db = new DataSource(buildDataSourceOptions(config, ENTITIES));
    await db.initialize();
    await db.runMigrations();
    try {
      const started = performance.now();
      const world = await seed(db, size);
      console.log(
        `  seeded ${size.toLocaleString('en')} posts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      const timings: number[] = [];
      let rows = 0;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const clientId = world.clients[i % CLIENTS];
        const t0 = performance.now();
        const week = await portalCalendarWeek(
          new TenantDataAccess(db.manager),
          clientScope(world.agencyId, clientId, ['calendar.view']),
          world.weekFrom,
          world.weekTo,
        );
        const elapsed = performance.now() - t0;
        if (i >= WARMUP) {
          timings.push(elapsed);
          rows += week.items.length;
        }
      }
      timings.sort((a, b) => a - b);
      const result = {
        size,
        p50: timings[Math.floor(RUNS * 0.5)],
        p95: timings[Math.floor(RUNS * 0.95)],
        mean: timings.reduce((a, b) => a + b, 0) / RUNS,
        rows: rows / RUNS,
      };
      results.push(result);
      console.log(
        `  ${size.toLocaleString('en').padStart(9)} posts: p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms, mean ${result.mean.toFixed(2)} ms, ${result.rows.toFixed(0)} posts per week`,
      );
      await explain(db, world);
    } finally {
      await db.destroy();
      await cleanup();
    }
  }
  if (results.length >= 2) {
    const [small, large] = [results[0], results[results.length - 1]];
    const ratio = large.p50 / small.p50;
    console.log(
      `Ratio ${large.size.toLocaleString('en')} / ${small.size.toLocaleString('en')} (p50): ${ratio.toFixed(2)}x for ${(large.size / small.size).toFixed(0)}x the posts ${ratio < 2 ? '(nearly flat: index-backed)' : '(NOT flat: check the index)'}`,
    );
    console.log(
      `Ratio ${large.size.toLocaleString('en')} / ${small.size.toLocaleString('en')} (p95): ${(large.p95 / small.p95).toFixed(2)}x`,
    );
  }
}

interface World {
  agencyId: string;
  clients: string[];
  weekFrom: Date;
  weekTo: Date;
}

async function seed(db: DataSource, size: number): Promise<World> {
  const agencyId = randomUUID();
  const now = new Date();
  await insert(
    db,
    'agencies',
    ['id', 'createdAt', 'updatedAt', 'name', 'slug', 'plan', 'status'],
    [[agencyId, now, now, 'Bench agency', `bench-${agencyId.slice(0, 8)}`, 'full', 'active']],
  );
  const clients = Array.from({ length: CLIENTS }, () => randomUUID());
  await insert(
    db,
    'clients',
    ['id', 'createdAt', 'updatedAt', 'agencyId', 'name', 'permissions', 'deletedAt'],
    clients.map((id, i) => [id, now, now, agencyId, `Client ${i}`, '["calendar.view"]', null]),
  );
  const accounts = clients.map(() => randomUUID());
  await insert(
    db,
    'social_accounts',
    [
      'id',
      'createdAt',
      'updatedAt',
      'agencyId',
      'clientId',
      'provider',
      'externalId',
      'displayName',
      'status',
      'scopes',
      'tokenVersion',
      'connectedVia',
    ],
    accounts.map((id, i) => [
      id,
      now,
      now,
      agencyId,
      clients[i],
      'local',
      `ext-${i}`,
      `Account ${i}`,
      'active',
      '[]',
      0,
      'agency',
    ]),
  );
  // Spread posts over as many days as needed for a constant density per client and day.
  const days = Math.max(21, Math.ceil(size / (CLIENTS * POSTS_PER_CLIENT_PER_DAY)));
  const start = Date.UTC(2026, 0, 5);
  const text = 'Bench post: ' + randomBytes(60).toString('base64');
  // One transaction per 50 batches: SQLite would otherwise sync to disk after every statement.
  // Every insert of a batch goes through that transaction's manager: on MariaDB a statement on the
  // data source takes another pooled connection and waits on the transaction's locks until timeout.
  for (let chunk = 0; chunk < size; chunk += BATCH * 50) {
    await db.transaction(async (manager) => {
      for (let offset = chunk; offset < Math.min(size, chunk + BATCH * 50); offset += BATCH) {
        await seedBatch(manager, offset);
      }
    });
  }
  const middle = start + Math.floor(days / 2) * DAY_MS;
  return { agencyId, clients, weekFrom: new Date(middle), weekTo: new Date(middle + 7 * DAY_MS) };

  async function seedBatch(manager: EntityManager, offset: number): Promise<void> {
    const posts: unknown[][] = [];
    const targets: unknown[][] = [];
    for (let i = offset; i < Math.min(size, offset + BATCH); i++) {
      const client = i % CLIENTS;
      const at = new Date(start + Math.floor((i / size) * days * DAY_MS) + (i % 97) * 60_000);
      const postId = randomUUID();
      const published = at.getTime() < now.getTime();
      posts.push([
        postId,
        now,
        now,
        agencyId,
        clients[client],
        text,
        published ? 'published' : 'scheduled',
        at,
        published ? at : null,
      ]);
      targets.push([
        randomUUID(),
        now,
        now,
        postId,
        agencyId,
        clients[client],
        accounts[client],
        published ? 'published' : 'pending',
        at,
        0,
      ]);
    }
    await insert(
      manager,
      'posts',
      ['id', 'createdAt', 'updatedAt', 'agencyId', 'clientId', 'text', 'status', 'scheduledAt', 'publishedAt'],
      posts,
    );
    await insert(
      manager,
      'post_targets',
      [
        'id',
        'createdAt',
        'updatedAt',
        'postId',
        'agencyId',
        'clientId',
        'socialAccountId',
        'state',
        'scheduledAt',
        'attempts',
      ],
      targets,
    );
  }
}

async function insert(
  db: DataSource | EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const quote = (name: string) => (dialect === 'sqlite' ? `"${name}"` : `\`${name}\``);
  const placeholders = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
  const values = rows
    .flat()
    .map((value) => (value instanceof Date && dialect === 'sqlite' ? sqliteDate(value) : value));
  await db.query(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${placeholders}`, values);
}

/** The format TypeORM stores SQLite datetimes in (UTC). */
function sqliteDate(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

async function explain(db: DataSource, world: World): Promise<void> {
  const [sql, params] = db
    .createQueryBuilder()
    .select('t.id')
    .from('post_targets', 't')
    .where('t.clientId = :clientId', { clientId: world.clients[0] })
    .andWhere('t.scheduledAt >= :from AND t.scheduledAt < :to', { from: world.weekFrom, to: world.weekTo })
    .getQueryAndParameters();
  const plan = (await db.query(`${dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${sql}`, params)) as Array<
    Record<string, unknown>
  >;
  const line = plan.map((row) => (dialect === 'sqlite' ? row['detail'] : `${row['type']} ${row['key']}`)).join('; ');
  console.log(`    plan: ${line}`);
}

async function freshDatabase(): Promise<{ config: DatabaseConfig; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const file = throwawaySqliteFile();
    return { config: { type: 'sqlite', path: file.path }, cleanup: file.drop };
  }
  const database = await createThrowawayDatabase();
  return {
    config: {
      type: dialect,
      host: database.server.host,
      port: database.server.port,
      username: database.server.user,
      password: database.server.password,
      database: database.name,
      // Generous bounds: a large seed batch is slow on a busy machine, and a bench should not fail on it.
      connectTimeoutMs: 10_000,
      queryTimeoutMs: 120_000,
      poolAcquireTimeoutMs: 30_000,
    },
    cleanup: database.drop,
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
