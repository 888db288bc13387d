import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { OutboxEmail } from '../src/core/mail/outbox-email.entity';
import { OutboxSweeperService } from '../src/core/mail/outbox-sweeper.service';
import { JobQueue } from '../src/core/jobs/job-queue';
import { uniqueEmail } from './support/factories';
import { decodedBody } from './support/test-smtp';
import { startTestApp, TestApp } from './support/test-app';

interface Received {
  to: string[];
  body: string;
}

/** A real SMTP server on loopback that can be told to refuse the next messages. */
async function startSmtp(): Promise<{
  port: number;
  received: Received[];
  failNext: (n: number) => void;
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          const error = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          body,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    failNext: (n) => (failures = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Email outbox over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Atrium <no-reply@atrium.test>',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const signup = (email: string) =>
    t.http().post('/api/v1/auth/signup').send({
      agencyName: 'Mail Agency',
      name: 'Mo Mail',
      email,
      password: 'a perfectly fine passphrase',
    });

  it('delivers the confirmation email through the job queue to the SMTP server', async () => {
    const email = uniqueEmail('smtp');
    expect((await signup(email)).status).toBe(201);
    const message = await until(async () => smtp.received.find((m) => m.to.includes(email)), 'delivery');
    // Quoted-printable (long lines of the MJML layout) may split the link: read the decoded message.
    const body = decodedBody(message.body);
    expect(body).toContain('Confirm your email for Atrium');
    expect(body).toContain('https://portal.atrium.test/confirm-email?token=');
    // The SMTP server has the message a moment before the sender hears back and records it.
    const row = await until(async () => (await t.emailsTo(email)).find((r) => r.status === 'sent'), 'the sent status');
    expect(row.sentAt).not.toBeNull();
  });

  it('keeps a refused email, retries it after the backoff, and delivers it once', async () => {
    smtp.failNext(1);
    const email = uniqueEmail('retry');
    await signup(email);
    const failed = await until(async () => {
      const [row] = await t.emailsTo(email);
      return row && row.status === 'pending' && row.attempts === 1 ? row : null;
    }, 'the first, refused attempt');
    expect(failed.lastError).toMatch(/temporarily unavailable/);
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    // Fast-forward the backoff and let the sweeper (what the schedule runs) pick it up again.
    await t.db.getRepository(OutboxEmail).update({ id: failed.id }, { nextAttemptAt: new Date(Date.now() - 1000) });
    await t.app.get(OutboxSweeperService).sweep();
    await until(async () => (await t.emailsTo(email))[0]?.status === 'sent', 'the retry');
    await t.app.get(JobQueue).drain();
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(1);
    expect((await t.emailsTo(email))[0].attempts).toBe(2);
  });

  it('sends nothing when the transaction that wrote the email rolls back', async () => {
    const before = await t.db.getRepository(OutboxEmail).count();
    // A 10,000-character name fails validation before anything is written.
    const response = await t
      .http()
      .post('/api/v1/auth/signup')
      .send({
        agencyName: 'x'.repeat(10_000),
        name: 'N',
        email: uniqueEmail('rb'),
        password: 'a perfectly fine passphrase',
      });
    expect(response.status).toBe(400);
    // And a failure inside the transaction leaves no row either.
    await expect(
      t.db.transaction(async (manager) => {
        await manager.getRepository(OutboxEmail).save(
          manager.getRepository(OutboxEmail).create({
            agencyId: null,
            toAddress: 'x@example.com',
            subject: 's',
            textBody: 't',
            htmlBody: 'h',
            status: 'pending',
          }),
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t.db.getRepository(OutboxEmail).count()).toBe(before);
  });

  it('delivers an email whose enqueue was lost, through the sweeper', async () => {
    const row = await t.db.getRepository(OutboxEmail).save(
      t.db.getRepository(OutboxEmail).create({
        agencyId: null,
        toAddress: 'orphan@example.com',
        subject: 'Orphan',
        textBody: 'hello',
        htmlBody: '<p>hello</p>',
        status: 'pending',
      }),
    );
    expect(await t.app.get(OutboxSweeperService).sweep()).toBeGreaterThanOrEqual(1);
    await until(
      async () => (await t.db.getRepository(OutboxEmail).findOneBy({ id: row.id }))?.status === 'sent',
      'the sweep delivery',
    );
    expect(smtp.received.some((m) => m.to.includes('orphan@example.com'))).toBe(true);
  });

  it('has no dev mailbox when SMTP is configured', async () => {
    expect((await t.http().get('/api/v1/dev/mailbox')).status).toBe(404);
  });
});

describe('Captured email (no SMTP)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('keeps every email readable in the dev mailbox, newest first', async () => {
    const email = uniqueEmail('captured');
    await t.http().post('/api/v1/auth/signup').send({
      agencyName: 'Cap',
      name: 'Cap Tured',
      email,
      password: 'a perfectly fine passphrase',
    });
    const list = await t.http().get('/api/v1/dev/mailbox');
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({
      to: email,
      subject: 'Confirm your email for Atrium',
      status: 'captured',
    });
    const one = await t.http().get(`/api/v1/dev/mailbox/${list.body[0].id}`);
    expect(one.body.html).toContain('Confirm my email');
    expect((await t.http().get('/api/v1/dev/mailbox/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.http().get('/api/v1/dev/mailbox/not-a-uuid')).status).toBe(400);
  });
});
