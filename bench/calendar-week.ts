/**
 * Portal calendar week query at 10 thousand and 1 million posts (SPEC §8, issues 4 and 13).
 *
 *   npm run bench:calendar                                   # SQLite (temporary file)
 *   DATABASE_TYPE=mariadb DATABASE_PASSWORD=atrium BENCH_BUFFER_POOL=1G npm run bench:calendar
 *   BENCH_SIZES=10000,100000 npm run bench:calendar
 *
 * The database settings come from the same variables as the server (DATABASE_TYPE, DATABASE_HOST,
 * DATABASE_PORT, DATABASE_USER, DATABASE_PASSWORD, DATABASE_NAME); on MySQL/MariaDB each size runs
 * in its own throwaway database, dropped afterwards. BENCH_RUNS sets the timed queries per size;
 * BENCH_BUFFER_POOL sets innodb_buffer_pool_size for the run (the README's recommendation is what
 * the goal is measured with) and puts the server's own value back afterwards.
 *
 * Each size gets a fresh database with the real migrations, seeded like a live installation: 20
 * agencies with 10 clients each, posts written in time order (random UUIDv4 keys, as the
 * application makes them), history behind the current week and a week and a half scheduled ahead,
 * published posts with their links. Every client-week holds about the same number of posts (~14)
 * at every size: what grows is the history, which is exactly what the index must make irrelevant.
 *
 * The sizes are seeded largest first (the small database then sits in the buffer pool, as it
 * would), and timed in interleaved rounds, so the machine's other work falls on both alike. Each
 * timed query is the portal's own function (portalCalendarWeek) for the current week of the next
 * client. Per size it prints p50/p95, the plan of the query the function sent, and on MariaDB the
 * pages it touched per table (ANALYZE FORMAT=JSON); then p95 at the largest size ÷ p95 at the
 * smallest, with the buffer pool it ran with. The agency calendar's week query (PostsService.list)
 * gets its plan and timings too.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager, type Logger } from 'typeorm';
import type { DatabaseConfig } from '../backend/src/config/app-config';
import { buildDataSourceOptions } from '../backend/src/core/database/data-source-options';
import { ENTITIES } from '../backend/src/entities';
import { TenantDataAccess } from '../backend/src/core/tenancy/tenant-data';
import { agencyScope, clientScope } from '../backend/src/core/tenancy/tenant-scope';
import { Post } from '../backend/src/modules/posts/entities/post.entity';
import { portalCalendarWeek } from '../backend/src/modules/posts/portal-calendar';
import { benchDialect, benchServer, createThrowawayDatabase, throwawaySqliteFile } from './bench-database';
import { mb, takeBufferPool, type BufferPool } from './buffer-pool';

const AGENCIES = 20;
const CLIENTS = 200;
const POSTS_PER_CLIENT_PER_DAY = 2;
/** Five passes over the clients by default: p95 of a thousand queries is steady from run to run. */
const RUNS = Math.max(20, Number(process.env['BENCH_RUNS'] ?? 1000));
/** Agency weeks: one warm-up round over the agencies, then this many timed per size. */
const AGENCY_RUNS = 100;
const WARMUP = 20;
const BATCH = 500;
const DAY_MS = 86_400_000;
/** How long to wait at most for the server to write out what the seeding left in memory. */
const SETTLE_MS = 180_000;
/** The goal of issue 13: p95 at 1 M posts at most 1.3 times p95 at 10 thousand. */
const GOAL = 1.3;
const sizes = [...new Set((process.env['BENCH_SIZES'] ?? '10000,1000000').split(',').map(Number))].sort(
  (a, b) => a - b,
);
const dialect = benchDialect();

interface Sized {
  size: number;
  db: DataSource;
  capture: CaptureLogger;
  world: World;
  timings: number[];
  agencyTimings: number[];
  rows: number;
  close: () => Promise<void>;
}

async function main(): Promise<void> {
  console.log(
    `Portal calendar week query — ${dialect}, ${AGENCIES} agencies, ${CLIENTS} clients, ~${POSTS_PER_CLIENT_PER_DAY * 7} posts per client-week`,
  );
  const pool = dialect === 'sqlite' ? null : await takeBufferPool(benchServer(), process.env['BENCH_BUFFER_POOL']);
  const prepared: Sized[] = [];
  try {
    if (pool) console.log(`  InnoDB buffer pool: ${mb(await pool.inEffect())} (${pool.describe()})`);
    for (const size of [...sizes].reverse()) prepared.push(await prepare(size));
    prepared.reverse();
    if (dialect !== 'sqlite') await settle(prepared[0].db);
    console.log(
      `  load average before timing: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')} (${cpus().length} cores)`,
    );
    const poolReads = dialect === 'sqlite' ? null : await serverCounter(prepared[0].db, 'Innodb_buffer_pool_reads');
    await timePortalWeeks(prepared);
    const readsDuring =
      poolReads === null ? null : (await serverCounter(prepared[0].db, 'Innodb_buffer_pool_reads')) - poolReads;
    console.log(
      `  timed ${RUNS} portal weeks per size (after ${WARMUP} warm-up), interleaved${
        readsDuring === null
          ? ''
          : `; pages read from disk meanwhile (whole server): ${readsDuring.toLocaleString('en')}`
      }`,
    );
    for (const sized of prepared) await reportPortal(sized);
    await timeAgencyWeeks(prepared);
    for (const sized of prepared) await reportAgency(sized);
    if (prepared.length >= 2) await reportRatio(prepared, pool);
  } finally {
    for (const sized of prepared) await sized.close();
    await pool?.restore();
  }
}

async function prepare(size: number): Promise<Sized> {
  const { config, cleanup } = await freshDatabase();
  const capture = new CaptureLogger();
  const db = new DataSource({ ...buildDataSourceOptions(config, ENTITIES), logger: capture });
  await db.initialize();
  const close = async () => {
    if (db.isInitialized) await db.destroy();
    await cleanup();
  };
  try {
    await db.runMigrations();
    const started = performance.now();
    const world = await seed(db, size);
    // Fresh statistics, as a live table has them (InnoDB recalculates them as a table grows).
    if (dialect !== 'sqlite') await db.query('ANALYZE TABLE `posts`, `post_targets`, `social_accounts`');
    console.log(
      `  seeded ${size.toLocaleString('en').padStart(9)} posts in ${((performance.now() - started) / 1000).toFixed(1)} s${await tableSizes(db)}`,
    );
    return { size, db, capture, world, timings: [], agencyTimings: [], rows: 0, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** One query per size and round, alternating which size goes first; each round asks for the next client. */
async function timePortalWeeks(prepared: Sized[]): Promise<void> {
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const sized of i % 2 === 0 ? prepared : [...prepared].reverse()) {
      const { world } = sized;
      const client = i % CLIENTS;
      const t0 = performance.now();
      const week = await portalCalendarWeek(
        new TenantDataAccess(sized.db.manager),
        clientScope(world.agencies[client % AGENCIES], world.clients[client], ['calendar.view']),
        world.weekFrom,
        world.weekTo,
      );
      const elapsed = performance.now() - t0;
      if (i >= WARMUP) {
        sized.timings.push(elapsed);
        sized.rows += week.items.length;
      }
    }
  }
}

/** The agency calendar's week (the posts query of PostsService.list), after the portal's timings. */
async function timeAgencyWeeks(prepared: Sized[]): Promise<void> {
  for (let i = 0; i < AGENCIES + AGENCY_RUNS; i++) {
    for (const sized of i % 2 === 0 ? prepared : [...prepared].reverse()) {
      const t0 = performance.now();
      await agencyCalendarPosts(sized.db, sized.world, sized.world.agencies[i % AGENCIES]);
      if (i >= AGENCIES) sized.agencyTimings.push(performance.now() - t0);
    }
  }
}

/**
 * The same query as PostsService.list builds for an agency's week (copied: the service needs the
 * whole application around it). `clientId` narrows it the way the calendar's client filter does.
 */
function agencyCalendarPosts(db: DataSource, world: World, agencyId: string, clientId?: string): Promise<Post[]> {
  return new TenantDataAccess(db.manager)
    .query(agencyScope(agencyId), Post, 'p')
    .where('p.scheduledAt >= :from AND p.scheduledAt < :to', { from: world.weekFrom, to: world.weekTo })
    .andWhere(clientId ? 'p.clientId = :clientId' : '1=1', { clientId })
    .andWhere('1=1')
    .orderBy('p.scheduledAt', 'ASC')
    .getMany();
}

async function reportPortal(sized: Sized): Promise<void> {
  const { size, timings, world, db } = sized;
  const stats = summarize(timings);
  console.log(
    `  ${size.toLocaleString('en').padStart(9)} posts: p50 ${stats.p50.toFixed(2)} ms, p95 ${stats.p95.toFixed(2)} ms, mean ${stats.mean.toFixed(2)} ms, ${(sized.rows / timings.length).toFixed(0)} posts per week`,
  );
  const query = await sized.capture.lastSelect(() =>
    portalCalendarWeek(
      new TenantDataAccess(db.manager),
      clientScope(world.agencies[0], world.clients[0], ['calendar.view']),
      world.weekFrom,
      world.weekTo,
    ),
  );
  await printPlan(db, query);
}

async function reportAgency(sized: Sized): Promise<void> {
  const { size, world, db } = sized;
  const stats = summarize(sized.agencyTimings);
  console.log(
    `  agency calendar week, ${size.toLocaleString('en')} posts: p50 ${stats.p50.toFixed(2)} ms, p95 ${stats.p95.toFixed(2)} ms (posts query of PostsService.list, ~${(CLIENTS / AGENCIES) * POSTS_PER_CLIENT_PER_DAY * 7} posts)`,
  );
  await printPlan(db, await sized.capture.lastSelect(() => agencyCalendarPosts(db, world, world.agencies[0])));
  console.log('    with its client filter:');
  await printPlan(
    db,
    await sized.capture.lastSelect(() => agencyCalendarPosts(db, world, world.agencies[0], world.clients[0])),
  );
}

async function reportRatio(prepared: Sized[], pool: BufferPool | null): Promise<void> {
  const [small, large] = [prepared[0], prepared[prepared.length - 1]];
  const a = summarize(small.timings);
  const b = summarize(large.timings);
  const label = `${large.size.toLocaleString('en')} / ${small.size.toLocaleString('en')} posts`;
  const p95 = b.p95 / a.p95;
  console.log(`Ratio ${label} (p50): ${(b.p50 / a.p50).toFixed(2)}x`);
  console.log(
    `Ratio ${label} (p95): ${p95.toFixed(2)}x — goal ≤ ${GOAL}: ${p95 <= GOAL ? 'met' : 'NOT met'}` +
      (pool ? `, with a ${mb(await pool.inEffect())} InnoDB buffer pool` : ''),
  );
}

function summarize(timings: number[]): { p50: number; p95: number; mean: number } {
  const sorted = [...timings].sort((x, y) => x - y);
  return {
    p50: sorted[Math.floor(sorted.length * 0.5)],
    p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))],
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

interface World {
  agencies: string[];
  /** Client i belongs to agency i % AGENCIES. */
  clients: string[];
  weekFrom: Date;
  weekTo: Date;
}

async function seed(db: DataSource, size: number): Promise<World> {
  const now = new Date();
  const agencies = Array.from({ length: AGENCIES }, () => randomUUID());
  await insert(
    db,
    'agencies',
    ['id', 'createdAt', 'updatedAt', 'name', 'slug', 'plan', 'status'],
    agencies.map((id, i) => [id, now, now, `Bench agency ${i}`, `bench-${id.slice(0, 8)}`, 'full', 'active']),
  );
  const clients = Array.from({ length: CLIENTS }, () => randomUUID());
  const agencyOf = (client: number) => agencies[client % AGENCIES];
  await insert(
    db,
    'clients',
    ['id', 'createdAt', 'updatedAt', 'agencyId', 'name', 'permissions', 'deletedAt'],
    clients.map((id, i) => [id, now, now, agencyOf(i), `Client ${i}`, '["calendar.view"]', null]),
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
      'handle',
      'status',
      'scopes',
      'tokenVersion',
      'connectedVia',
    ],
    accounts.map((id, i) => [
      id,
      now,
      now,
      agencyOf(i),
      clients[i],
      'local',
      `ext-${i}`,
      `Account ${i}`,
      `account${i}`,
      'active',
      '[]',
      0,
      'agency',
    ]),
  );
  // History up to today and a week and a half ahead, as many days as the size needs for a constant
  // density per client and day; the measured week is the current one, half published, half ahead.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Math.max(25, Math.ceil(size / (CLIENTS * POSTS_PER_CLIENT_PER_DAY)));
  const end = today + 11 * DAY_MS;
  const start = end - days * DAY_MS;
  // Post texts of 80 to 520 characters (300 on average), like the captions people schedule.
  const words = randomBytes(400).toString('base64');
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
  return { agencies, clients, weekFrom: new Date(today - 3 * DAY_MS), weekTo: new Date(today + 4 * DAY_MS) };

  async function seedBatch(manager: EntityManager, offset: number): Promise<void> {
    const posts: unknown[][] = [];
    const targets: unknown[][] = [];
    for (let i = offset; i < Math.min(size, offset + BATCH); i++) {
      const client = i % CLIENTS;
      const at = new Date(start + Math.floor((i / size) * days * DAY_MS) + (i % 97) * 60_000);
      const postId = randomUUID();
      const published = at.getTime() < now.getTime();
      const text = `Bench post ${i}: ${words.slice(0, 80 + ((i * 7919) % 441))}`;
      posts.push([
        postId,
        now,
        now,
        agencyOf(client),
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
        agencyOf(client),
        clients[client],
        accounts[client],
        published ? 'published' : 'pending',
        at,
        0,
        published ? `https://social.example/@account${client}/${postId.slice(0, 18)}` : null,
        published ? at : null,
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
        'externalUrl',
        'publishedAt',
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

interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

/** Remembers the SELECTs TypeORM sends while asked to, so the bench explains the real query. */
class CaptureLogger implements Logger {
  private captured: CapturedQuery[] | null = null;

  async lastSelect(run: () => Promise<unknown>): Promise<CapturedQuery | null> {
    this.captured = [];
    try {
      await run();
      return this.captured.filter((query) => /^\s*select/i.test(query.sql)).pop() ?? null;
    } finally {
      this.captured = null;
    }
  }

  logQuery(sql: string, parameters?: unknown[]): void {
    this.captured?.push({ sql, parameters: parameters ?? [] });
  }
  logQueryError(): void {
    // Errors reach the bench as exceptions; the bench prints its own output.
  }
  logQuerySlow(): void {
    // The bench times queries itself.
  }
  logSchemaBuild(): void {
    // Not used: the schema comes from the migrations.
  }
  logMigration(): void {
    // Migrations run silently.
  }
  log(): void {
    // Nothing else to print.
  }
}

/**
 * The plan of the query: per table its access and index, and whether the index alone answers
 * (covering). On MariaDB also what ANALYZE measured: rows, pages touched and pages read from disk.
 */
async function printPlan(db: DataSource, query: CapturedQuery | null): Promise<void> {
  if (!query) {
    console.log('    plan: (the query was not sent through TypeORM, so it could not be captured)');
    return;
  }
  if (dialect === 'sqlite') {
    const plan = (await db.query(`EXPLAIN QUERY PLAN ${query.sql}`, query.parameters)) as Array<{ detail: string }>;
    console.log(`    plan: ${plan.map((row) => row.detail).join('; ')}`);
    return;
  }
  const plan = (await db.query(`EXPLAIN ${query.sql}`, query.parameters)) as Array<Record<string, unknown>>;
  for (const row of plan) {
    console.log(
      `    plan: ${row['table']} ${row['type']} ${row['key'] ?? '-'} rows ${row['rows']} (${row['Extra'] ?? ''})`,
    );
  }
  const version = (await db.query('SELECT VERSION() AS v')) as Array<{ v: string }>;
  if (!/mariadb/i.test(version[0].v)) return;
  const [analyzed] = (await db.query(`ANALYZE FORMAT=JSON ${query.sql}`, query.parameters)) as Array<
    Record<string, string>
  >;
  const tree = JSON.parse(Object.values(analyzed)[0]) as { query_block: { r_total_time_ms?: number } };
  const tables = collectTables(tree).map((table) => {
    const stats = (table['r_engine_stats'] ?? {}) as Record<string, number>;
    return `${table['table_name']} ${Number(table['r_rows'] ?? 0) * Number(table['r_loops'] ?? 1)} rows, ${
      stats['pages_accessed'] ?? 0
    } pages (${stats['pages_read_count'] ?? 0} from disk)`;
  });
  console.log(`    analyze: ${tables.join('; ')}; ${tree.query_block.r_total_time_ms?.toFixed(2)} ms in the server`);
}

function collectTables(node: unknown, found: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) {
    for (const item of node) collectTables(item, found);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'table' && value && typeof value === 'object' && 'table_name' in value) {
        found.push(value as Record<string, unknown>);
      }
      collectTables(value, found);
    }
  }
  return found;
}

/**
 * A live server is not in the state bulk-loading a million rows leaves it in: wait (bounded) until
 * the pages the seeding changed are written out, so the timings do not include that disk work.
 */
async function settle(db: DataSource): Promise<void> {
  const started = performance.now();
  const total = await serverCounter(db, 'Innodb_buffer_pool_pages_total');
  let dirty = await serverCounter(db, 'Innodb_buffer_pool_pages_dirty');
  while (dirty > total * 0.01 && performance.now() - started < SETTLE_MS) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    dirty = await serverCounter(db, 'Innodb_buffer_pool_pages_dirty');
  }
  console.log(
    `  waited ${((performance.now() - started) / 1000).toFixed(0)} s for the seeding's changes to be written; ${dirty.toLocaleString('en')} of ${total.toLocaleString('en')} buffer pool pages still to write`,
  );
}

async function serverCounter(db: DataSource, name: string): Promise<number> {
  const rows = (await db.query('SHOW GLOBAL STATUS LIKE ?', [name])) as Array<{ Value: string }>;
  return Number(rows[0]?.Value ?? 0);
}

/** Data and index sizes of the two big tables, as the server reports them (MySQL/MariaDB). */
async function tableSizes(db: DataSource): Promise<string> {
  if (dialect === 'sqlite') return '';
  const rows = (await db.query(
    `SELECT table_name AS name, data_length AS data, index_length AS idx FROM information_schema.tables
      WHERE table_schema = DATABASE() AND table_name IN ('posts', 'post_targets') ORDER BY table_name DESC`,
  )) as Array<{ name: string; data: number; idx: number }>;
  return `; ${rows.map((row) => `${row.name} ${mb(Number(row.data))} + indexes ${mb(Number(row.idx))}`).join(', ')}`;
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
