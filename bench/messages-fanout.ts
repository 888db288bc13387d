/**
 * Live messages at 1,000 open sockets (issue 16): one Atrium instance holds BENCH_SOCKETS
 * authenticated sockets of one client's conversation (agency users and the client's people); an
 * agency user sends BENCH_MESSAGES messages through the REST API one after the other, and each is
 * timed from the moment the POST leaves to the moment each socket has it (p50/p95 over every
 * socket and message, and of the last socket per message). Beside it, the backend's memory per
 * socket: RSS and heap after a GC, before and after the sockets connect, divided by their number.
 *
 *   npm run bench:messages-fanout                         # SQLite (temporary file)
 *   DATABASE_TYPE=mariadb npm run bench:messages-fanout   # MariaDB (throwaway database)
 *   BENCH_SOCKETS=500 BENCH_MESSAGES=20 npm run bench:messages-fanout
 *
 * The raw baseline, measured the same way in the same run: a bare socket.io server (same version,
 * same path, no authentication, no database) whose sockets all sit in one room, broadcasting the
 * same message body when asked over plain HTTP. Both servers run in their own child process
 * (Atrium in process there, production mode, workers off, no Redis: the in-memory adapter), so
 * their memory is theirs alone; the sockets are socket.io-client in this process, on loopback.
 * This process needs a file descriptor per socket (ulimit -n ≥ BENCH_SOCKETS + 100), as does the server.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { Server } from 'socket.io';
import { REALTIME_EVENTS, REALTIME_PATH } from '@atrium/shared';
import { benchDialect, createThrowawayDatabase, throwawaySqliteFile } from './bench-database';
import { freePort, positive } from './bench-support';

const SOCKETS = positive('BENCH_SOCKETS', 1000);
const MESSAGES = positive('BENCH_MESSAGES', 50);
const WARMUP = positive('BENCH_WARMUP', 5);
/** Share of the sockets held by agency users (the rest are the client's people). */
const AGENCY_SHARE = 0.1;
/** Sockets connecting at a time. */
const CONNECT_CONCURRENCY = 50;
/** Senders take turns: each stays under the per-user send limit (30 a minute). */
const SENDERS = Math.ceil((MESSAGES + WARMUP) / 25);
const FANOUT_TIMEOUT_MS = 30_000;

interface Memory {
  rss: number;
  /** JS heap in use plus memory outside it (buffers): what the sockets themselves hold. */
  heapUsed: number;
}

/** What a server child tells the parent. */
type ChildMessage =
  | { kind: 'ready'; port: number; tokens: string[]; senders: string[]; clientId: string }
  | { kind: 'memory'; memory: Memory }
  | { kind: 'error'; error: string };

interface Target {
  name: string;
  port: number;
  tokens: string[];
  send: (index: number, body: string) => Promise<void>;
  child: ChildProcess;
}

interface Result {
  name: string;
  all: number[];
  last: number[];
  perSocketRss: number;
  perSocketHeap: number;
  /** From the send to its answer (Atrium: the REST POST, which writes the message, then publishes). */
  answered: number[];
}

// ---- The parent: sockets, sends, figures ----------------------------------------------------------

async function main(): Promise<void> {
  console.log(
    `bench:messages-fanout — ${benchDialect()}, ${SOCKETS.toLocaleString('en')} sockets (${Math.round(
      SOCKETS * AGENCY_SHARE,
    )} agency, ${SOCKETS - Math.round(SOCKETS * AGENCY_SHARE)} client users of one client), ${MESSAGES} messages after ${WARMUP} warm-up, loopback`,
  );
  const results: Result[] = [];
  for (const role of ['atrium', 'raw'] as const) {
    const target = await startTarget(role);
    try {
      results.push(await measure(target));
    } finally {
      target.child.kill('SIGTERM');
      await new Promise((resolve) => target.child.once('exit', resolve));
    }
  }
  const [atrium, raw] = results;
  for (const result of results) {
    console.log(
      `  ${result.name.padEnd(6)} every socket: p50 ${ms(percentile(result.all, 50))} p95 ${ms(percentile(result.all, 95))} | ` +
        `last socket per message: p50 ${ms(percentile(result.last, 50))} p95 ${ms(percentile(result.last, 95))} | ` +
        `send answered p50 ${ms(percentile(result.answered, 50))} | ` +
        `memory per socket: ${kb(result.perSocketHeap)} heap+buffers, ${kb(result.perSocketRss)} RSS (RSS is noisy: freed pages are not always returned)`,
    );
  }
  console.log(
    `  ratio atrium/raw: p50 ${ratio(percentile(atrium.all, 50), percentile(raw.all, 50))}, p95 ${ratio(
      percentile(atrium.all, 95),
      percentile(raw.all, 95),
    )}, RSS per socket ${ratio(atrium.perSocketRss, raw.perSocketRss)}, heap+buffers per socket ${ratio(
      atrium.perSocketHeap,
      raw.perSocketHeap,
    )} | load ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
}

async function measure(target: Target): Promise<Result> {
  const before = await memoryOf(target.child);
  const sockets: Socket[] = [];
  const receipts = new Map<string, number[]>();
  try {
    for (let at = 0; at < target.tokens.length; at += CONNECT_CONCURRENCY) {
      const batch = target.tokens.slice(at, at + CONNECT_CONCURRENCY);
      sockets.push(...(await Promise.all(batch.map((token) => open(target.port, token, receipts)))));
    }
    const after = await memoryOf(target.child);
    const all: number[] = [];
    const last: number[] = [];
    const answered: number[] = [];
    for (let i = 0; i < WARMUP + MESSAGES; i++) {
      const body = `bench ${i} ${randomUUID()}`;
      receipts.set(body, []);
      const sentAt = performance.now();
      await target.send(i, body);
      const answeredAt = performance.now();
      const times = await allReceived(receipts, body, sockets.length);
      receipts.delete(body);
      if (i < WARMUP) continue;
      answered.push(answeredAt - sentAt);
      for (const at of times) all.push(at - sentAt);
      last.push(Math.max(...times) - sentAt);
    }
    return {
      name: target.name,
      all,
      last,
      perSocketRss: (after.rss - before.rss) / sockets.length,
      perSocketHeap: (after.heapUsed - before.heapUsed) / sockets.length,
      answered,
    };
  } finally {
    for (const socket of sockets) socket.close();
  }
}

function open(port: number, token: string, receipts: Map<string, number[]>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectSocket(`http://127.0.0.1:${port}`, {
      path: REALTIME_PATH,
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    socket.on(REALTIME_EVENTS.message, (message: { body: string }) => {
      receipts.get(message.body)?.push(performance.now());
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`A socket was refused: ${error.message}`)));
  });
}

async function allReceived(receipts: Map<string, number[]>, body: string, expected: number): Promise<number[]> {
  const deadline = Date.now() + FANOUT_TIMEOUT_MS;
  const times = receipts.get(body) as number[];
  while (times.length < expected) {
    if (Date.now() > deadline) throw new Error(`Only ${times.length} of ${expected} sockets got "${body}"`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return times;
}

async function startTarget(role: 'atrium' | 'raw'): Promise<Target> {
  const child = fork(__filename, [], {
    env: { ...process.env, BENCH_ROLE: role },
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child, 'ready');
  if (ready.kind !== 'ready') throw new Error('unreachable');
  const base = `http://127.0.0.1:${ready.port}`;
  const send =
    role === 'atrium'
      ? async (index: number, body: string) => {
          const response = await fetch(`${base}/api/v1/messages/conversations/${ready.clientId}/items`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${ready.senders[index % ready.senders.length]}`,
            },
            body: JSON.stringify({ body }),
          });
          if (response.status !== 201) throw new Error(`Sending failed: ${response.status} ${await response.text()}`);
        }
      : async (_index: number, body: string) => {
          const response = await fetch(`${base}/send`, { method: 'POST', body });
          if (response.status !== 204) throw new Error(`Raw send failed: ${response.status}`);
        };
  return { name: role, port: ready.port, tokens: ready.tokens, send, child };
}

function nextMessage(child: ChildProcess, kind: ChildMessage['kind']): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (message.kind === 'error') return done(() => reject(new Error(message.error)));
      if (message.kind === kind) done(() => resolve(message));
    };
    const onExit = (code: number | null) => done(() => reject(new Error(`The server exited (${code})`)));
    const done = (then: () => void) => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      then();
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function memoryOf(child: ChildProcess): Promise<Memory> {
  const answer = nextMessage(child, 'memory');
  child.send({ kind: 'memory' });
  const message = await answer;
  if (message.kind !== 'memory') throw new Error('unreachable');
  return message.memory;
}

// ---- The children: Atrium, and the raw socket.io server -----------------------------------------

function reply(message: ChildMessage): void {
  process.send?.(message);
}

/** After a full GC (twice: the second frees what the first's finalisers released). */
function settledMemory(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed: heapUsed + external };
}

function answerMemoryRequests(): void {
  process.on('message', (message: { kind?: string }) => {
    if (message.kind === 'memory') reply({ kind: 'memory', memory: settledMemory() });
  });
}

async function runRaw(): Promise<void> {
  const http = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/send') {
      response.writeHead(404).end();
      return;
    }
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      // The same shape Atrium sends (a MessageView), so both move the same bytes.
      io.to('all').emit('message', rawView(body));
      response.writeHead(204).end();
    });
  });
  const io = new Server(http, { path: REALTIME_PATH, serveClient: false, maxHttpBufferSize: 64 * 1024 });
  io.on('connection', (socket) => void socket.join('all'));
  const port = await freePort();
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  answerMemoryRequests();
  reply({ kind: 'ready', port, tokens: Array.from({ length: SOCKETS }, () => 'raw'), senders: [], clientId: '' });
  process.once('SIGTERM', () => void io.close().then(() => process.exit(0)));
}

function rawView(body: string) {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    clientId: randomUUID(),
    seq: 1,
    change: 1,
    kind: 'message',
    author: { id: randomUUID(), name: 'Bench agency user', side: 'agency' },
    body,
    attachments: [],
    createdAt: now,
    editedAt: null,
    deletedAt: null,
  };
}

async function runAtrium(): Promise<void> {
  // Loaded here, not at the top: the parent and the raw server never load the application.
  const { loadConfig } = await import('../backend/src/config/load-config');
  const { createApp } = await import('../backend/src/create-app');
  const { DataSource } = await import('typeorm');
  const { Agency } = await import('../backend/src/core/tenancy/entities/agency.entity');
  const { AgencyMembership } = await import('../backend/src/core/tenancy/entities/agency-membership.entity');
  const { Client } = await import('../backend/src/core/tenancy/entities/client.entity');
  const { ClientMembership } = await import('../backend/src/core/tenancy/entities/client-membership.entity');
  const { User } = await import('../backend/src/core/tenancy/entities/user.entity');
  const { SessionService } = await import('../backend/src/modules/auth/session.service');
  const { CLIENT_PERMISSIONS } = await import('@atrium/shared');
  const entities = { Agency, AgencyMembership, Client, ClientMembership, User };

  const dialect = benchDialect();
  const cleanups: Array<() => Promise<void>> = [];
  let databaseEnv: Record<string, string>;
  if (dialect === 'sqlite') {
    const file = throwawaySqliteFile();
    cleanups.push(file.drop);
    databaseEnv = { DATABASE_TYPE: 'sqlite', DATABASE_PATH: file.path };
  } else {
    const database = await createThrowawayDatabase();
    cleanups.push(database.drop);
    databaseEnv = {
      DATABASE_TYPE: dialect,
      DATABASE_HOST: database.server.host,
      DATABASE_PORT: String(database.server.port),
      DATABASE_USER: database.server.user,
      DATABASE_PASSWORD: database.server.password,
      DATABASE_NAME: database.name,
    };
  }
  const mediaDir = mkdtempSync(join(tmpdir(), 'atrium-bench-media-'));
  cleanups.push(async () => rmSync(mediaDir, { recursive: true, force: true }));
  const config = loadConfig({
    NODE_ENV: 'production',
    APP_URL: 'https://portal.bench.test',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    // Required in production; nothing is delivered (workers off).
    SMTP_URL: 'smtp://127.0.0.1:2525',
    RUN_WORKERS: 'false',
    MEDIA_DIR: mediaDir,
    ...databaseEnv,
  });
  const app = await createApp(config);
  cleanups.unshift(() => app.close());
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const db = app.get(DataSource);

  const agency = await db
    .getRepository(entities.Agency)
    .save(db.getRepository(entities.Agency).create({ name: 'Bench agency', plan: 'full', status: 'active' }));
  const client = await db
    .getRepository(entities.Client)
    .save(
      db
        .getRepository(entities.Client)
        .create({ agencyId: agency.id, name: 'Bench client', permissions: [...CLIENT_PERMISSIONS] }),
    );
  const agencyCount = Math.round(SOCKETS * AGENCY_SHARE);
  const users = Array.from({ length: SOCKETS + SENDERS }, (_, i) =>
    db.getRepository(entities.User).create({
      id: randomUUID(),
      agencyId: agency.id,
      kind: i < agencyCount + SENDERS ? 'agency' : 'client',
      email: `fanout-${i}@bench.test`,
      name: `Person ${i}`,
      passwordHash: null,
      emailConfirmedAt: new Date(),
      lastLoginAt: null,
    }),
  );
  await db.transaction(async (manager) => {
    for (let at = 0; at < users.length; at += 500) {
      const slice = users.slice(at, at + 500);
      await manager.createQueryBuilder().insert().into(entities.User).values(slice).updateEntity(false).execute();
      const agencyPeople = slice.filter((u) => u.kind === 'agency');
      const clientPeople = slice.filter((u) => u.kind === 'client');
      if (agencyPeople.length > 0) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(entities.AgencyMembership)
          .values(
            agencyPeople.map((u) =>
              manager
                .getRepository(entities.AgencyMembership)
                .create({ agencyId: agency.id, userId: u.id, role: 'member' }),
            ),
          )
          .execute();
      }
      if (clientPeople.length > 0) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(entities.ClientMembership)
          .values(
            clientPeople.map((u) =>
              manager
                .getRepository(entities.ClientMembership)
                .create({ agencyId: agency.id, clientId: client.id, userId: u.id, role: 'member' }),
            ),
          )
          .execute();
      }
    }
  });
  // Sessions as a sign-in makes them (without 1,000 password hashes and the sign-in rate limits).
  const sessions = app.get(SessionService);
  const meta = { ip: '127.0.0.1', userAgent: 'bench', portalHost: null };
  const tokens: string[] = [];
  for (const user of users) tokens.push((await sessions.start(user.id, meta)).accessToken);

  answerMemoryRequests();
  reply({ kind: 'ready', port, tokens: tokens.slice(SENDERS), senders: tokens.slice(0, SENDERS), clientId: client.id });
  process.once('SIGTERM', () => {
    void (async () => {
      for (const cleanup of cleanups) await cleanup().catch(() => undefined);
      process.exit(0);
    })();
  });
}

// ---- Small things ---------------------------------------------------------------------------------

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

const role = process.env['BENCH_ROLE'];
const run = role === 'atrium' ? runAtrium : role === 'raw' ? runRaw : main;
run().catch((error: unknown) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (role) reply({ kind: 'error', error: text });
  console.error(text);
  process.exit(1);
});
