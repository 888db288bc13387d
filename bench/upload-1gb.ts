/**
 * Streams a 1 GB upload through the portal's media endpoint and prints the throughput and how much
 * the backend's memory grew while it took the file (SPEC §8: a 1 GB upload streams with bounded
 * memory — tens of MB, not the file's size).
 *
 *   npm run bench:upload                 # needs the built backend (npx nx build backend)
 *   BENCH_UPLOAD_MB=256 npm run bench:upload
 *
 * The backend runs as its own process on 127.0.0.1 with a throwaway SQLite database and media
 * directory; its resident memory is sampled from /proc every 20 ms while the upload runs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist/backend/main.js');
const CLI = join(ROOT, 'dist/backend/cli.js');
const SIZE_MB = Number(process.env['BENCH_UPLOAD_MB'] ?? 1024);
const PORT = 4399;
const CHUNK = 1024 * 1024;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-upload-'));
  const env = {
    PATH: process.env['PATH'] ?? '',
    NODE_ENV: 'development',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    APP_URL: `http://127.0.0.1:${PORT}`,
    DATABASE_PATH: join(dir, 'atrium.sqlite'),
    MEDIA_DIR: join(dir, 'media'),
    MEDIA_MAX_FILE_MB: String(SIZE_MB + 16),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
  };
  execFileSync(process.execPath, [CLI, 'seed-demo'], { env, stdio: 'pipe' });
  const server = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitForHealth();
    const token = await signIn('anna@acme.test', 'atrium-demo-2026');
    const baseline = rssMb(server.pid as number);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid as number))), 20);
    const started = performance.now();
    const answer = await upload(token, SIZE_MB);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const stored = JSON.parse(answer) as { stored: Array<{ size: number }>; rejected: unknown[] };
    console.log(`Upload of ${SIZE_MB} MB through POST /api/v1/portal/media (local storage)`);
    console.log(`  stored: ${stored.stored[0]?.size ?? 0} bytes, rejected: ${JSON.stringify(stored.rejected)}`);
    console.log(`  time: ${seconds.toFixed(1)} s, throughput: ${(SIZE_MB / seconds).toFixed(1)} MB/s`);
    console.log(`  backend RSS: ${baseline.toFixed(1)} MB before, ${peak.toFixed(1)} MB at peak`);
    console.log(
      `  peak growth: ${(peak - baseline).toFixed(1)} MB for a ${SIZE_MB} MB file (${(((peak - baseline) / SIZE_MB) * 100).toFixed(1)}% of its size)`,
    );
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The backend did not start');
}

async function signIn(email: string, password: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A multipart body made on the fly: a JPEG signature, then `sizeMb` of filler, never held whole. */
function upload(token: string, sizeMb: number): Promise<string> {
  const boundary = `bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const first = Buffer.alloc(CHUNK, 0x5a);
  first.set([0xff, 0xd8, 0xff, 0xe0], 0);
  const filler = Buffer.alloc(CHUNK, 0x5a);
  const total = head.length + sizeMb * CHUNK + tail.length;
  return new Promise((resolveAnswer, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: PORT,
        path: '/api/v1/portal/media',
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': total,
        },
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (chunk: Buffer) => parts.push(chunk));
        response.on('end', () => resolveAnswer(Buffer.concat(parts).toString('utf8')));
      },
    );
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      if (sent === 0) req.write(head);
      while (sent < sizeMb) {
        sent++;
        if (!req.write(sent === 1 ? first : filler)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
