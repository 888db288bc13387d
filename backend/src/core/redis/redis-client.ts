import { Logger, type LoggerService } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';

/** An outage makes ioredis emit an error on every reconnect attempt; one line per period is enough. */
export const REDIS_ERROR_LOG_EVERY_MS = 30_000;

/**
 * Every ioredis client Atrium creates goes through here, so each one has an `error` listener.
 * Without a listener ioredis prints "[ioredis] Unhandled error event" with a stack to stderr as
 * plain text, outside the JSON log, once per reconnect attempt. Here a failing client logs one JSON
 * warning per period, with the number of errors it left out.
 */
export function createRedisClient(
  name: string,
  target: string | RedisOptions,
  options: RedisOptions = {},
  logger: LoggerService = new Logger('Redis'),
): Redis {
  const client = typeof target === 'string' ? new Redis(target, options) : new Redis({ ...target, ...options });
  attachErrorLogging(client, name, logger);
  return client;
}

export function attachErrorLogging(client: Redis, name: string, logger: LoggerService): void {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  client.on('error', (error: unknown) => {
    const now = Date.now();
    if (now - lastLoggedAt < REDIS_ERROR_LOG_EVERY_MS) {
      suppressed += 1;
      return;
    }
    lastLoggedAt = now;
    logger.warn({
      msg: 'Redis connection error',
      client: name,
      error: error instanceof Error ? error.message : String(error),
      ...(suppressed > 0 ? { errorsSinceLastLine: suppressed } : {}),
    });
    suppressed = 0;
  });
}
