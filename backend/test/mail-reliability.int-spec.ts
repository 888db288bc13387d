import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { Repository } from 'typeorm';
import { JobQueue } from '../src/core/jobs/job-queue';
import { MAIL_DELIVERY_CONCURRENCY, SENT_BODY_MARKER } from '../src/core/mail/mail-delivery.service';
import { MailService } from '../src/core/mail/mail.service';
import { OutboxEmail } from '../src/core/mail/outbox-email.entity';
import { OutboxSweeperService } from '../src/core/mail/outbox-sweeper.service';
import { uniqueEmail } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';
import { decodedBody, headerOf, startTestSmtp, until } from './support/test-smtp';

/**
 * The outbox under faults: a database that fails right after the SMTP server accepted a message, a
 * worker that dies in that window, sweeps that repeat or overlap, a slow SMTP server. Bull runs on a
 * private Redis server started here (never the shared one), so its queues hold only these jobs.
 */

const MAIL_DOMAIN = 'atrium.test';

/** An outbox row written directly, as a committed transaction leaves it. */
async function pendingEmail(t: TestApp, to = uniqueEmail('reliable')): Promise<OutboxEmail> {
  const repository = t.db.getRepository(OutboxEmail);
  return repository.save(
    repository.create({
      agencyId: null,
      toAddress: to,
      subject: 'Your sign-in link',
      textBody: 'Sign in: https://portal.atrium.test/magic-link?token=live-token',
      htmlBody: '<a href="https://portal.atrium.test/magic-link?token=live-token">Sign in</a>',
      status: 'pending',
    }),
  );
}

const rowOf = (t: TestApp, id: string) => t.db.getRepository(OutboxEmail).findOneByOrFail({ id });

/**
 * Makes the first UPDATE that records an email as sent fail (as a database that went away right
 * after the SMTP accept), either with an error or by never answering (the process died there).
 */
function failRecordingSentOnce(how: 'throw' | 'hang'): {
  /** True once the UPDATE was attempted (and failed or hangs). */
  engaged: () => boolean;
  restore: () => void;
  release: () => void;
} {
  const original = Repository.prototype.update;
  let release: () => void = () => undefined;
  let failed = false;
  const spy = jest.spyOn(Repository.prototype, 'update').mockImplementation(function (
    this: Repository<OutboxEmail>,
    ...args: Parameters<Repository<OutboxEmail>['update']>
  ) {
    const changes = args[1] as Partial<OutboxEmail>;
    if (!failed && this.metadata.target === OutboxEmail && changes.status === 'sent') {
      failed = true;
      if (how === 'throw') return Promise.reject(new Error('Connection lost: The server closed the connection.'));
      return new Promise((_, reject) => (release = () => reject(new Error('gone'))));
    }
    return original.apply(this, args);
  });
  return { engaged: () => failed, restore: () => spy.mockRestore(), release: () => release() };
}

describe('Outbox delivery when the bookkeeping fails', () => {
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: `Atrium <no-reply@${MAIL_DOMAIN}>`,
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const deliveriesTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  it('sends once when recording the send fails after the SMTP accept, and records it on a retry', async () => {
    const fault = failRecordingSentOnce('throw');
    try {
      const email = await pendingEmail(t);
      await t.app.get(MailService).dispatch([email.id]);
      await until(async () => (await rowOf(t, email.id)).status === 'sent', 'the send to be recorded');
      await t.app.get(JobQueue).drain();

      // Even when the row is due again and swept, it is not sent a second time.
      await t.app.get(OutboxSweeperService).sweep();
      await t.app.get(JobQueue).drain();
      const delivered = deliveriesTo(email.toAddress);
      expect(delivered).toHaveLength(1);
      expect(headerOf(delivered[0].body, 'Message-ID')).toBe(`<${email.id}@${MAIL_DOMAIN}>`);
      expect(await rowOf(t, email.id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    } finally {
      fault.restore();
    }
  });

  it('sends again with the same Message-ID when the worker died between the accept and the bookkeeping', async () => {
    const fault = failRecordingSentOnce('hang');
    try {
      const email = await pendingEmail(t);
      await t.app.get(MailService).dispatch([email.id]);
      await until(async () => deliveriesTo(email.toAddress).length === 1, 'the first delivery');
      await until(async () => fault.engaged(), 'the bookkeeping to hang');
      const left = await rowOf(t, email.id);
      expect(left.status).toBe('sending');
      fault.restore();

      // The sweeper takes back a claim older than five minutes, as it would after the crash.
      await t.db.getRepository(OutboxEmail).update({ id: email.id }, { claimedAt: new Date(Date.now() - 6 * 60_000) });
      await t.app.get(OutboxSweeperService).sweep();
      await until(async () => deliveriesTo(email.toAddress).length === 2, 'the second delivery');
      await until(async () => (await rowOf(t, email.id)).status === 'sent', 'the second send to be recorded');

      const ids = deliveriesTo(email.toAddress).map((m) => headerOf(m.body, 'Message-ID'));
      expect(ids).toEqual([`<${email.id}@${MAIL_DOMAIN}>`, `<${email.id}@${MAIL_DOMAIN}>`]);
    } finally {
      fault.release();
      fault.restore();
    }
  });

  it('keeps no usable link in the database once an email is sent', async () => {
    const address = uniqueEmail('purge');
    const signup = await t.http().post('/api/v1/auth/signup').send({
      agencyName: 'Purge Agency',
      name: 'Pat Purge',
      email: address,
      password: 'a perfectly fine passphrase',
    });
    expect(signup.status).toBe(201);
    const [row] = await t.emailsTo(address);
    await until(async () => (await rowOf(t, row.id)).status === 'sent', 'the send to be recorded');

    const message = decodedBody((await until(async () => deliveriesTo(address)[0], 'the delivery')).body);
    const token = /confirm-email\?token=([A-Za-z0-9_-]+)/.exec(message)?.[1];
    expect(token).toBeDefined();
    expect(await rowOf(t, row.id)).toMatchObject({ textBody: SENT_BODY_MARKER, htmlBody: SENT_BODY_MARKER });
    const everything = await t.db.getRepository(OutboxEmail).find();
    expect(everything.filter((r) => `${r.textBody}${r.htmlBody}${r.subject}`.includes(token as string))).toEqual([]);
  });

  it('clears the bodies of emails sent before this version, on upgrade', async () => {
    const old = await pendingEmail(t);
    await t.db.getRepository(OutboxEmail).update({ id: old.id }, { status: 'sent', sentAt: new Date() });
    const migration = t.db.migrations.find((m) => m.name?.startsWith('PurgeSentEmailBodies'));
    if (!migration) throw new Error('The PurgeSentEmailBodies migration is not registered');
    const runner = t.db.createQueryRunner();
    try {
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await rowOf(t, old.id)).toMatchObject({ textBody: SENT_BODY_MARKER, htmlBody: SENT_BODY_MARKER });
  });

  it('never runs two sweeps of one instance at once', async () => {
    const sweeper = t.app.get(OutboxSweeperService);
    let release: () => void = () => undefined;
    // The first sweep outlasts the interval (as with Redis away); any later one would end at once.
    const sweep = jest
      .spyOn(sweeper, 'sweep')
      .mockImplementationOnce(() => new Promise<number>((resolve) => (release = () => resolve(0))))
      .mockImplementation(async () => 0);
    try {
      const first = sweeper.tick();
      await until(async () => sweep.mock.calls.length === 1, 'the first sweep');
      // The next ticks fire while the first sweep still runs (this instance renews its own lease).
      await Promise.all([sweeper.tick(), sweeper.tick()]);
      release();
      await first;
      expect(sweep).toHaveBeenCalledTimes(1);
    } finally {
      sweep.mockRestore();
    }
  });
});

describe('Captured email (no SMTP) keeps its links for the dev mailbox', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('shows the link of a captured email', async () => {
    const address = uniqueEmail('captured-link');
    await t.http().post('/api/v1/auth/signup').send({
      agencyName: 'Cap Agency',
      name: 'Cap Link',
      email: address,
      password: 'a perfectly fine passphrase',
    });
    const list = await t.http().get('/api/v1/dev/mailbox');
    const entry = (list.body as Array<{ id: string; to: string }>).find((e) => e.to === address);
    const one = await t.http().get(`/api/v1/dev/mailbox/${entry?.id}`);
    expect(one.status).toBe(200);
    expect(one.body.text).toMatch(/https:\/\/portal\.atrium\.test\/confirm-email\?token=[A-Za-z0-9_-]+/);
    expect(one.body.html).toMatch(/confirm-email\?token=[A-Za-z0-9_-]+/);
  });
});

/** A Redis server of this suite's own, on a free port, without persistence. */
async function startPrivateRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const server: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  await until(async () => (await client.ping().catch(() => null)) === 'PONG', 'the private Redis');
  client.disconnect();
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    },
  };
}

/** The outbox row of every delivery job stored in Redis, whatever queue holds it (Bull keeps each job in a hash). */
async function deliveryJobsIn(url: string): Promise<string[]> {
  const client = new Redis(url);
  try {
    const emailIds: string[] = [];
    for (const key of await client.keys('atrium:*')) {
      if ((await client.type(key)) !== 'hash') continue;
      const data = await client.hget(key, 'data');
      const emailId = data ? (JSON.parse(data) as { emailId?: string }).emailId : undefined;
      if (emailId) emailIds.push(emailId);
    }
    return emailIds;
  } finally {
    client.disconnect();
  }
}

async function flushRedis(url: string): Promise<void> {
  const client = new Redis(url);
  await client.flushall();
  client.disconnect();
}

describe('Delivery jobs on Bull (a private Redis)', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  beforeAll(async () => (redis = await startPrivateRedis()));
  afterAll(() => redis.stop());

  it('enqueues one job per due row however many times the sweeper runs', async () => {
    const smtp = await startTestSmtp();
    // No workers: the jobs stay waiting, as they do behind a backlog.
    const t = await startTestApp({
      REDIS_URL: redis.url,
      RUN_WORKERS: 'false',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    });
    try {
      const rows = [];
      for (let i = 0; i < 18; i += 1) rows.push(await pendingEmail(t));
      const sweeper = t.app.get(OutboxSweeperService);
      await sweeper.sweep();
      await Promise.all([sweeper.sweep(), sweeper.sweep()]);
      await sweeper.sweep();

      const jobs = await deliveryJobsIn(redis.url);
      expect(jobs).toHaveLength(18);
      expect(new Set(jobs)).toEqual(new Set(rows.map((r) => r.id)));
    } finally {
      // Nothing would ever take the waiting jobs: clear them so the app can drain and close.
      await flushRedis(redis.url);
      await t.close();
      await smtp.close();
    }
  });

  it('never delivers more emails at once than the delivery concurrency', async () => {
    const smtp = await startTestSmtp({ delayMs: 300 });
    const t = await startTestApp({ REDIS_URL: redis.url, SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    try {
      const rows = [];
      for (let i = 0; i < 3 * MAIL_DELIVERY_CONCURRENCY; i += 1) rows.push(await pendingEmail(t));
      await t.app.get(MailService).dispatch(rows.map((r) => r.id));
      await until(async () => smtp.received.length === rows.length, 'every delivery', 20_000);

      // Deliveries did overlap (the server is slow), but never beyond the configured concurrency.
      expect(smtp.maxInFlight()).toBeGreaterThan(1);
      expect(smtp.maxInFlight()).toBeLessThanOrEqual(MAIL_DELIVERY_CONCURRENCY);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
