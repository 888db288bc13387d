#!/usr/bin/env node
/**
 * `npm start`: builds the backend and the frontend (Nx caches both), then runs Atrium on its
 * embedded defaults: SQLite in ./data, in-process jobs, captured email, the built frontend served
 * by the backend. Any variable from the README's configuration table overrides a default.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOrCreateSecrets } from './secrets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = {
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  ...process.env,
};

const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'backend,frontend', '--output-style=static'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const frontendDir = join(root, 'dist/frontend/browser');
const secrets = loadOrCreateSecrets(join(root, 'data/secrets.json'));
const serverEnv = {
  ...env,
  DATABASE_TYPE: env.DATABASE_TYPE ?? 'sqlite',
  DATABASE_PATH: env.DATABASE_PATH ?? join(root, 'data/atrium.sqlite'),
  MEDIA_DIR: env.MEDIA_DIR ?? join(root, 'data/media'),
  // The self-signed certificate that seals contracts is made here on first start (data/signing).
  SIGNING_DIR: env.SIGNING_DIR ?? join(root, 'data'),
  FRONTEND_DIR: env.FRONTEND_DIR ?? (existsSync(frontendDir) ? frontendDir : ''),
  JWT_SECRET: env.JWT_SECRET ?? secrets.JWT_SECRET,
  ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? secrets.ENCRYPTION_KEY,
};
// The same Node flags as the production image (docker/backend.Dockerfile).
const server = spawn(process.execPath, ['--max-semi-space-size=32', join(root, 'dist/backend/main.js')], {
  cwd: root,
  env: serverEnv,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
