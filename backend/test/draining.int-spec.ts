import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { drainThenClose } from '../src/core/health/draining';
import { dropDatabase } from './support/test-env';
import { startTestApp } from './support/test-app';

/**
 * Graceful shutdown as main.ts runs it on SIGTERM: readiness fails from the first moment (a load
 * balancer stops sending new work), liveness stays up (nobody kills a process that is finishing
 * its work), and a request already under way still gets its answer.
 */
describe('Draining on shutdown', () => {
  it('fails readiness at once, keeps liveness up, and still answers the in-flight request', async () => {
    const t = await startTestApp();
    const server = t.app.getHttpServer() as Server;
    const { port } = server.address() as AddressInfo;

    // A request under way when the shutdown starts: its body is still arriving.
    const body = JSON.stringify({ email: 'nobody-here@example.com', password: 'not the password at all' });
    const received = new Promise<void>((resolve) => server.once('request', () => resolve()));
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    socket.on('data', (chunk) => (raw += chunk.toString()));
    const answered = new Promise<string>((resolve) => socket.on('close', () => resolve(raw)));
    socket.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await received;

    let endDrain!: () => void;
    const drainHeld = new Promise<void>((resolve) => (endDrain = resolve));
    const closed = drainThenClose(t.app, () => drainHeld);
    try {
      const ready = await t.http().get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'error', checks: { shutdown: { status: 'down' } } });
      const live = await t.http().get('/api/health');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok' });
    } finally {
      endDrain();
    }

    // The server closes behind the request under way, which still gets a proper answer.
    socket.write(body.slice(10));
    const response = await answered;
    expect(response).toMatch(/^HTTP\/1\.1 4\d\d /);
    await closed;
    expect(server.listening).toBe(false);
    await dropDatabase(t.config);
  });
});
