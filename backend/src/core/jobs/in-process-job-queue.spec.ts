import { InProcessJobQueue } from './in-process-job-queue';
import { JOBS } from './job-queue';

describe('InProcessJobQueue', () => {
  it('runs a registered processor with the job data', async () => {
    const queue = new InProcessJobQueue(1);
    const seen: unknown[] = [];
    queue.register(JOBS.deliverEmail, async (data) => {
      seen.push(data);
    });
    await queue.enqueue(JOBS.deliverEmail, { emailId: 'e1' });
    await queue.drain();
    expect(seen).toEqual([{ emailId: 'e1' }]);
  });

  it('retries a failing job with backoff up to its attempts', async () => {
    const queue = new InProcessJobQueue(1);
    let calls = 0;
    queue.register(JOBS.deliverEmail, async () => {
      calls += 1;
      if (calls < 3) throw new Error('transient');
    });
    await queue.enqueue(JOBS.deliverEmail, {}, { attempts: 3 });
    await queue.drain();
    expect(calls).toBe(3);
  });

  it('drops a second job with the same id while the first is pending', async () => {
    const queue = new InProcessJobQueue(1);
    let calls = 0;
    queue.register(JOBS.deliverEmail, async () => {
      calls += 1;
    });
    await queue.enqueue(JOBS.deliverEmail, {}, { jobId: 'same' });
    await queue.enqueue(JOBS.deliverEmail, {}, { jobId: 'same' });
    await queue.drain();
    expect(calls).toBe(1);
  });
});
