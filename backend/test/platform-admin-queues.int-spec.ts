import { randomUUID } from 'node:crypto';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { JobQueue, JOBS } from '../src/core/jobs/job-queue';
import { OutboxEmail } from '../src/core/mail/outbox-email.entity';
import { MediaProcessingService } from '../src/modules/media/media-processing.service';
import { operatorSession, type OperatorSession } from './support/operator-session';
import { startTestApp, TestApp } from './support/test-app';
import { startTestSmtp, until } from './support/test-smtp';

/**
 * Queue and outbox control for operators (issue 19): counts, failed jobs with their error, retry
 * and discard; the outbox's backlog and a retry of emails given up on. Runs on the in-process
 * queue, and on Bull when TEST_REDIS_URL is set.
 */
describe('Platform admin: queues and outbox', () => {
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let t: TestApp;
  let operator: OperatorSession;
  let jobs: JobQueue;
  let processing: MediaProcessingService;

  const admin = () => ({
    get: (path: string) => t.http().get(`/api/v1/admin${path}`).set(operator.authHeader),
    post: (path: string) => t.http().post(`/api/v1/admin${path}`).set(operator.authHeader),
    delete: (path: string) => t.http().delete(`/api/v1/admin${path}`).set(operator.authHeader),
  });
  /** A thumbnail job whose run fails once with `message` (the processor's storage read, say). */
  const failingJob = async (message: string): Promise<string> => {
    const assetId = randomUUID();
    jest.spyOn(processing, 'process').mockRejectedValueOnce(new Error(message));
    await jobs.enqueue(JOBS.mediaThumbnail, { assetId }, { attempts: 1 });
    await jobs.drain();
    return assetId;
  };
  const failedThumbnails = async () =>
    (await admin().get(`/queues/${JOBS.mediaThumbnail}/failed?limit=10`).expect(200)).body.jobs as Array<{
      id: string;
      data: { assetId: string };
      error: string;
      attempts: number;
      failedAt: string;
    }>;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Atrium <no-reply@atrium.test>' });
    jobs = t.app.get(JobQueue);
    processing = t.app.get(MediaProcessingService);
    operator = await operatorSession(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  afterEach(() => jest.restoreAllMocks());

  it('lists every queue with its counts per state', async () => {
    const { body } = await admin().get('/queues').expect(200);
    expect(body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual(Object.values(JOBS).sort());
    for (const queue of body.queues) {
      expect(queue).toEqual({
        name: queue.name,
        waiting: expect.any(Number),
        active: expect.any(Number),
        delayed: expect.any(Number),
        failed: expect.any(Number),
        completed: expect.any(Number),
      });
    }
  });

  it('lists a failed job with its error, and a retry runs it again', async () => {
    const assetId = await failingJob('storage away for a moment');
    const [failed] = await failedThumbnails();
    expect(failed).toMatchObject({ data: { assetId }, error: 'storage away for a moment', attempts: 1 });
    expect(Date.now() - new Date(failed.failedAt).getTime()).toBeGreaterThanOrEqual(0);
    const counts = (await admin().get('/queues').expect(200)).body.queues.find(
      (queue: { name: string }) => queue.name === JOBS.mediaThumbnail,
    );
    expect(counts.failed).toBe(1);

    const run = jest.spyOn(processing, 'process');
    expect((await admin().post(`/queues/${JOBS.mediaThumbnail}/failed/${failed.id}/retry`).expect(200)).body).toEqual({
      count: 1,
    });
    await jobs.drain();
    expect(run).toHaveBeenCalledWith(assetId);
    expect(await failedThumbnails()).toEqual([]);
    const audit = await t.db.getRepository(AuditLog).findOneByOrFail({ action: 'platform_admin.failed_jobs_retried' });
    expect(audit).toMatchObject({ agencyId: null, targetType: 'queue', targetId: JOBS.mediaThumbnail });
    expect(audit.details).toMatchObject({ operatorId: operator.operatorId, jobId: failed.id, count: 1 });

    // Retrying it again: it is no longer failed.
    await admin().post(`/queues/${JOBS.mediaThumbnail}/failed/${failed.id}/retry`).expect(404);
  });

  it('retries every failed job of a queue', async () => {
    await failingJob('first');
    await failingJob('second');
    expect((await failedThumbnails()).map((job) => job.error).sort()).toEqual(['first', 'second']);
    expect((await admin().post(`/queues/${JOBS.mediaThumbnail}/failed/retry`).expect(200)).body).toEqual({ count: 2 });
    await jobs.drain();
    expect(await failedThumbnails()).toEqual([]);
  });

  it('discards one failed job, then all', async () => {
    await failingJob('to discard');
    const [failed] = await failedThumbnails();
    expect((await admin().delete(`/queues/${JOBS.mediaThumbnail}/failed/${failed.id}`).expect(200)).body).toEqual({
      count: 1,
    });
    expect(await failedThumbnails()).toEqual([]);
    await admin().delete(`/queues/${JOBS.mediaThumbnail}/failed/${failed.id}`).expect(404);

    await failingJob('one');
    await failingJob('two');
    expect((await admin().delete(`/queues/${JOBS.mediaThumbnail}/failed`).expect(200)).body).toEqual({ count: 2 });
    expect(await failedThumbnails()).toEqual([]);
    const audit = await t.db.getRepository(AuditLog).findBy({ action: 'platform_admin.failed_jobs_discarded' });
    expect(audit.map((entry) => entry.details?.count).sort()).toEqual([1, 2]);
  });

  it('answers 404 for an unknown queue and 400 for a bad limit', async () => {
    await admin().get('/queues/no.such-queue/failed').expect(404);
    await admin().post('/queues/no.such-queue/failed/retry').expect(404);
    await admin().delete('/queues/no.such-queue/failed/1').expect(404);
    await admin().get(`/queues/${JOBS.mediaThumbnail}/failed?limit=0`).expect(400);
    await admin().get(`/queues/${JOBS.mediaThumbnail}/failed?limit=many`).expect(400);
  });

  describe('outbox', () => {
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
    const email = (fields: Partial<OutboxEmail>) => {
      const repository = t.db.getRepository(OutboxEmail);
      return repository.save(
        repository.create({
          agencyId: null,
          toAddress: `${randomUUID()}@example.com`,
          subject: 'Hello',
          textBody: 'Hello there',
          htmlBody: '<p>Hello there</p>',
          status: 'pending',
          ...fields,
        }),
      );
    };

    it('counts emails per state with the age of the oldest waiting, and lists the failed ones', async () => {
      await t.db.getRepository(OutboxEmail).clear();
      // Waiting for a later attempt: not due, so no worker sends it during the test.
      await email({ status: 'pending', createdAt: hoursAgo(2), nextAttemptAt: hoursAgo(-1) });
      await email({ status: 'sent', sentAt: new Date() });
      const failed = await email({
        status: 'failed',
        attempts: 8,
        lastError: '550 Mailbox unavailable',
        claimedAt: hoursAgo(1),
        subject: 'Your invoice',
      });

      const { body } = await admin().get('/outbox').expect(200);
      expect(body).toMatchObject({ pending: 1, sending: 0, failed: 1, sent: 1, captured: 0 });
      expect(body.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(2 * 3600);
      expect(body.oldestPendingAgeSeconds).toBeLessThan(3 * 3600);

      const list = (await admin().get('/outbox/failed').expect(200)).body.emails;
      expect(list).toEqual([
        expect.objectContaining({
          id: failed.id,
          to: failed.toAddress,
          subject: 'Your invoice',
          agencyId: null,
          agencyName: null,
          lastError: '550 Mailbox unavailable',
          attempts: 8,
        }),
      ]);
    });

    it('sends a failed email again on retry, and 404s an id that is not a failed email', async () => {
      const failed = await email({ status: 'failed', attempts: 8, lastError: 'connection refused' });
      await admin().post(`/outbox/failed/${randomUUID()}/retry`).expect(404);
      await admin().post('/outbox/failed/not-a-uuid/retry').expect(400);
      expect((await admin().post(`/outbox/failed/${failed.id}/retry`).expect(200)).body).toEqual({ count: 1 });
      await until(async () => smtp.received.find((m) => m.to.includes(failed.toAddress)), 'the retried email');
      await jobs.drain();
      const row = await t.db.getRepository(OutboxEmail).findOneByOrFail({ id: failed.id });
      expect(row.status).toBe('sent');
      expect(row.attempts).toBe(9);
      const audit = await t.db
        .getRepository(AuditLog)
        .findOneByOrFail({ action: 'platform_admin.failed_emails_retried' });
      expect(audit).toMatchObject({ targetType: 'outbox_email', targetId: failed.id });
      expect(audit.details).toMatchObject({ operatorEmail: operator.email, count: 1 });
    });

    it('retries every failed email', async () => {
      await t.db.getRepository(OutboxEmail).clear();
      const rows = [
        await email({ status: 'failed', attempts: 8, lastError: 'x' }),
        await email({ status: 'failed', attempts: 8, lastError: 'y' }),
      ];
      expect((await admin().post('/outbox/failed/retry').expect(200)).body).toEqual({ count: 2 });
      for (const row of rows)
        await until(async () => smtp.received.find((m) => m.to.includes(row.toAddress)), row.toAddress);
      expect((await admin().get('/outbox').expect(200)).body.failed).toBe(0);
    });
  });
});
