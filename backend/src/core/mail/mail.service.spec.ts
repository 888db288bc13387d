import type { AppConfig } from '../../config/app-config';
import { JobQueue, type EnqueueOptions, type JobName } from '../jobs/job-queue';
import type { TenantData } from '../tenancy/tenant-data';
import { MailService } from './mail.service';

/** dispatchDue, tested here, reads nothing from the database. */
const unusedTenant = { unscoped: () => ({}) } as unknown as TenantData;

/** Records each enqueueMany call; the batch numbered `failAt` (1-based) fails like Redis away. */
class RecordingQueue extends JobQueue {
  readonly batches: Array<Array<{ data: unknown; options?: EnqueueOptions }>> = [];
  constructor(private readonly failAt: number | null = null) {
    super();
  }
  register(): void {
    // No processors: nothing runs here.
  }
  async enqueue(): Promise<void> {
    throw new Error('one job at a time: not expected');
  }
  override async enqueueMany<T>(_name: JobName, jobs: ReadonlyArray<{ data: T; options?: EnqueueOptions }>) {
    this.batches.push([...jobs]);
    if (this.batches.length === this.failAt) throw new Error('enqueue mail.deliver timed out after 3000 ms');
  }
  async health() {
    return { status: 'up' as const };
  }
  async drain(): Promise<void> {
    // Nothing runs, so nothing to wait for.
  }
  async counts() {
    return [];
  }
  async failedJobs() {
    return [];
  }
  async retryFailed() {
    return 0;
  }
  async discardFailed() {
    return 0;
  }
}

const config = { smtpUrl: 'smtp://127.0.0.1:2525' } as AppConfig;
const rows = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `email-${i}`, attempts: i % 2 }));

describe('MailService.dispatchDue', () => {
  it('enqueues a thousand deliveries in a few batches, one job per row and attempt', async () => {
    const queue = new RecordingQueue();
    expect(await new MailService(config, queue, unusedTenant).dispatchDue(rows(1201))).toBe(1201);
    expect(queue.batches.map((batch) => batch.length)).toEqual([500, 500, 201]);
    expect(queue.batches[2][200]).toEqual({
      data: { emailId: 'email-1200' },
      options: { jobId: 'mail-email-1200-0', attempts: 1 },
    });
  });

  it('stops at a failed batch without throwing, and says how many went (the sweeper takes the rest)', async () => {
    const queue = new RecordingQueue(2);
    expect(await new MailService(config, queue, unusedTenant).dispatchDue(rows(1201))).toBe(500);
    expect(queue.batches).toHaveLength(2);
  });

  it('enqueues nothing while emails are only captured (no SMTP server)', async () => {
    const queue = new RecordingQueue();
    expect(await new MailService({ smtpUrl: null } as AppConfig, queue, unusedTenant).dispatchDue(rows(3))).toBe(0);
    expect(queue.batches).toHaveLength(0);
  });
});
