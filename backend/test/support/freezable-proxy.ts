import { createServer, Server, Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback between the application and a database server, which the test can
 * freeze: while frozen, nothing is forwarded in either direction and new connections wait
 * unanswered, exactly what a SIGSTOPped server looks like to its clients. The shared MariaDB
 * itself is never touched.
 */
export class FreezableProxy {
  private readonly server: Server;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private frozen = false;
  private readonly waiting: Array<() => void> = [];

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(targetHost: string, targetPort: number): Promise<FreezableProxy> {
    const proxy = new FreezableProxy(targetHost, targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  freeze(): void {
    this.frozen = true;
    for (const { client, upstream } of this.pairs) {
      client.pause();
      upstream.pause();
    }
  }

  unfreeze(): void {
    this.frozen = false;
    for (const { client, upstream } of this.pairs) {
      client.resume();
      upstream.resume();
    }
    for (const connectWaiting of this.waiting.splice(0)) connectWaiting();
  }

  async close(): Promise<void> {
    this.unfreeze();
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.pause();
    const open = () => {
      const upstream = connect(this.targetPort, this.targetHost);
      const pair = { client, upstream };
      this.pairs.add(pair);
      const end = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      // Forward by hand (not pipe) so a freeze also holds bytes already read from a socket.
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => client.write(chunk));
      if (this.frozen) upstream.pause();
      else client.resume();
    };
    if (this.frozen) this.waiting.push(open);
    else open();
  }
}
