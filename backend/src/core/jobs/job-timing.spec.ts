import { JOBS } from './job-queue';
import { JobTimer, timedHandler } from './job-timing';

describe('timedHandler', () => {
  it('reports each attempt with its outcome, and lets a failure through unchanged', async () => {
    const reports: Array<[string, string]> = [];
    const timer: JobTimer = (queue, outcome, seconds) => {
      expect(seconds).toBeGreaterThanOrEqual(0);
      reports.push([queue, outcome]);
    };
    const failure = new Error('SMTP refused');
    let calls = 0;
    const handler = timedHandler(
      JOBS.deliverEmail,
      async () => {
        calls += 1;
        if (calls === 2) throw failure;
      },
      timer,
    );
    await handler({});
    await expect(handler({})).rejects.toBe(failure);
    expect(reports).toEqual([
      ['mail.deliver', 'completed'],
      ['mail.deliver', 'failed'],
    ]);
  });

  it('is the handler itself when nothing is timed', () => {
    const handler = async () => undefined;
    expect(timedHandler(JOBS.deliverEmail, handler, null)).toBe(handler);
  });
});
