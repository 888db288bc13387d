/**
 * Bulk login email for 1,000 client users (issue 13): the time from the agency's
 * POST /api/v1/client-users/login-emails with 1,000 selected users to the answer, by which every
 * email is in the outbox and its delivery job is enqueued. Goal: under 1 s.
 *
 *   npm run bench:login-emails                                 # MariaDB (throwaway database)
 *   DATABASE_TYPE=sqlite npm run bench:login-emails            # SQLite (temporary file)
 *   BENCH_USERS=200 BENCH_ROUNDS=3 npm run bench:login-emails
 *   BENCH_REDIS=none npm run bench:login-emails                # in-process queue, in-memory limits
 *
 * Runs the application in process (production mode, workers off: nothing is delivered, so the
 * queue only fills) on a throwaway database (MySQL/MariaDB settings from the server's DATABASE_*
 * variables, dropped afterwards) and, by default, on a private redis-server started on a free
 * loopback port for Bull and the rate limits. Each round mails a fresh set of users, so the
 * per-recipient limit (5 an hour) never skips anyone, and checks that every one of them got
 * exactly one outbox row and one delivery job.
 *
 * Beside each round it times a raw baseline in the same run: the same rows (token update and
 * insert, outbox, audit) written with plain multi-row INSERTs in one transaction, over mysql2 on
 * MySQL/MariaDB or better-sqlite3 on SQLite (no HTTP, no validation, no eligibility read, no
 * rate limits, no queue), and prints the ratio. Rounds alternate which goes first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getQueueToken } from '@nestjs/bull';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Database from 'better-sqlite3';
import type { Queue } from 'bull';
import type { Connection } from 'mysql2/promise';
import { DataSource, In } from 'typeorm';
import { loadConfig } from '../backend/src/config/load-config';
import { createApp } from '../backend/src/create-app';
import { JOBS } from '../backend/src/core/jobs/job-queue';
import { OutboxEmail } from '../backend/src/core/mail/outbox-email.entity';
import { AgencyMembership } from '../backend/src/core/tenancy/entities/agency-membership.entity';
import { Agency } from '../backend/src/core/tenancy/entities/agency.entity';
import { ClientMembership } from '../backend/src/core/tenancy/entities/client-membership.entity';
import { Client } from '../backend/src/core/tenancy/entities/client.entity';
import { User } from '../backend/src/core/tenancy/entities/user.entity';
import { PasswordService } from '../backend/src/modules/auth/password.service';
import {
  benchDialect,
  connectToBenchDatabase,
  createThrowawayDatabase,
  throwawaySqliteFile,
  type BenchDialect,
} from './bench-database';
import { freePort, positive, signIn, spread } from './bench-support';

const USERS = positive('BENCH_USERS', 1000);
const ROUNDS = positive('BENCH_ROUNDS', 5);
const GOAL_MS = 1000;
const OWNER = { email: 'owner@bench.test', password: 'a bench passphrase, long enough' };
/** Rows per raw multi-row INSERT: outbox rows carry ~5 kB of HTML each, far below max_allowed_packet. */
const RAW_ROWS_PER_INSERT = 250;

interface Round {
  atriumMs: number;
  rawMs: number;
}

async function main(): Promise<void> {
  const dialect = benchDialect({ ...process.env, DATABASE_TYPE: process.env['DATABASE_TYPE'] ?? 'mariadb' });
  const cleanups: Array<() => Promise<void> | void> = [];
  try {
    const database = await throwawayDatabase(dialect);
    cleanups.push(database.drop);
    const redis = await benchRedis();
    cleanups.push(redis.stop);
    const mediaDir = mkdtempSync(join(tmpdir(), 'atrium-bench-media-'));
    cleanups.push(() => rmSync(mediaDir, { recursive: true, force: true }));

    const config = loadConfig({
      NODE_ENV: 'production',
      APP_URL: 'https://portal.bench.test',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      // Required in production. Workers are off, so nothing connects to it: the jobs stay queued.
      SMTP_URL: 'smtp://127.0.0.1:2525',
      RUN_WORKERS: 'false',
      MEDIA_DIR: mediaDir,
      ...database.env,
      ...(redis.url ? { REDIS_URL: redis.url } : {}),
    });
    const app = await createApp(config);
    cleanups.unshift(() => app.close());
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as { port: number }).port;
    const db = app.get(DataSource);

    const world = await seed(db, ROUNDS + 1);
    const token = await signIn(port, OWNER);
    const raw = await rawWriter(dialect, database.env);
    cleanups.unshift(() => raw.close());

    console.log(
      `bench:login-emails — ${dialect}, ${redis.url ? 'Bull on a private Redis' : 'in-process queue, in-memory limits'}, ` +
        `${USERS.toLocaleString('en')} users per call, ${ROUNDS} rounds after a warm-up, loopback`,
    );
    const rounds: Round[] = [];
    let template: OutboxEmail | null = null;
    for (let round = 0; round <= ROUNDS; round++) {
      const users = world.userSets[round];
      const atriumFirst = round % 2 === 0;
      let atriumMs = 0;
      let rawMs = 0;
      const runAtrium = async () => {
        atriumMs = await sendLoginEmails(
          port,
          token,
          users.map((u) => u.id),
        );
        await verify(app, db, users, round + 1, Boolean(redis.url));
        template ??= await db.getRepository(OutboxEmail).findOneByOrFail({ toAddress: users[0].email });
      };
      // The warm-up goes first with Atrium: its first email is the raw writer's template.
      const runRaw = async () => {
        rawMs = await raw.write(world, users, template as OutboxEmail);
      };
      if (atriumFirst) {
        await runAtrium();
        await runRaw();
      } else {
        await runRaw();
        await runAtrium();
      }
      const label = round === 0 ? 'warm-up' : `round ${round}`;
      console.log(
        `  ${label.padEnd(8)} (${atriumFirst ? 'atrium' : 'raw'} first): atrium ${atriumMs.toFixed(0).padStart(5)} ms | raw ${rawMs
          .toFixed(0)
          .padStart(4)} ms | ratio ${(atriumMs / rawMs).toFixed(1).padStart(4)}x | load ${loadavg()
          .map((v) => v.toFixed(2))
          .join(' ')}`,
      );
      if (round > 0) rounds.push({ atriumMs, rawMs });
    }

    const atrium = spread(rounds.map((r) => r.atriumMs));
    const baseline = spread(rounds.map((r) => r.rawMs));
    console.log(
      `\n  atrium: median ${atrium.median.toFixed(0)} ms, min ${atrium.min.toFixed(0)} ms, max ${atrium.max.toFixed(0)} ms ` +
        `(${((atrium.median / USERS) * 1000).toFixed(0)} µs per user)`,
    );
    console.log(
      `  raw:    median ${baseline.median.toFixed(0)} ms, min ${baseline.min.toFixed(0)} ms, max ${baseline.max.toFixed(0)} ms`,
    );
    console.log(`  ratio atrium / raw (medians): ${(atrium.median / baseline.median).toFixed(1)}x`);
    const email = template as OutboxEmail | null;
    if (email) {
      const kB = (email.htmlBody.length + email.textBody.length) / 1000;
      console.log(
        `  each email is ~${kB.toFixed(1)} kB (HTML and text): ~${((kB * USERS) / 1000).toFixed(1)} MB per call`,
      );
    }
    const verdict =
      atrium.max < GOAL_MS ? 'MET (every round)' : atrium.median < GOAL_MS ? 'met by the median' : 'NOT MET';
    console.log(
      `  goal: ${USERS.toLocaleString('en')} users accepted and enqueued in < ${GOAL_MS} ms — median ${atrium.median.toFixed(0)} ms: ${verdict}`,
    );
  } finally {
    for (const cleanup of cleanups) await Promise.resolve(cleanup()).catch((error) => console.error(error));
  }
}

interface World {
  agencyId: string;
  ownerId: string;
  /** One set of USERS fresh client users per round. */
  userSets: Array<Array<{ id: string; email: string }>>;
}

/** An agency with its owner and one client with `sets × USERS` active client users. */
async function seed(db: DataSource, sets: number): Promise<World> {
  const agency = await db
    .getRepository(Agency)
    .save(db.getRepository(Agency).create({ name: 'Bench agency', plan: 'full', status: 'active' }));
  const passwordHash = await new PasswordService().hash(OWNER.password);
  const owner = await db.getRepository(User).save(
    db.getRepository(User).create({
      agencyId: agency.id,
      kind: 'agency',
      email: OWNER.email,
      name: 'Bench owner',
      passwordHash,
      emailConfirmedAt: new Date(),
      lastLoginAt: null,
    }),
  );
  await db
    .getRepository(AgencyMembership)
    .save(db.getRepository(AgencyMembership).create({ agencyId: agency.id, userId: owner.id, role: 'owner' }));
  const client = await db
    .getRepository(Client)
    .save(
      db.getRepository(Client).create({ agencyId: agency.id, name: 'Bench client', permissions: ['calendar.view'] }),
    );
  const userSets: World['userSets'] = [];
  for (let set = 0; set < sets; set++) {
    const users = Array.from({ length: USERS }, (_, i) =>
      db.getRepository(User).create({
        id: randomUUID(),
        agencyId: agency.id,
        kind: 'client',
        email: `person-${set}-${i}@bench.test`,
        name: `Person ${set}-${i}`,
        passwordHash: null,
        emailConfirmedAt: new Date(),
        lastLoginAt: null,
      }),
    );
    const memberships = users.map((user) =>
      db
        .getRepository(ClientMembership)
        .create({ agencyId: agency.id, clientId: client.id, userId: user.id, role: 'member' }),
    );
    await db.transaction(async (manager) => {
      for (let at = 0; at < users.length; at += 500) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(User)
          .values(users.slice(at, at + 500))
          .updateEntity(false)
          .execute();
        await manager
          .createQueryBuilder()
          .insert()
          .into(ClientMembership)
          .values(memberships.slice(at, at + 500))
          .updateEntity(false)
          .execute();
      }
    });
    userSets.push(users.map((u) => ({ id: u.id, email: u.email })));
  }
  return { agencyId: agency.id, ownerId: owner.id, userSets };
}

/** The timed call: the API answers once every email is in the outbox and its job enqueued. */
async function sendLoginEmails(port: number, token: string, userIds: string[]): Promise<number> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/client-users/login-emails`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ userIds }),
  });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`login-emails answered ${response.status}: ${text.slice(0, 500)}`);
  const body = JSON.parse(text) as { done: number; skipped: string[] };
  if (body.done !== userIds.length || body.skipped.length !== 0) {
    throw new Error(`login-emails did ${body.done} of ${userIds.length} (skipped ${body.skipped.length})`);
  }
  return elapsed;
}

/** Every user of the round has exactly one outbox email, and the queue holds one job per email so far. */
async function verify(
  app: NestFastifyApplication,
  db: DataSource,
  users: Array<{ email: string }>,
  roundsSoFar: number,
  bull: boolean,
): Promise<void> {
  const emails = await db.getRepository(OutboxEmail).find({
    select: { toAddress: true },
    where: { toAddress: In(users.map((u) => u.email)) },
  });
  if (emails.length !== users.length || new Set(emails.map((e) => e.toAddress)).size !== users.length) {
    throw new Error(`Expected one outbox email for each of ${users.length} users, found ${emails.length}`);
  }
  if (bull) {
    const counts = await app.get<Queue>(getQueueToken(JOBS.deliverEmail)).getJobCounts();
    if (counts.waiting !== roundsSoFar * USERS) {
      throw new Error(`Expected ${roundsSoFar * USERS} waiting delivery jobs, found ${counts.waiting}`);
    }
  }
}

interface RawWriter {
  /** Writes the rows of one bulk send for `users` with plain multi-row INSERTs; returns the milliseconds. */
  write(world: World, users: Array<{ id: string; email: string }>, template: OutboxEmail): Promise<number>;
  close(): Promise<void>;
}

/** The same writes as a bulk send, without the application: its raw floor on this database. */
async function rawWriter(dialect: BenchDialect, env: Record<string, string>): Promise<RawWriter> {
  const rowsOf = (world: World, users: Array<{ id: string; email: string }>, template: OutboxEmail) => {
    const now = new Date();
    const expires = new Date(now.getTime() + 15 * 60_000);
    return {
      now,
      userIds: users.map((u) => u.id),
      tokens: users.map((u) => [randomUUID(), now, u.id, 'magic_link', hash(), u.email, expires, null]),
      emails: users.map((u) => [
        randomUUID(),
        now,
        world.agencyId,
        // Another address, so the check of Atrium's outbox rows never counts these.
        `raw.${u.email}`,
        template.subject,
        template.fromName,
        template.replyTo,
        template.textBody.replace(/token=[\w-]+/, `token=${randomBytes(32).toString('base64url')}`),
        template.htmlBody.replace(/token=[\w-]+/g, `token=${randomBytes(32).toString('base64url')}`),
        'pending',
        0,
        null,
        now,
        null,
        null,
      ]),
      audits: users.map((u) => [
        randomUUID(),
        now,
        world.agencyId,
        world.ownerId,
        'magic_link.emailed',
        'user',
        u.id,
        '127.0.0.1',
        null,
      ]),
    };
  };
  const TOKEN_COLUMNS = ['id', 'createdAt', 'userId', 'purpose', 'tokenHash', 'email', 'expiresAt', 'usedAt'];
  const EMAIL_COLUMNS = [
    'id',
    'createdAt',
    'agencyId',
    'toAddress',
    'subject',
    'fromName',
    'replyTo',
    'textBody',
    'htmlBody',
    'status',
    'attempts',
    'lastError',
    'nextAttemptAt',
    'claimedAt',
    'sentAt',
  ];
  const AUDIT_COLUMNS = [
    'id',
    'createdAt',
    'agencyId',
    'actorUserId',
    'action',
    'targetType',
    'targetId',
    'ip',
    'details',
  ];
  const insertSql = (table: string, columns: string[], rows: number, quote: string) =>
    `INSERT INTO ${quote}${table}${quote} (${columns.map((c) => `${quote}${c}${quote}`).join(', ')}) VALUES ${Array.from(
      { length: rows },
      () => `(${columns.map(() => '?').join(', ')})`,
    ).join(', ')}`;

  if (dialect === 'sqlite') {
    const sqlite = new Database(env['DATABASE_PATH']);
    sqlite.pragma('busy_timeout = 10000');
    const sqliteValue = (v: unknown) => (v instanceof Date ? v.toISOString().replace('T', ' ').replace('Z', '') : v);
    return {
      async write(world, users, template) {
        const rows = rowsOf(world, users, template);
        const started = performance.now();
        sqlite.transaction(() => {
          sqlite
            .prepare(
              `UPDATE one_time_tokens SET usedAt = ? WHERE userId IN (${rows.userIds.map(() => '?').join(', ')}) AND purpose = 'magic_link' AND usedAt IS NULL`,
            )
            .run(sqliteValue(rows.now), ...rows.userIds);
          for (const [table, columns, all] of [
            ['one_time_tokens', TOKEN_COLUMNS, rows.tokens],
            ['outbox_emails', EMAIL_COLUMNS, rows.emails],
            ['audit_logs', AUDIT_COLUMNS, rows.audits],
          ] as const) {
            for (let at = 0; at < all.length; at += RAW_ROWS_PER_INSERT) {
              const chunk = all.slice(at, at + RAW_ROWS_PER_INSERT);
              sqlite.prepare(insertSql(table, [...columns], chunk.length, '"')).run(...chunk.flat().map(sqliteValue));
            }
          }
        })();
        return performance.now() - started;
      },
      async close() {
        sqlite.close();
      },
    };
  }

  const mysql: Connection = await connectToBenchDatabase(env);
  return {
    async write(world, users, template) {
      const rows = rowsOf(world, users, template);
      const started = performance.now();
      await mysql.beginTransaction();
      await mysql.query(
        "UPDATE one_time_tokens SET usedAt = ? WHERE userId IN (?) AND purpose = 'magic_link' AND usedAt IS NULL",
        [rows.now, rows.userIds],
      );
      for (const [table, columns, all] of [
        ['one_time_tokens', TOKEN_COLUMNS, rows.tokens],
        ['outbox_emails', EMAIL_COLUMNS, rows.emails],
        ['audit_logs', AUDIT_COLUMNS, rows.audits],
      ] as const) {
        for (let at = 0; at < all.length; at += RAW_ROWS_PER_INSERT) {
          const chunk = all.slice(at, at + RAW_ROWS_PER_INSERT);
          await mysql.query(insertSql(table, [...columns], chunk.length, '`'), chunk.flat());
        }
      }
      await mysql.commit();
      return performance.now() - started;
    },
    async close() {
      await mysql.end();
    },
  };
}

function hash(): string {
  return createHash('sha256').update(randomBytes(32)).digest('hex');
}

async function throwawayDatabase(
  dialect: BenchDialect,
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const file = throwawaySqliteFile();
    return { env: { DATABASE_TYPE: 'sqlite', DATABASE_PATH: file.path }, drop: file.drop };
  }
  const database = await createThrowawayDatabase();
  return {
    env: {
      DATABASE_TYPE: dialect,
      DATABASE_HOST: database.server.host,
      DATABASE_PORT: String(database.server.port),
      DATABASE_USER: database.server.user,
      DATABASE_PASSWORD: database.server.password,
      DATABASE_NAME: database.name,
    },
    drop: database.drop,
  };
}

/**
 * Redis for Bull and the rate limits: a private redis-server on a free loopback port (default),
 * so the bench neither sees nor disturbs anyone else's queues; BENCH_REDIS=none runs without.
 */
async function benchRedis(): Promise<{ url: string | null; stop: () => Promise<void> }> {
  if (process.env['BENCH_REDIS'] === 'none') return { url: null, stop: async () => undefined };
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => {
    throw new Error(`Could not start redis-server (set BENCH_REDIS=none to run without): ${String(error)}`);
  });
  await waitForPort(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not listen on ${port}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
