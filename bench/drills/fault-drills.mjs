/**
 * Fault drills against the production shape: the built backend as an API process
 * (RUN_WORKERS=false) and a worker process (RUN_WORKERS=true), MariaDB, a private Redis and an
 * SMTP sink, all on loopback. Each drill sends invitation emails through the API while something
 * breaks, then prints what was sent (201 answers), received (by the SMTP sink), duplicated and
 * lost (not received within the wait).
 *
 *   npx nx build backend && npm run drills
 *
 * Settings (environment):
 *   DRILL_MYSQL_HOST/PORT/USER/PASSWORD   the MariaDB server (default 127.0.0.1:3306 atrium/atrium);
 *                                         a throwaway database is created on it and dropped after
 *   DRILL_COUNT                           invitations per drill (default 20, at most 40)
 *   DRILL_WAIT_S                          how long to wait for deliveries after each drill (default 45)
 *   DRILL_ONLY                            comma-separated drill names to run (default: all)
 *
 * Nothing here touches the shared MariaDB's process: the application reaches it through a TCP proxy
 * this script owns, and "freezing the database" stops that proxy forwarding (what a SIGSTOPped
 * server looks like to its clients). Redis is a private redis-server on a free port.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = join(ROOT, 'dist/backend/main.js');
const CLI = join(ROOT, 'dist/backend/cli.js');
const COUNT = Math.min(40, Math.max(1, Number(process.env.DRILL_COUNT ?? 20)));
const WAIT_S = Math.min(600, Math.max(5, Number(process.env.DRILL_WAIT_S ?? 45)));
const ONLY = process.env.DRILL_ONLY ? new Set(process.env.DRILL_ONLY.split(',')) : null;
const MYSQL = {
  host: process.env.DRILL_MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.DRILL_MYSQL_PORT ?? 3306),
  user: process.env.DRILL_MYSQL_USER ?? 'atrium',
  password: process.env.DRILL_MYSQL_PASSWORD ?? 'atrium',
};
const DEMO_OWNER = { email: 'owner@northwind.test', password: 'atrium-demo-2026' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (message) => process.stdout.write(`  · ${message}\n`);

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** A TCP proxy in front of MariaDB that can stop forwarding (a frozen database). */
async function startFreezableProxy(target) {
  const pairs = new Set();
  const waiting = [];
  let frozen = false;
  const server = createServer((client) => {
    client.pause();
    const open = () => {
      const upstream = connect(target.port, target.host);
      const pair = { client, upstream };
      pairs.add(pair);
      const end = () => {
        pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => client.write(chunk));
      if (frozen) upstream.pause();
      else client.resume();
    };
    if (frozen) waiting.push(open);
    else open();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    freeze() {
      frozen = true;
      for (const { client, upstream } of pairs) {
        client.pause();
        upstream.pause();
      }
    },
    unfreeze() {
      frozen = false;
      for (const { client, upstream } of pairs) {
        client.resume();
        upstream.resume();
      }
      for (const open of waiting.splice(0)) open();
    },
    close() {
      this.unfreeze();
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      return new Promise((r) => server.close(r));
    },
  };
}

/**
 * A minimal SMTP sink: accepts every message and remembers its recipient and Message-ID. `onAccept`
 * runs right after the 250 that accepts a message, which is where the drills strike.
 */
async function startSmtpSink() {
  const messages = [];
  const sink = { messages, onAccept: null };
  const server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let data = '';
    let rcpt = [];
    socket.write('220 drill-sink ESMTP\r\n');
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          const messageId = /^Message-ID:\s*(.+)$/im.exec(data)?.[1]?.trim() ?? null;
          const message = { to: rcpt.map((r) => r.toLowerCase()), messageId, at: Date.now() };
          messages.push(message);
          socket.write('250 2.0.0 queued\r\n');
          sink.onAccept?.(message);
          data = '';
          rcpt = [];
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline === -1) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-drill-sink\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO') socket.write('250 drill-sink\r\n');
        else if (verb === 'MAIL') socket.write('250 2.1.0 ok\r\n');
        else if (verb === 'RCPT') {
          rcpt.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          socket.write('250 2.1.5 ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  sink.port = server.address().port;
  sink.close = () => new Promise((r) => server.close(r));
  return sink;
}

/** A private Redis that the drills can stop and start again on the same port. */
function redisOn(port) {
  let child = null;
  return {
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      for (let i = 0; i < 50; i++) {
        if (await canConnect(port)) return;
        await sleep(100);
      }
      throw new Error('redis-server did not start');
    },
    async stop() {
      if (!child) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      child = null;
    },
  };
}

function canConnect(port) {
  return new Promise((r) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), r(true)));
    socket.once('error', () => r(false));
  });
}

/** One backend process (API or worker) of the built application. */
function backendProcess(name, env) {
  let child = null;
  const proc = {
    name,
    port: Number(env.PORT),
    get pid() {
      return child?.pid;
    },
    async start() {
      child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr.on('data', () => undefined);
      child.once('exit', () => (child = null));
      for (let i = 0; i < 300; i++) {
        try {
          if ((await fetch(`http://127.0.0.1:${proc.port}/api/health`)).ok) return;
        } catch {
          // not up yet
        }
        await sleep(100);
      }
      throw new Error(`${name} did not start`);
    },
    signal(signal) {
      child?.kill(signal);
    },
    async exited() {
      if (!child) return null;
      return new Promise((r) => child.once('exit', (code, sig) => r(code ?? sig)));
    },
    async stop() {
      if (!child) return;
      const done = proc.exited();
      child.kill('SIGTERM');
      await done;
    },
  };
  return proc;
}

async function main() {
  const runId = randomBytes(4).toString('hex');
  const database = `atrium_drill_${runId}`;
  const admin = await createConnection(MYSQL);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const mediaDir = mkdtempSync(join(tmpdir(), 'atrium-drill-media-'));
  const proxy = await startFreezableProxy(MYSQL);
  const smtp = await startSmtpSink();
  const redisPort = await freePort();
  const redis = redisOn(redisPort);
  await redis.start();
  const [apiPort, workerPort] = [await freePort(), await freePort()];

  const common = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    APP_URL: `http://127.0.0.1:${apiPort}`,
    DATABASE_TYPE: 'mariadb',
    DATABASE_HOST: '127.0.0.1',
    DATABASE_PORT: String(proxy.port),
    DATABASE_USER: MYSQL.user,
    DATABASE_PASSWORD: MYSQL.password,
    DATABASE_NAME: database,
    DATABASE_CONNECT_TIMEOUT_MS: '2000',
    DATABASE_QUERY_TIMEOUT_MS: '4000',
    DATABASE_POOL_ACQUIRE_TIMEOUT_MS: '2000',
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Atrium drills <drills@atrium.test>',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    MEDIA_DIR: mediaDir,
    LOG_LEVEL: 'error',
  };
  const api = backendProcess('api', {
    ...common,
    PORT: String(apiPort),
    RUN_WORKERS: 'false',
    SHUTDOWN_DRAIN_DELAY_MS: '1500',
  });
  const worker = backendProcess('worker', {
    ...common,
    PORT: String(workerPort),
    RUN_WORKERS: 'true',
    MIGRATE_ON_START: 'false',
  });

  const results = [];
  try {
    log(`seeding a throwaway database ${database} (demo data)`);
    // Straight to MariaDB with the default time limits: seeding is not part of any drill.
    const seedEnv = { ...common, PORT: String(apiPort), DATABASE_PORT: String(MYSQL.port) };
    for (const name of [
      'DATABASE_CONNECT_TIMEOUT_MS',
      'DATABASE_QUERY_TIMEOUT_MS',
      'DATABASE_POOL_ACQUIRE_TIMEOUT_MS',
    ]) {
      delete seedEnv[name];
    }
    try {
      execFileSync(process.execPath, [CLI, 'seed-demo'], { env: seedEnv, stdio: 'pipe' });
    } catch (error) {
      throw new Error(`seed-demo failed: ${error.stderr?.toString() ?? ''}${error.stdout?.toString() ?? ''}`);
    }
    await api.start();
    await worker.start();
    const session = await signIn(apiPort);
    const clientId = await firstClientId(apiPort, session);
    const ctx = { apiPort, session, clientId, smtp, proxy, redis, api, worker };

    const drills = [
      ['baseline', drillBaseline],
      ['redis-stop', drillRedisStop],
      ['db-freeze', drillDatabaseFreeze],
      ['worker-kill', drillWorkerKill],
      ['api-sigterm', drillApiSigterm],
    ];
    for (const [name, run] of drills) {
      if (ONLY && !ONLY.has(name)) continue;
      process.stdout.write(`\n▶ ${name}\n`);
      const started = Date.now();
      const outcome = await run(ctx, name);
      const tally = await tallyDeliveries(smtp, outcome.sentTo, name);
      const result = {
        drill: name,
        ...tally,
        statuses: outcome.statuses,
        answers: summarize(outcome.statuses),
        seconds: Math.round((Date.now() - started) / 1000),
        note: outcome.note ?? '',
      };
      results.push(result);
      printResult(result);
      // A fresh access token each drill: the API may have restarted and tokens live 10 minutes.
      ctx.session = await signIn(apiPort);
    }
  } finally {
    proxy.unfreeze();
    await worker.stop().catch(() => undefined);
    await api.stop().catch(() => undefined);
    await redis.stop().catch(() => undefined);
    await proxy.close().catch(() => undefined);
    await smtp.close().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined);
    await admin.end().catch(() => undefined);
    rmSync(mediaDir, { recursive: true, force: true });
  }

  process.stdout.write(
    '\nSummary (sent = invitations the API accepted with 201; received/duplicated/lost = at the SMTP sink)\n',
  );
  console.table(
    results.map((r) => ({
      drill: r.drill,
      sent: r.sent,
      received: r.received,
      duplicated: r.duplicated,
      lost: r.lost,
      'API answers': r.answers,
      note: r.note,
    })),
  );
  // Exit 1 when any email was lost or duplicated, or any answer was a 5xx other than a clean 503.
  const broken = results.filter(
    (r) => r.lost > 0 || r.duplicated > 0 || r.statuses.some((s) => typeof s === 'number' && s >= 500 && s !== 503),
  );
  process.exitCode = broken.length > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// The drills. Each returns the addresses the API accepted (201) and every answer's status.

async function drillBaseline(ctx, name) {
  const outcome = await inviteMany(ctx, name, COUNT);
  return { ...outcome, note: 'nothing breaks' };
}

async function drillRedisStop(ctx, name) {
  const first = await inviteMany(ctx, `${name}-a`, Math.ceil(COUNT / 2));
  log('stopping Redis');
  await ctx.redis.stop();
  const during = await inviteMany(ctx, `${name}-b`, Math.floor(COUNT / 2));
  await sleep(3000);
  log('starting Redis again');
  await ctx.redis.start();
  return merge(first, during, { note: 'half the invitations sent while Redis was down' });
}

async function drillDatabaseFreeze(ctx, name) {
  // Strike right after the SMTP server accepted the first message: the bookkeeping that follows
  // the send cannot reach the database for 8 seconds (twice the query timeout).
  let struck = false;
  let unfrozen = null;
  ctx.smtp.onAccept = () => {
    if (struck) return;
    struck = true;
    ctx.proxy.freeze();
    log('database frozen right after an SMTP accept');
    unfrozen = sleep(8000).then(() => {
      ctx.proxy.unfreeze();
      log('database unfrozen');
    });
  };
  const outcome = await inviteMany(ctx, name, COUNT);
  // Requests made while frozen: each must come back as a clean 503 within the timeouts.
  const frozenCalls = struck ? await inviteMany(ctx, `${name}-frozen`, 3) : { sentTo: [], statuses: [] };
  await (unfrozen ?? Promise.resolve());
  ctx.smtp.onAccept = null;
  return merge(outcome, frozenCalls, { note: 'DB frozen 8 s after the first SMTP accept' });
}

async function drillWorkerKill(ctx, name) {
  let killed = false;
  ctx.smtp.onAccept = () => {
    if (killed) return;
    killed = true;
    ctx.worker.signal('SIGKILL');
    log('worker killed (SIGKILL) right after an SMTP accept');
  };
  const outcome = await inviteMany(ctx, name, COUNT);
  for (let i = 0; i < 100 && !killed; i++) await sleep(100);
  await ctx.worker.exited();
  ctx.smtp.onAccept = null;
  log('starting the worker again');
  await ctx.worker.start();
  return { ...outcome, note: 'worker SIGKILLed mid-delivery, then restarted' };
}

async function drillApiSigterm(ctx, name) {
  // Requests whose bodies are still arriving when SIGTERM comes.
  const inFlight = Array.from({ length: Math.min(5, COUNT) }, (_, i) => slowInvite(ctx, `${name}-slow-${i}`));
  await Promise.all(inFlight.map((call) => call.headersSent));
  log('SIGTERM to the API with requests in flight');
  const exited = ctx.api.exited();
  ctx.api.signal('SIGTERM');
  await sleep(200);
  const ready = await fetch(`http://127.0.0.1:${ctx.apiPort}/api/health/ready`).then(
    (r) => r.status,
    () => 'refused',
  );
  const live = await fetch(`http://127.0.0.1:${ctx.apiPort}/api/health`).then(
    (r) => r.status,
    () => 'refused',
  );
  log(`while draining: readiness ${ready}, liveness ${live}`);
  for (const call of inFlight) call.finish();
  const answers = await Promise.all(inFlight.map((call) => call.answer));
  const code = await exited;
  log(`API exited with ${code}; starting it again`);
  await ctx.api.start();
  const sentTo = answers.filter((a) => a.status === 201).map((a) => a.email);
  return {
    sentTo,
    statuses: answers.map((a) => a.status),
    note: `draining: ready ${ready}, live ${live}; exit ${code}`,
  };
}

// ---------------------------------------------------------------------------------------------

function merge(a, b, extra) {
  return { sentTo: [...a.sentTo, ...b.sentTo], statuses: [...a.statuses, ...b.statuses], ...extra };
}

async function inviteMany(ctx, tag, count) {
  const emails = Array.from({ length: count }, (_, i) => `${tag}-${i}-${randomBytes(2).toString('hex')}@drill.test`);
  const statuses = await Promise.all(emails.map((email) => invite(ctx, email)));
  return { sentTo: emails.filter((_, i) => statuses[i] === 201), statuses };
}

async function invite(ctx, email) {
  try {
    const response = await fetch(`http://127.0.0.1:${ctx.apiPort}/api/v1/clients/${ctx.clientId}/invitations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ctx.session}` },
      body: JSON.stringify({ name: 'Drill Invitee', email, role: 'member' }),
      signal: AbortSignal.timeout(30_000),
    });
    return response.status;
  } catch (error) {
    return error?.name === 'TimeoutError' ? 'timeout' : 'no answer';
  }
}

/** An invitation whose body is sent in two parts, the second only when `finish()` is called. */
function slowInvite(ctx, tag) {
  const email = `${tag}-${randomBytes(2).toString('hex')}@drill.test`;
  const body = JSON.stringify({ name: 'Drill Invitee', email, role: 'member' });
  const socket = connect(ctx.apiPort, '127.0.0.1');
  let raw = '';
  let headersSent;
  const sent = new Promise((r) => (headersSent = r));
  socket.on('connect', () => {
    socket.write(
      `POST /api/v1/clients/${ctx.clientId}/invitations HTTP/1.1\r\nHost: 127.0.0.1:${ctx.apiPort}\r\n` +
        `Authorization: Bearer ${ctx.session}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 5)}`,
    );
    setTimeout(headersSent, 100);
  });
  socket.on('data', (chunk) => (raw += chunk.toString()));
  socket.on('error', () => undefined);
  const answer = new Promise((r) =>
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
      r({ email, status: Number.isFinite(status) ? status : 'no answer' });
    }),
  );
  return { headersSent: sent, answer, finish: () => socket.write(body.slice(5)) };
}

/** Waits (bounded) until every accepted invitation reached the sink, then counts. */
async function tallyDeliveries(smtp, sentTo, drill) {
  const wanted = new Set(sentTo.map((e) => e.toLowerCase()));
  const deadline = Date.now() + WAIT_S * 1000;
  const received = () => new Set(smtp.messages.flatMap((m) => m.to).filter((to) => wanted.has(to)));
  while (Date.now() < deadline && received().size < wanted.size) await sleep(250);
  // A little longer, so that a duplicate that follows closely is counted too.
  await sleep(2000);
  const messages = smtp.messages.filter((m) => m.to.some((to) => wanted.has(to)));
  const got = received();
  const ids = new Set(messages.map((m) => m.messageId));
  return {
    sent: wanted.size,
    received: got.size,
    duplicated: messages.length - got.size,
    distinctMessageIds: ids.size,
    lost: wanted.size - got.size,
    drillTag: drill,
  };
}

function summarize(statuses) {
  const counts = new Map();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.entries()].map(([s, n]) => `${n}×${s}`).join(', ');
}

function printResult(r) {
  process.stdout.write(
    `  sent ${r.sent}, received ${r.received}, duplicated ${r.duplicated}, lost ${r.lost}` +
      ` (within ${WAIT_S} s); API answers: ${r.answers}; ${r.seconds} s\n`,
  );
}

async function signIn(port) {
  for (let i = 0; i < 20; i++) {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(DEMO_OWNER),
    }).catch(() => null);
    if (response?.ok) return (await response.json()).accessToken;
    await sleep(500);
  }
  throw new Error('Could not sign in as the demo owner');
}

async function firstClientId(port, token) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/clients`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = await response.json();
  const list = Array.isArray(body) ? body : (body.items ?? body.clients ?? []);
  if (!list[0]?.id) throw new Error(`No client to invite to: ${JSON.stringify(body).slice(0, 200)}`);
  return list[0].id;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
