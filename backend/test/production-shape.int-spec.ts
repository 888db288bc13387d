import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REALTIME_PATH } from '@atrium/shared';
import { ConfigError } from '../src/config/app-config';
import { knownEnvironmentVariables, loadConfig } from '../src/config/load-config';
import { METRICS_PATH } from '../src/core/metrics/metrics-exposure';

/**
 * The production stack (docker-compose.yml and docker/) cannot be started where Atrium is
 * developed: there is no Docker engine. Everything that can be checked without one is checked
 * here: the compose file validates, the backend roles get a configuration the backend accepts,
 * the images copy files that exist, and the proxies in front send each path where the backend
 * serves it. Needs Debian's `docker-compose` (1.29) and `caddy`, as `npm test` does.
 */
const ROOT = resolve(__dirname, '../..');
const BACKEND_DOCKERFILE = 'docker/backend.Dockerfile';

type Service = {
  build?: { dockerfile?: string };
  environment?: Record<string, string | null>;
  network_mode?: string;
  /** `source:target[:mode]`, as docker-compose 1.29 writes them out. */
  volumes?: string[];
};

/** The secrets a real deployment puts in `.env` (the file's own are refused in production). */
const DEPLOYMENT_SECRETS = {
  JWT_SECRET: 'a-deployment-secret-of-forty-eight-characters-xx',
  ENCRYPTION_KEY: 'a-deployment-encryption-key-of-44-characters',
};

/**
 * Runs `docker-compose config` with only `env` as the shell environment and no `.env` file, and
 * gives back its output. docker-compose 1.29 predates the Compose Specification's top-level
 * `name` (which Compose v2, the `docker compose` the README uses, reads): that one key is left out.
 */
function composeConfig(env: Record<string, string>, ...flags: string[]): string {
  const file = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
  expect(file).toMatch(/^name: atrium$/m);
  const emptyEnvFile = join(mkdtempSync(join(tmpdir(), 'atrium-compose-')), '.env');
  writeFileSync(emptyEnvFile, '');
  return execFileSync(
    'docker-compose',
    ['-f', '-', '--project-directory', ROOT, '--env-file', emptyEnvFile, 'config', ...flags],
    { input: file.replace(/^name: atrium\n/m, ''), env: { PATH: process.env['PATH'], ...env }, encoding: 'utf8' },
  );
}

/** The stack as Compose resolves it (defaults filled in, anchors merged). */
function composeServices(env: Record<string, string>): Record<string, Service> {
  // PyYAML comes with docker-compose (it is written in Python): YAML to JSON without another package.
  const json = execFileSync(
    'python3',
    ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    { input: composeConfig(env), encoding: 'utf8' },
  );
  return (JSON.parse(json) as { services: Record<string, Service> }).services;
}

function backendRoles(services: Record<string, Service>): Array<[string, Service]> {
  return Object.entries(services).filter(([, service]) => service.build?.dockerfile === BACKEND_DOCKERFILE);
}

function environmentOf(service: Service): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, value ?? '']));
}

/** The `ENV` settings of a Dockerfile's last stage (the image that runs). */
function imageEnvironment(dockerfile: string): Record<string, string> {
  const stages = dockerfileInstructions(dockerfile)
    .join('\n')
    .split(/^FROM /m);
  const env: Record<string, string> = {};
  for (const line of stages[stages.length - 1].split('\n')) {
    if (!line.startsWith('ENV ')) continue;
    for (const [, name, value] of line.slice(4).matchAll(/([A-Z_][A-Z0-9_]*)=("[^"]*"|\S+)/g)) {
      env[name] = value.replace(/^"|"$/g, '');
    }
  }
  return env;
}

/** A Dockerfile's instructions, one a line (continuations joined, comments dropped). */
function dockerfileInstructions(dockerfile: string): string[] {
  return readFileSync(join(ROOT, dockerfile), 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Whether the build context leaves a path out, by the rules of `.dockerignore` (`!` re-includes). */
function dockerIgnores(path: string): boolean {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  let ignored = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const glob = (negated ? pattern.slice(1) : pattern).replace(/^\/+|\/+$/g, '');
    const source = glob
      .split('/')
      .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
      .join('/')
      .replace(/\.\*\//g, '(?:.*/)?');
    // A pattern that names a directory leaves out everything under it.
    if (new RegExp(`^${source}(?:/.*)?$`).test(path)) ignored = !negated;
  }
  return ignored;
}

/** nginx `location` blocks of the site template: modifier, path and whether it proxies. */
function nginxLocations(): Array<{ modifier: string; path: string; body: string }> {
  const template = readFileSync(join(ROOT, 'docker/nginx/default.conf.template'), 'utf8');
  // A block ends at a line holding only `}` (`${ATRIUM_...}` placeholders have braces too).
  return [...template.matchAll(/^\s*location\s+(=|\^~|~\*?)?\s*("[^"]+"|\S+)\s*\{([\s\S]*?)^\s*\}\s*$/gm)].map(
    ([, modifier, path, body]) => ({ modifier: modifier ?? '', path: path.replace(/^"|"$/g, ''), body }),
  );
}

/** The location nginx picks for a path: an exact match, else the longest prefix (regexes aside). */
function nginxLocationFor(path: string) {
  const locations = nginxLocations();
  const exact = locations.find((location) => location.modifier === '=' && location.path === path);
  if (exact) return exact;
  const prefixes = locations
    .filter((location) => (location.modifier === '' || location.modifier === '^~') && path.startsWith(location.path))
    .sort((a, b) => b.path.length - a.path.length);
  const longest = prefixes[0];
  if (longest?.modifier === '^~') return longest;
  const regex = locations.find((location) => location.modifier.startsWith('~') && new RegExp(location.path).test(path));
  return regex ?? longest;
}

function found(pattern: RegExp, text: string): RegExpExecArray {
  const match = pattern.exec(text);
  if (!match) throw new Error(`Nothing matches ${pattern}`);
  return match;
}

const proxies = (location: { body: string } | undefined) => /\bproxy_pass\b/.test(location?.body ?? '');

describe('The production shape (docker-compose.yml, docker/)', () => {
  const services = composeServices(DEPLOYMENT_SECRETS);
  const published = JSON.parse(readFileSync(join(ROOT, 'openapi/atrium.json'), 'utf8')) as { paths: object };

  it('has a compose file that docker-compose validates', () => {
    expect(() => composeConfig(DEPLOYMENT_SECRETS, '-q')).not.toThrow();
    expect(backendRoles(services).map(([name]) => name)).toEqual(expect.arrayContaining(['backend', 'worker']));
  });

  it('passes the backend roles only variables the configuration reader knows', () => {
    const known = new Set(knownEnvironmentVariables());
    const unknown = [
      ...Object.keys(imageEnvironment(BACKEND_DOCKERFILE)).map((name) => `${BACKEND_DOCKERFILE}: ${name}`),
      ...backendRoles(services).flatMap(([role, service]) =>
        Object.keys(environmentOf(service)).map((name) => `${role}: ${name}`),
      ),
    ].filter((entry) => !known.has(entry.split(': ')[1]));
    expect(unknown).toEqual([]);
  });

  it('gives every backend role a production configuration the backend accepts, once the secrets are set', () => {
    for (const [role, service] of backendRoles(services)) {
      const config = loadConfig({ ...imageEnvironment(BACKEND_DOCKERFILE), ...environmentOf(service) });
      // Several instances share one database, one Redis (queues, rate limits, live messages) and one bucket.
      expect({ role, env: config.env, database: config.database.type, storage: config.storage.driver }).toEqual({
        role,
        env: 'production',
        database: 'mysql',
        storage: 's3',
      });
      expect({ role, redis: config.redisUrl, smtp: config.smtpUrl !== null }).toEqual({
        role,
        redis: 'redis://redis:6379',
        smtp: true,
      });
    }
  });

  it('refuses to start production with the compose file’s placeholder secrets', () => {
    const backend = composeServices({})['backend'];
    const start = () => loadConfig({ ...imageEnvironment(BACKEND_DOCKERFILE), ...environmentOf(backend) });
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/JWT_SECRET still holds the placeholder/);
    expect(start).toThrow(/ENCRYPTION_KEY still holds the placeholder/);
  });

  it('copies and mounts only files that exist and are in the build context', () => {
    const missing: string[] = [];
    for (const dockerfile of readdirSync(join(ROOT, 'docker')).filter((name) => name.endsWith('.Dockerfile'))) {
      for (const instruction of dockerfileInstructions(`docker/${dockerfile}`)) {
        const match = /^(COPY|ADD)\s+(.*)$/.exec(instruction);
        if (!match) continue;
        const words = match[2].split(/\s+/);
        if (words.some((word) => word.startsWith('--from='))) continue;
        for (const source of words.filter((word) => !word.startsWith('--')).slice(0, -1)) {
          const path = source.replace(/^\.\/|\/$/g, '') || '.';
          if (!existsSync(join(ROOT, path)) || (path !== '.' && dockerIgnores(path))) {
            missing.push(`${dockerfile}: ${match[1]} ${source}`);
          }
        }
      }
    }
    for (const [name, service] of Object.entries(services)) {
      // Bind mounts (absolute paths once resolved); named volumes need nothing on disk.
      for (const source of (service.volumes ?? []).map((volume) => volume.split(':')[0])) {
        if (source.startsWith('/') && !existsSync(source)) missing.push(`${name}: volume ${source}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has nginx send every API route, live messages and health to a backend service, and never /metrics', () => {
    const [host, port] = environmentOf(services['frontend']).ATRIUM_BACKEND_UPSTREAM.split(':');
    expect(imageEnvironment('docker/frontend.Dockerfile').ATRIUM_BACKEND_UPSTREAM).toBe(`${host}:${port}`);
    expect(services[host]?.build?.dockerfile).toBe(BACKEND_DOCKERFILE);
    expect(environmentOf(services[host]).PORT).toBe(port);

    const notProxied = [...Object.keys(published.paths), `${REALTIME_PATH}/`, '/api/docs'].filter(
      (path) => !proxies(nginxLocationFor(path.replace(/\{[^}]+\}/g, 'x'))),
    );
    expect(notProxied).toEqual([]);
    // socket.io upgrades its connection to a WebSocket through the proxy.
    expect(nginxLocationFor(REALTIME_PATH)?.body).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(proxies(nginxLocationFor(METRICS_PATH))).toBe(false);
  });

  it('has Caddy send the API and pages to the backend, files to nginx, and never /metrics', () => {
    const caddyfile = readFileSync(join(ROOT, 'docker/Caddyfile'), 'utf8');
    expect(() =>
      execFileSync('caddy', ['adapt', '--config', join(ROOT, 'docker/Caddyfile'), '--adapter', 'caddyfile'], {
        stdio: 'pipe',
      }),
    ).not.toThrow();
    const [, backendHost, backendPort] = found(/dynamic a (\S+) (\d+)/, caddyfile);
    expect(environmentOf(services[backendHost]).PORT).toBe(backendPort);
    const [, frontendHost, frontendPort] = found(/reverse_proxy (\S+):(\d+)/, caddyfile);
    expect(services[frontendHost]).toBeDefined();
    expect(readFileSync(join(ROOT, 'docker/nginx/default.conf.template'), 'utf8')).toMatch(
      new RegExp(`listen ${frontendPort};`),
    );
    // The on-demand TLS question goes to the backend sharing Caddy's network namespace.
    const [, askPort] = found(/ask http:\/\/127\.0\.0\.1:(\d+)\/api\/internal\/tls-ask/, caddyfile);
    const asker = Object.values(services).find((service) => environmentOf(service).PORT === askPort);
    expect(asker?.network_mode).toBe('service:caddy');
    expect(caddyfile).toMatch(new RegExp(`handle ${METRICS_PATH}\\* \\{\\s*respond 404\\s*\\}`));
  });
});
