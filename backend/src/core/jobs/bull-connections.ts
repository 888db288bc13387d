import { Logger, type LoggerService } from '@nestjs/common';
import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { createRedisClient } from '../redis/redis-client';

type BullClientType = 'client' | 'subscriber' | 'bclient';

/** Bull's own reconnect schedule: quick at first, then every 20 s while Redis stays away. */
const retryStrategy = (times: number) => Math.min(Math.exp(times), 20_000);
const CLOSE_TIMEOUT_MS = 1000;

/**
 * The Redis connections of every Bull queue, made through `createRedisClient` (Bull's
 * `createClient` option) so each has a JSON-logging error listener. The command and event
 * connections are shared by all queues; each queue gets its own blocking connection, as Bull
 * requires. Bull does not close connections it did not create: `close()` does, after the queues.
 */
export class BullConnections {
  private readonly shared = new Map<'client' | 'subscriber', Redis>();
  private readonly all = new Set<Redis>();

  constructor(
    private readonly redisUrl: string,
    private readonly logger: LoggerService = new Logger('Redis'),
  ) {}

  readonly createClient = (type: BullClientType): Redis => {
    if (type !== 'bclient') {
      const existing = this.shared.get(type);
      if (existing) return existing;
    }
    // Bull refuses blocking/subscriber connections that retry requests or wait for a ready check.
    const options: RedisOptions =
      type === 'client'
        ? { enableReadyCheck: false, retryStrategy }
        : { enableReadyCheck: false, maxRetriesPerRequest: null, retryStrategy };
    const client = createRedisClient(`bull-${type}`, this.redisUrl, options, this.logger);
    this.all.add(client);
    if (type !== 'bclient') this.shared.set(type, client);
    return client;
  };

  /** Every client created so far (for tests and shutdown). */
  get clients(): Redis[] {
    return [...this.all];
  }

  async close(): Promise<void> {
    await Promise.allSettled(
      [...this.all].map(async (client) => {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          client.quit().catch(() => undefined),
          new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS))),
        ]).finally(() => clearTimeout(timer));
        client.disconnect();
      }),
    );
    this.all.clear();
    this.shared.clear();
  }
}
