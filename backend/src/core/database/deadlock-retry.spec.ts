import { retryOnDeadlock } from './deadlock-retry';

function driverError(code: string): Error {
  return Object.assign(new Error(code), { driverError: { code } });
}

describe('retryOnDeadlock', () => {
  const noWait = { sleep: () => Promise.resolve(), random: () => 0.5 };

  it('runs a deadlocked transaction again until it goes through', async () => {
    const failures = [driverError('ER_LOCK_DEADLOCK'), driverError('ER_LOCK_WAIT_TIMEOUT')];
    let runs = 0;
    const result = await retryOnDeadlock(async () => {
      runs++;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'done';
    }, noWait);
    expect(result).toBe('done');
    expect(runs).toBe(3);
  });

  it('gives up after the allowed attempts and passes the last conflict on', async () => {
    let runs = 0;
    const error = await retryOnDeadlock(
      async () => {
        runs++;
        throw driverError('ER_LOCK_DEADLOCK');
      },
      { ...noWait, attempts: 3 },
    ).catch((e: unknown) => e);
    expect(runs).toBe(3);
    expect((error as { driverError: { code: string } }).driverError.code).toBe('ER_LOCK_DEADLOCK');
  });

  it('never reruns work that failed for another reason', async () => {
    let runs = 0;
    await expect(
      retryOnDeadlock(async () => {
        runs++;
        throw driverError('ER_DUP_ENTRY');
      }, noWait),
    ).rejects.toThrow('ER_DUP_ENTRY');
    expect(runs).toBe(1);
  });

  it('waits a random share of a doubling ceiling between attempts', async () => {
    const waits: number[] = [];
    let runs = 0;
    await retryOnDeadlock(
      async () => {
        if (++runs < 4) throw driverError('ER_LOCK_DEADLOCK');
      },
      { attempts: 4, baseDelayMs: 100, maxDelayMs: 300, random: () => 0.5, sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toEqual([50, 100, 150]);
  });
});
