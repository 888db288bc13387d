import { type ChildProcess, spawn } from 'node:child_process';
import { promises as dns } from 'node:dns';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The records a test wants DNS to answer with; everything else is NXDOMAIN. */
export interface DnsRecords {
  /** One TXT record each; an array value is one record split into several character strings. */
  txt?: Array<{ name: string; value: string | string[] }>;
  /** `alias` CNAME `target` (dnsmasq answers it only when `target` is among `hosts`). */
  cname?: Array<{ alias: string; target: string }>;
  /** A / AAAA records. */
  hosts?: Array<{ name: string; address: string }>;
}

const PROBE = 'probe.dns-harness.invalid';
/** Debian installs it in /usr/sbin, which a normal user's PATH may lack. */
const DNSMASQ = existsSync('/usr/sbin/dnsmasq') ? '/usr/sbin/dnsmasq' : 'dnsmasq';
const START_TIMEOUT_MS = 5000;

/**
 * A real DNS server for tests: dnsmasq on 127.0.0.1 and a free port, answering only from the
 * records it is given (no upstream, no /etc/hosts). Changing the records rewrites its
 * configuration and restarts it. Point the application at it with DNS_RESOLVER=`address`.
 */
export class DnsServer {
  private process: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'atrium-dns-'));

  private constructor(readonly port: number) {}

  /** `127.0.0.1:<port>`, as DNS_RESOLVER takes it. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async start(records: DnsRecords = {}): Promise<DnsServer> {
    const server = new DnsServer(await freePort());
    await server.publish(records);
    return server;
  }

  /** Serves exactly these records from now on. */
  async publish(records: DnsRecords): Promise<void> {
    await this.stopProcess();
    const conf = join(this.dir, 'dnsmasq.conf');
    writeFileSync(conf, configuration(this.port, records));
    const child = spawn(DNSMASQ, ['--keep-in-foreground', `--conf-file=${conf}`, '--log-facility=-', '--pid-file='], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    this.process = child;
    await this.waitUntilAnswering(child, () => output);
  }

  async stop(): Promise<void> {
    await this.stopProcess();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitUntilAnswering(child: ChildProcess, output: () => string): Promise<void> {
    const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
    resolver.setServers([this.address]);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`dnsmasq exited (${child.exitCode}): ${output()}`);
      try {
        await resolver.resolveTxt(PROBE);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error(`dnsmasq did not answer on ${this.address} within ${START_TIMEOUT_MS} ms: ${output()}`);
  }

  private async stopProcess(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}

function configuration(port: number, records: DnsRecords): string {
  const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;
  return [
    'no-resolv',
    'no-hosts',
    'bind-interfaces',
    'listen-address=127.0.0.1',
    `port=${port}`,
    // Authoritative for every name: what is not listed is NXDOMAIN, never a forwarding failure.
    'local=/#/',
    // Answers are not cached by clients between a test's steps.
    'local-ttl=0',
    `txt-record=${PROBE},ok`,
    ...(records.txt ?? []).map(
      ({ name, value }) => `txt-record=${name},${(Array.isArray(value) ? value : [value]).map(quote).join(',')}`,
    ),
    ...(records.hosts ?? []).map(({ name, address }) => `host-record=${name},${address}`),
    ...(records.cname ?? []).map(({ alias, target }) => `cname=${alias},${target}`),
    '',
  ].join('\n');
}

/** A port free on 127.0.0.1 for both UDP and TCP (dnsmasq listens on both). */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const socket = createSocket('udp4');
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => {
        const { port: bound } = socket.address();
        socket.close(() => resolve(bound));
      });
    });
    const tcpFree = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (tcpFree) return port;
  }
  throw new Error('No free port for the DNS server');
}
