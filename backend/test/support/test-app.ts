import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import { JobQueue, JOBS } from '../../src/core/jobs/job-queue';
import { OutboxEmail } from '../../src/core/mail/outbox-email.entity';
import { REDIS } from '../../src/core/redis/redis.module';
import type Redis from 'ioredis';
import { dropDatabase, testConfig } from './test-env';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  /** Emails written to the outbox for an address, newest first. */
  emailsTo(address: string): Promise<OutboxEmail[]>;
  /** The token in the newest email to an address whose link contains `path`. */
  tokenFromEmail(address: string, path: string): Promise<string>;
  close(): Promise<void>;
}

/** Boots the whole application (HTTP included) on a fresh database. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = await testConfig(overrides);
  const app = await createApp(config);
  // Listening (on loopback, a free port) lets the sandbox provider's server-to-server calls reach it.
  await app.listen(0, '127.0.0.1');
  const db = app.get(DataSource);
  if (config.redisUrl) {
    // Queues are shared between test apps on one Redis: start each app from an empty one.
    for (const name of Object.values(JOBS)) await app.get<Queue>(getQueueToken(name)).empty();
    // Rate-limit counters too: every test app talks from 127.0.0.1 and would share them.
    const redis = app.get<Redis | null>(REDIS);
    const keys = (await redis?.keys('atrium:rl:*')) ?? [];
    if (keys.length > 0) await redis?.del(...keys);
  }
  const server = app.getHttpServer();

  const emailsTo = (address: string) =>
    db.getRepository(OutboxEmail).find({
      where: { toAddress: address.toLowerCase() },
      order: { createdAt: 'DESC' },
    });

  return {
    app,
    config,
    db,
    http: () => request(server),
    emailsTo,
    async tokenFromEmail(address, path) {
      const [email] = await emailsTo(address);
      if (!email) throw new Error(`No email to ${address}`);
      const match = new RegExp(`${path.replace(/[/]/g, '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(email.textBody);
      if (!match) throw new Error(`No ${path} link in the email to ${address}: ${email.textBody}`);
      return match[1];
    },
    async close() {
      await app
        .get(JobQueue)
        .drain()
        .catch(() => undefined);
      await app.close();
      await dropDatabase(config);
    },
  };
}
