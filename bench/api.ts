/**
 * API overhead against the raw limit (SPEC §8, issue 13): requests per second and p50/p99 of the
 * portal calendar week and GET /api/v1/me, Atrium versus bench/raw-server.ts (node:http + mysql2)
 * returning byte-identical JSON for the same rows, in interleaved A/B rounds.
 *
 *   npm run bench:api                              # needs the built backend: npx nx build backend
 *   BENCH_ROUNDS=6 BENCH_REQUESTS=4000 npm run bench:api
 *   BENCH_ONLY=me BENCH_ATRIUM_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:api   # profile
 *   (BENCH_RAW_NODE_ARGS does the same for the raw server)
 *
 * Runs the built backend (dist/backend/main.js) in production mode on a throwaway MySQL/MariaDB
 * database (settings from the server's DATABASE_HOST/PORT/USER/PASSWORD, dropped afterwards),
 * seeds it with the CLI's demo data, adds one client week of posts for a demo client user, signs in
 * through the API, and loads both servers on loopback with a fixed concurrency over keep-alive
 * connections. Each round runs both servers back to back, alternating which goes first, and prints
 * the 1-minute load average beside it: the machine's other work shows up there, not in the ratio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchDialect, connectToBenchDatabase, createThrowawayDatabase } from './bench-database';
import { freePort, positive, signIn, spread } from './bench-support';

const ROUNDS = positive('BENCH_ROUNDS', 4);
const REQUESTS = positive('BENCH_REQUESTS', 2000);
const CONCURRENCY = positive('BENCH_CONCURRENCY', 32);
const POSTS = positive('BENCH_POSTS', 30);
// Every server is measured warm: V8 optimises a large application's hot paths only after a few
// thousand requests (the first timed rounds kept climbing with 500), so each first serves a
// round's worth of unmeasured requests per endpoint. BENCH_WARMUP changes it.
const WARMUP = positive('BENCH_WARMUP', REQUESTS);
const CLIENT_USER = { email: 'sam@multi.test', password: 'atrium-demo-2026' };
// A week far from the demo's own posts, so the week holds exactly the posts seeded here.
const WEEK_FROM = new Date(Date.UTC(2030, 0, 7));
const WEEK_TO = new Date(Date.UTC(2030, 0, 14));
const ROOT = resolve(__dirname, '..');
/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

interface Target {
  name: string;
  port: number;
  /** The server's process, whose CPU time each round reads (Linux /proc). */
  pid?: number;
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The server process's CPU time per request (user + system), when /proc tells it. */
  cpuMs: number | null;
}

async function main(): Promise<void> {
  const dialect = benchDialect({ ...process.env, DATABASE_TYPE: process.env['DATABASE_TYPE'] ?? 'mariadb' });
  if (dialect === 'sqlite') throw new Error('bench:api measures MySQL/MariaDB: set DATABASE_TYPE=mariadb or mysql');
  const database = await createThrowawayDatabase();
  const mediaDir = mkdtempSync(join(tmpdir(), 'atrium-bench-media-'));
  const children: ChildProcess[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    DATABASE_TYPE: dialect,
    DATABASE_HOST: database.server.host,
    DATABASE_PORT: String(database.server.port),
    DATABASE_USER: database.server.user,
    DATABASE_PASSWORD: database.server.password,
    DATABASE_NAME: database.name,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    // Required in production; nothing in this bench sends mail.
    SMTP_URL: 'smtp://127.0.0.1:2525',
    MEDIA_DIR: mediaDir,
    REDIS_URL: undefined,
  };
  try {
    const main = join(ROOT, 'dist/backend/main.js');
    const nodeArgs = nodeArgsFrom('BENCH_ATRIUM_NODE_ARGS');
    const atriumProcess = start('atrium', 'node', [...nodeArgs, main], env);
    children.push(atriumProcess);
    const atrium: Target = { name: 'atrium', port: Number(env['PORT']), pid: atriumProcess.pid };
    await waitForHttp(atrium.port);
    await run('node', [join(ROOT, 'dist/backend/cli.js'), 'seed-demo'], env);
    const seeded = await seedWeek(env);
    const token = await signIn(atrium.port, CLIENT_USER);

    const rawPort = await freePort();
    const rawEnv = {
      ...env,
      RAW_PORT: String(rawPort),
      TS_NODE_PROJECT: join(ROOT, 'bench/tsconfig.json'),
      TS_NODE_TRANSPILE_ONLY: '1',
    };
    const rawProcess = start(
      'raw',
      'node',
      [
        ...nodeArgsFrom('BENCH_RAW_NODE_ARGS'),
        '-r',
        'ts-node/register',
        '-r',
        'tsconfig-paths/register',
        '-r',
        join(ROOT, 'bench/register-stubs.ts'),
        join(ROOT, 'bench/raw-server.ts'),
      ],
      rawEnv,
    );
    children.push(rawProcess);
    const raw: Target = { name: 'raw', port: rawPort, pid: rawProcess.pid };
    await waitForHttp(rawPort);

    const calendarPath = `/api/v1/portal/calendar?from=${WEEK_FROM.toISOString()}&to=${WEEK_TO.toISOString()}`;
    const only = process.env['BENCH_ONLY']; // "calendar" or "me": one endpoint, e.g. to profile it
    const endpoints = [
      { name: 'calendar week', key: 'calendar', path: calendarPath },
      { name: 'GET /api/v1/me', key: 'me', path: '/api/v1/me' },
    ].filter((endpoint) => !only || endpoint.key === only);
    console.log(
      `bench:api — ${dialect}, production build, ${seeded} posts in the week, ${ROUNDS} rounds × ${REQUESTS} requests, concurrency ${CONCURRENCY}, loopback`,
    );
    for (const endpoint of endpoints) {
      const a = await fetchOnce(atrium.port, endpoint.path, token);
      const b = await fetchOnce(raw.port, endpoint.path, token);
      const same = a.status === 200 && b.status === 200 && a.body === b.body;
      console.log(
        `  ${endpoint.name}: byte-identical JSON ${same ? 'yes' : 'NO'} (atrium ${a.status}, ${a.body.length} bytes; raw ${b.status}, ${b.body.length} bytes)`,
      );
      if (!same) {
        console.log(`    atrium: ${a.body.slice(0, 600)}\n    raw:    ${b.body.slice(0, 600)}`);
      }
    }

    for (const endpoint of endpoints) {
      console.log(`\n${endpoint.name}`);
      for (const target of [atrium, raw]) await load(target, endpoint.path, token, WARMUP); // warm both
      const ratios: number[] = [];
      const cpuRatios: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const order = round % 2 === 1 ? [atrium, raw] : [raw, atrium];
        const results = new Map<string, LoadResult>();
        for (const target of order) results.set(target.name, await load(target, endpoint.path, token, REQUESTS));
        const [x, y] = [results.get('atrium') as LoadResult, results.get('raw') as LoadResult];
        const ratio = x.rps / y.rps;
        ratios.push(ratio);
        if (x.cpuMs && y.cpuMs) cpuRatios.push(y.cpuMs / x.cpuMs);
        console.log(
          `  round ${round} (${order[0].name} first): atrium ${fmt(x)} | raw ${fmt(y)} | ratio ${ratio.toFixed(2)} | load ${loadavg()
            .map((v) => v.toFixed(2))
            .join(' ')}`,
        );
      }
      console.log(`  ${endpoint.name}: ratio ${summary(ratios)} (goal ≥ 0.70)`);
      if (cpuRatios.length > 0) {
        console.log(`  ${endpoint.name}: server CPU per request, raw ÷ atrium ${summary(cpuRatios)}`);
      }
    }
  } finally {
    // Each server stops before its database goes (and a profiled one writes its profile on exit).
    await Promise.all(children.map((child) => stopChild(child)));
    await database.drop();
    rmSync(mediaDir, { recursive: true, force: true });
  }
}

function fmt(result: LoadResult): string {
  const errors = result.errors ? `, ${result.errors} errors` : '';
  const cpu = result.cpuMs === null ? '' : ` cpu ${result.cpuMs.toFixed(2)} ms/req`;
  return `${result.rps.toFixed(0).padStart(5)} req/s p50 ${result.p50.toFixed(1)} ms p99 ${result.p99.toFixed(1)} ms${cpu}${errors}`;
}

/** `total` GETs with `CONCURRENCY` in flight over keep-alive connections. */
async function load(target: Target, path: string, token: string, total: number): Promise<LoadResult> {
  const { port } = target;
  const cpuBefore = cpuTimeMs(target.pid);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      next++;
      const t0 = performance.now();
      const { status } = await get(port, path, token, agent);
      latencies.push(performance.now() - t0);
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = cpuTimeMs(target.pid);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: total / elapsed,
    p50: latencies[Math.floor(latencies.length * 0.5)],
    p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))],
    errors,
    cpuMs: cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / total : null,
  };
}

/** A process's user + system CPU time in ms, from Linux's /proc (null elsewhere). */
function cpuTimeMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function get(port: number, path: string, token: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolvePromise({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

async function fetchOnce(port: number, path: string, token: string): Promise<{ status: number; body: string }> {
  const agent = new Agent({ keepAlive: false });
  try {
    return await get(port, path, token, agent);
  } finally {
    agent.destroy();
  }
}

/** One social account and POSTS posts in the demo client user's first client, inside the bench week. */
async function seedWeek(env: NodeJS.ProcessEnv): Promise<number> {
  const db = await connectToBenchDatabase(env);
  try {
    const [rows] = (await db.query(
      `SELECT u.agencyId, m.clientId FROM users u
         JOIN client_memberships m ON m.userId = u.id
         JOIN clients c ON c.id = m.clientId
        WHERE u.email = ? ORDER BY c.name LIMIT 1`,
      [CLIENT_USER.email],
    )) as unknown as [Array<{ agencyId: string; clientId: string }>];
    if (rows.length === 0) throw new Error(`seed-demo did not create ${CLIENT_USER.email}`);
    const { agencyId, clientId } = rows[0];
    const now = new Date();
    const accountId = randomUUID();
    await db.query(
      `INSERT INTO social_accounts (id, createdAt, updatedAt, agencyId, clientId, provider, externalId, displayName,
         handle, status, scopes, tokenVersion, connectedVia) VALUES (?, ?, ?, ?, ?, 'local', ?, 'Bench account',
         'bench', 'active', '[]', 0, 'agency')`,
      [accountId, now, now, agencyId, clientId, `bench-${accountId}`],
    );
    const posts: unknown[][] = [];
    const targets: unknown[][] = [];
    for (let i = 0; i < POSTS; i++) {
      const at = new Date(WEEK_FROM.getTime() + Math.floor(((i + 0.5) / POSTS) * 7 * 86_400_000));
      const postId = randomUUID();
      // A mix of states, so the JSON carries both branches (published with a URL, scheduled without).
      const published = i % 3 === 0;
      const text = `Bench post ${i}: ${randomBytes(90).toString('base64')}`;
      posts.push([
        postId,
        now,
        now,
        agencyId,
        clientId,
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
        clientId,
        accountId,
        published ? 'published' : 'pending',
        at,
        published ? at : null,
        published ? `https://example.test/p/${i}` : null,
        0,
      ]);
    }
    await db.query(
      'INSERT INTO posts (id, createdAt, updatedAt, agencyId, clientId, text, status, scheduledAt, publishedAt) VALUES ?',
      [posts],
    );
    await db.query(
      `INSERT INTO post_targets (id, createdAt, updatedAt, postId, agencyId, clientId, socialAccountId, state,
         scheduledAt, publishedAt, externalUrl, attempts) VALUES ?`,
      [targets],
    );
    return POSTS;
  } finally {
    await db.end();
  }
}

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', () => undefined);
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  return child;
}

/** SIGTERM, then waits for the exit (at most 30 s). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(resolveStop, 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

/** Waits (at most 60 s) until the port answers HTTP at all. */
async function waitForHttp(port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      await fetchOnce(port, '/api/v1/me', 'none');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Nothing answered on port ${port} within 60 s`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

/** Extra node options for one of the servers, from a space-separated variable (e.g. --cpu-prof). */
/**
 * Node's own flags for a server: Atrium runs with a larger young generation in production (see
 * docker/backend.Dockerfile), so both servers here run with it too, as the same runtime under
 * both programs. BENCH_ATRIUM_NODE_ARGS / BENCH_RAW_NODE_ARGS add flags (a profiler, say).
 */
const SERVER_NODE_ARGS = ['--max-semi-space-size=32'];

function nodeArgsFrom(variable: string): string[] {
  return [...SERVER_NODE_ARGS, ...(process.env[variable] ?? '').split(' ').filter(Boolean)];
}

function summary(values: number[]): string {
  const { median, min, max } = spread(values);
  return `median ${median.toFixed(2)}, spread ${min.toFixed(2)}–${max.toFixed(2)}`;
}
