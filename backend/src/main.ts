import type { Server } from 'node:http';
import { INestApplication, Logger } from '@nestjs/common';
import { ConfigError } from './config/app-config';
import { loadConfig } from './config/load-config';
import { createApp } from './create-app';
import { drainThenClose } from './core/health/draining';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const server = app.getHttpServer() as Server;
  // Large uploads stream for a long time: Node's 5-minute default would cut a slow 1 GB upload off.
  server.requestTimeout = 60 * 60_000;
  // ...but a request body that stops arriving is cut off after REQUEST_IDLE_TIMEOUT_SECONDS
  // (bodyIdleTimeout, in the app so tests see it too), and any other connection that is silent for
  // two minutes is closed, rather than held for that hour.
  server.timeout = 2 * 60_000;
  const logger = new Logger('Atrium');
  stopGracefullyOnSignals(app, logger);
  if (config.jwtSecretGenerated) {
    logger.warn('JWT_SECRET is not set: using a random secret, so sign-ins end when the server restarts');
  }
  if (config.encryptionKeyGenerated) {
    logger.warn('ENCRYPTION_KEY is not set: connected social accounts will need reconnecting after a restart');
  }
  logger.log(
    `Atrium is running at ${config.appUrl} (database: ${config.database.type}, jobs: ${config.redisUrl ? 'Bull on Redis' : 'in-process'}, email: ${config.smtpUrl ? 'SMTP' : `captured, read them at ${config.appUrl}/dev/mailbox`})`,
  );
}

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests and jobs finish, close the
 * database and Redis, then exit 0. A shutdown that hangs is cut short after 25 seconds.
 */
function stopGracefullyOnSignals(app: INestApplication, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, 25_000).unref();
    // Readiness fails at once; in-flight requests finish before the server closes (core/health/draining.ts).
    drainThenClose(app).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(error instanceof Error ? error : String(error));
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
