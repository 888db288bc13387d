import { createServer, type AddressInfo } from 'node:net';
import type { LoggerService } from '@nestjs/common';
import { BullConnections } from '../jobs/bull-connections';
import { createRedisClient } from './redis-client';

/** A port nothing listens on: connecting to it fails at once with ECONNREFUSED. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function capturingLogger(): LoggerService & { warnings: unknown[] } {
  const warnings: unknown[] = [];
  return { warnings, log: () => undefined, error: () => undefined, warn: (message: unknown) => warnings.push(message) };
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('Redis clients', () => {
  let consoleError: jest.SpyInstance;
  beforeEach(() => (consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)));
  afterEach(() => consoleError.mockRestore());

  const unhandledLines = () =>
    consoleError.mock.calls.filter((call) => String(call[0]).includes('Unhandled error event'));

  it('logs connection errors as one JSON entry per period, never as an unhandled error event', async () => {
    const logger = capturingLogger();
    let reconnects = 0;
    const client = createRedisClient(
      'test',
      `redis://127.0.0.1:${await closedPort()}`,
      { retryStrategy: () => 5, maxRetriesPerRequest: 0 },
      logger,
    );
    client.on('reconnecting', () => (reconnects += 1));
    try {
      // Several reconnect attempts fail; the first is logged, the rest wait for the next period.
      await waitFor(() => reconnects >= 4);
      expect(logger.warnings).toEqual([
        expect.objectContaining({
          msg: 'Redis connection error',
          client: 'test',
          error: expect.stringMatching(/ECONNREFUSED/),
        }),
      ]);
      expect(unhandledLines()).toEqual([]);
    } finally {
      client.disconnect();
    }
  });

  it("gives Bull's connections (command, events, blocking) the same logging listener", async () => {
    const logger = capturingLogger();
    const connections = new BullConnections(`redis://127.0.0.1:${await closedPort()}`, logger);
    const clients = (['client', 'subscriber', 'bclient'] as const).map((type) => connections.createClient(type));
    try {
      // Bull attaches its own listener later; ours must be there from the start.
      for (const client of clients) expect(client.listenerCount('error')).toBe(1);
      await waitFor(() => logger.warnings.length >= 3);
      expect(logger.warnings).toEqual(
        expect.arrayContaining(
          ['bull-client', 'bull-subscriber', 'bull-bclient'].map((client) =>
            expect.objectContaining({ msg: 'Redis connection error', client }),
          ),
        ),
      );
      expect(unhandledLines()).toEqual([]);
      // Command and event connections are shared by every queue; blocking ones are not.
      expect(connections.createClient('client')).toBe(clients[0]);
      expect(connections.createClient('bclient')).not.toBe(clients[2]);
    } finally {
      await connections.close();
    }
  });
});
