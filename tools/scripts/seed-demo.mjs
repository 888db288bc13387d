#!/usr/bin/env node
/**
 * `npm run seed:demo`: fills an empty database with the demo agencies, clients and users (see the
 * README for the sign-ins). Uses the same configuration as `npm start` (SQLite in ./data unless
 * DATABASE_* variables say otherwise). A database that already holds data is left alone.
 */
import { spawnSync } from 'node:child_process';
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
const build = spawnSync('npx', ['nx', 'build', 'backend', '--output-style=static'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const seed = spawnSync(process.execPath, [join(root, 'dist/backend/cli.js'), 'seed-demo'], {
  cwd: root,
  env: {
    ...env,
    DATABASE_PATH: env.DATABASE_PATH ?? join(root, 'data/atrium.sqlite'),
    ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? loadOrCreateSecrets(join(root, 'data/secrets.json')).ENCRYPTION_KEY,
  },
  stdio: 'inherit',
});
process.exit(seed.status ?? 1);
