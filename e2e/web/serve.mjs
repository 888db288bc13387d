// The server Playwright tests run against: the built backend serving the built frontend, on a
// fresh SQLite database filled with the demo data, emails captured for the dev mailbox.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const port = process.env.E2E_WEB_PORT ?? '4320';
const dataDir = mkdtempSync(join(tmpdir(), 'atrium-web-'));
const env = {
  PATH: process.env.PATH,
  NODE_ENV: 'development',
  PORT: port,
  HOST: '127.0.0.1',
  APP_URL: `http://127.0.0.1:${port}`,
  DATABASE_PATH: join(dataDir, 'atrium.sqlite'),
  MEDIA_DIR: join(dataDir, 'media'),
  SIGNING_DIR: dataDir,
  JWT_SECRET: randomBytes(32).toString('hex'),
  // Shared by the seed and the server: the demo accounts' tokens are sealed with it.
  ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  // Due posts go out within a second, so the browser tests can watch one publish.
  PUBLISH_POLL_MS: '1000',
  // Messages left unread are emailed after 3 s (not 5 minutes), looked for twice a second.
  MESSAGE_EMAIL_DELAY_MS: '3000',
  MESSAGE_EMAIL_POLL_MS: '500',
  FRONTEND_DIR: join(root, 'dist/frontend/browser'),
  LOG_LEVEL: 'warn',
  // As behind a reverse proxy: tests that play many people give each its own address
  // (X-Forwarded-For, see support.ts), so the per-address sign-in limit sees people, not one host.
  TRUST_PROXY: 'true',
};
execFileSync(process.execPath, [join(root, 'dist/backend/cli.js'), 'seed-demo'], { env, stdio: 'inherit' });
const server = spawn(process.execPath, [join(root, 'dist/backend/main.js')], {
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill('SIGTERM'));
server.on('exit', (code) => process.exit(code ?? 0));
