import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real TLS machinery for tests, all on loopback: Pebble (Let's Encrypt's ACME test server) as the
 * certificate authority and Caddy with on-demand TLS in front, asking the application whether a
 * name may get a certificate. Pebble accepts every challenge (PEBBLE_VA_ALWAYS_VALID), so nothing
 * leaves the machine.
 */
export interface Pebble {
  /** The ACME directory URL. */
  directory: string;
  /** PEM of the CA that signed Pebble's own HTTPS certificate (Caddy's `acme_ca_root`). */
  httpsRootPem: string;
  /** PEM of the intermediate that signs the certificates Pebble issues (its management API). */
  issuerPem(): Promise<string>;
  stop(): Promise<void>;
}

export interface Caddy {
  httpsPort: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;

export async function startPebble(): Promise<Pebble> {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-pebble-'));
  const file = (name: string) => join(dir, name);
  // A throwaway CA and a certificate for 127.0.0.1, for Pebble's own HTTPS listener.
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Atrium test ACME root',
  );
  openssl('req', ...ec, '-keyout', file('pebble.key'), '-out', file('pebble.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl(
    'x509',
    '-req',
    '-in',
    file('pebble.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('pebble.pem'),
    '-days',
    '2',
    '-extfile',
    file('san.ext'),
  );

  const [port, managementPort, httpPort, tlsPort] = await freePorts(4);
  writeFileSync(
    file('pebble.json'),
    JSON.stringify({
      pebble: {
        listenAddress: `127.0.0.1:${port}`,
        managementListenAddress: `127.0.0.1:${managementPort}`,
        certificate: file('pebble.pem'),
        privateKey: file('pebble.key'),
        httpPort,
        tlsPort,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
      },
    }),
  );
  const child = run('pebble', ['-config', file('pebble.json')], {
    PEBBLE_VA_ALWAYS_VALID: '1',
    PEBBLE_VA_NOSLEEP: '1',
    // Pebble rejects 5% of nonces by default to exercise clients' retries; not wanted here.
    PEBBLE_WFE_NONCEREJECT: '0',
  });
  const httpsRootPem = readFileSync(file('ca.pem'), 'utf8');
  const get = (url: string) => httpsGet(url, httpsRootPem);
  await until(async () => (await get(`https://127.0.0.1:${port}/dir`)).status === 200, child, 'Pebble');
  return {
    directory: `https://127.0.0.1:${port}/dir`,
    httpsRootPem,
    issuerPem: async () => (await get(`https://127.0.0.1:${managementPort}/intermediates/0`)).body,
    stop: async () => {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Caddy serving every name with a certificate obtained on demand from `pebble`, if `askUrl` says 200. */
export async function startCaddy(pebble: Pebble, askUrl: string): Promise<Caddy> {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-caddy-'));
  const [httpPort, httpsPort] = await freePorts(2);
  writeFileSync(join(dir, 'acme-root.pem'), pebble.httpsRootPem);
  writeFileSync(
    join(dir, 'Caddyfile'),
    `{
	admin off
	storage file_system ${join(dir, 'data')}
	http_port ${httpPort}
	https_port ${httpsPort}
	default_bind 127.0.0.1
	skip_install_trust
	acme_ca ${pebble.directory}
	acme_ca_root ${join(dir, 'acme-root.pem')}
	on_demand_tls {
		ask ${askUrl}
	}
}

https:// {
	tls {
		on_demand
	}
	respond "portal"
}
`,
  );
  const child = run('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
    HOME: dir,
    XDG_DATA_HOME: join(dir, 'xdg-data'),
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
  });
  await until(() => canConnect(httpsPort), child, 'Caddy');
  return {
    httpsPort,
    stop: async () => {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Running extends ChildProcess {
  output: () => string;
}

function run(command: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }) as Running;
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.output = () => output;
  return child;
}

async function until(ready: () => Promise<boolean>, child: Running, name: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${child.output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop(child);
  throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS} ms: ${child.output()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca, timeout: 2000 }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Distinct free TCP ports on 127.0.0.1 (held together while choosing, so they differ). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
