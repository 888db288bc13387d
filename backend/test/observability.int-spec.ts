import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import request from 'supertest';
import { currentRequestId } from '../src/core/http/request-id';
import { JobQueue, JOBS } from '../src/core/jobs/job-queue';
import { OutboxEmail } from '../src/core/mail/outbox-email.entity';
import { AuthService } from '../src/modules/auth/auth.service';
import { startTestApp, TestApp } from './support/test-app';

const TOKEN = 'a-scraper-token-that-is-long-enough';

/** A port nothing listens on right now, for METRICS_PORT. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The value of one sample line (`name{labels} value`) in an exposition text, or null. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

describe('Metrics with METRICS_TOKEN: on the main port, for the token only', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ METRICS_TOKEN: TOKEN })));
  afterAll(() => t.close());

  it('refuses a scrape without the token, or with another one', async () => {
    const none = await t.http().get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.body).toMatchObject({ statusCode: 401, requestId: none.headers['x-request-id'] });
    expect(none.text).not.toContain('http_request_duration_seconds');
    const wrong = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}x`);
    expect(wrong.status).toBe(401);
    const basic = await t.http().get('/metrics').set('Authorization', `Basic ${TOKEN}`);
    expect(basic.status).toBe(401);
  });

  it('shows request durations under their route pattern, never the raw URL', async () => {
    await t.http().get('/api/health').expect(200);
    await t.http().get(`/api/v1/dev/mailbox/${randomUUID()}`).expect(404);
    await t.http().get('/api/v1/nothing-here/at-all').expect(404);

    const scrape = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = scrape.text;
    expect(
      sample(text, 'http_request_duration_seconds_count{method="GET",route="/api/health",status_code="200"}'),
    ).toBe(1);
    expect(
      sample(
        text,
        'http_request_duration_seconds_count{method="GET",route="/api/v1/dev/mailbox/:id",status_code="404"}',
      ),
    ).toBe(1);
    expect(
      sample(text, 'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('nothing-here');
    // Process metrics, under Atrium's prefix.
    expect(text).toContain('atrium_process_cpu_user_seconds_total');
  });

  it('times each job attempt by queue and outcome', async () => {
    const jobs = t.app.get(JobQueue);
    // No SMTP in the tests: delivery has nothing to send and completes at once.
    await jobs.enqueue(JOBS.deliverEmail, { emailId: randomUUID() });
    await jobs.drain();
    const text = (await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;
    expect(
      sample(text, 'atrium_job_duration_seconds_count{queue="mail.deliver",outcome="completed"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reads queue depths and the outbox backlog with its oldest email when scraped', async () => {
    const anHourAgo = new Date(Date.now() - 60 * 60_000);
    await t.db.getRepository(OutboxEmail).save(
      t.db.getRepository(OutboxEmail).create({
        agencyId: null,
        toAddress: 'waiting@example.com',
        subject: 'Waiting',
        fromName: null,
        replyTo: null,
        textBody: 'text',
        htmlBody: '<p>text</p>',
        status: 'pending',
        attempts: 1,
        lastError: null,
        createdAt: anHourAgo,
        // Not due yet: no sweep takes it while the test reads the backlog.
        nextAttemptAt: new Date(Date.now() + 60 * 60_000),
      }),
    );

    const text = (await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;
    expect(sample(text, 'atrium_queue_jobs{queue="mail.deliver",state="waiting"}')).toBe(0);
    expect(sample(text, 'atrium_queue_jobs{queue="mail.deliver",state="failed"}')).toBe(0);
    expect(sample(text, 'atrium_outbox_pending_emails')).toBe(1);
    expect(sample(text, 'atrium_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(3600);
    expect(text).toContain('# TYPE atrium_scheduler_last_run_age_seconds gauge');
    if (t.config.database.type === 'sqlite') expect(text).not.toContain('atrium_db_pool_connections');
    else expect(sample(text, 'atrium_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
  });
});

describe('Metrics with METRICS_PORT: on their own port only', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    t = await startTestApp({ METRICS_PORT: String(port) });
  });
  afterAll(() => t.close());

  it('answers /metrics on the metrics port and nothing else there', async () => {
    const metrics = request(`http://127.0.0.1:${port}`);
    const scrape = await metrics.get('/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.text).toContain('# TYPE http_request_duration_seconds histogram');
    expect((await metrics.get('/api/health')).status).toBe(404);
    expect((await metrics.post('/metrics')).status).toBe(404);
  });

  it('serves nothing at /metrics on the public port, token or not', async () => {
    expect((await t.http().get('/metrics')).status).toBe(404);
    expect((await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(404);
  });
});

describe('Metrics with neither setting', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('serves nothing at /metrics', async () => {
    const response = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('# TYPE');
  });

  it('passes on a safe X-Request-Id and puts the id in the error body; makes its own for anything else', async () => {
    const passed = await t.http().get(`/api/v1/dev/mailbox/${randomUUID()}`).set('X-Request-Id', 'lb-7f3a.2:retry_1');
    expect(passed.status).toBe(404);
    expect(passed.headers['x-request-id']).toBe('lb-7f3a.2:retry_1');
    expect(passed.body.requestId).toBe('lb-7f3a.2:retry_1');

    for (const unsafe of ['has space', 'x'.repeat(129), 'quote"d', '']) {
      const replaced = await t.http().get(`/api/v1/dev/mailbox/${randomUUID()}`).set('X-Request-Id', unsafe);
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(replaced.body.requestId).toBe(replaced.headers['x-request-id']);
    }

    const ok = await t.http().get('/api/health');
    expect(ok.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the request id in scope for the route, after its body has been read (so its log lines carry it)', async () => {
    const auth = t.app.get(AuthService);
    const login = auth.login.bind(auth);
    const seen: Array<string | undefined> = [];
    const spy = jest.spyOn(auth, 'login').mockImplementation((...args: Parameters<AuthService['login']>) => {
      seen.push(currentRequestId());
      return login(...args);
    });
    try {
      // The body arrives in two parts, the second after the request has been received: the route
      // then runs from the socket's events, not from the code that received the request.
      const server = t.app.getHttpServer() as Server;
      const body = JSON.stringify({ email: 'nobody@example.com', password: 'not the password at all' });
      const received = new Promise<void>((resolve) => server.once('request', () => resolve()));
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
      let raw = '';
      socket.on('data', (chunk) => (raw += chunk.toString()));
      const answered = new Promise<string>((resolve) => socket.on('close', () => resolve(raw)));
      socket.write(
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          `X-Request-Id: trace-login-1\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n` +
          body.slice(0, 10),
      );
      await received;
      socket.write(body.slice(10));
      const response = await answered;
      expect(response).toMatch(/^HTTP\/1\.1 401 /);
      expect(response).toContain('"requestId":"trace-login-1"');
      expect(seen).toEqual(['trace-login-1']);
    } finally {
      spy.mockRestore();
    }
    expect(currentRequestId()).toBeUndefined();
  });
});
