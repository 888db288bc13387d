#!/usr/bin/env node
/**
 * `npm start`: builds the backend and the frontend (Nx caches both), then runs Atrium on its
 * embedded defaults: SQLite in ./data, in-process jobs, captured email, the built frontend served
 * by the backend. Any variable from the README's configuration table overrides a default.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  FRONTEND_DIR: env.FRONTEND_DIR ?? (existsSync(frontendDir) ? frontendDir : ''),
  JWT_SECRET: env.JWT_SECRET ?? secrets.JWT_SECRET,
  ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? secrets.ENCRYPTION_KEY,
};
const server = spawn(process.execPath, [join(root, 'dist/backend/main.js')], {
  cwd: root,
  env: serverEnv,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

/**
 * Secrets of the embedded install, made once and kept beside the SQLite file, so sign-ins and
 * connected social accounts (whose tokens are encrypted with ENCRYPTION_KEY) survive restarts.
 */
function loadOrCreateSecrets(file) {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return secrets;
}
