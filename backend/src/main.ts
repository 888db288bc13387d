import { Logger } from '@nestjs/common';
import { ConfigError } from './config/app-config';
import { loadConfig } from './config/load-config';
import { createApp } from './create-app';

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
  const logger = new Logger('Atrium');
  if (config.jwtSecretGenerated) {
    logger.warn('JWT_SECRET is not set: using a random secret, so sign-ins end when the server restarts');
  }
  logger.log(
    `Atrium is running at ${config.appUrl} (database: ${config.database.type}, jobs: ${config.redisUrl ? 'Bull on Redis' : 'in-process'}, email: ${config.smtpUrl ? 'SMTP' : `captured, read them at ${config.appUrl}/dev/mailbox`})`,
  );
}

void main();
