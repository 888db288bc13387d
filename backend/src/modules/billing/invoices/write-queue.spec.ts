import { WriteQueue } from './write-queue';

describe('WriteQueue', () => {
  it('runs work of one key one after another, and of different keys side by side', async () => {
    const queue = new WriteQueue();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first = queue.run('a', async () => {
      events.push('a1 start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      events.push('a1 end');
      return 1;
    });
    const second = queue.run('a', async () => {
      events.push('a2 start');
      return 2;
    });
    const other = queue.run('b', async () => {
      events.push('b start');
      return 3;
    });
    await other;
    expect(events).toEqual(['a1 start', 'b start']);
    releaseFirst();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(events).toEqual(['a1 start', 'b start', 'a1 end', 'a2 start']);
  });

  it('goes on after a failure, which reaches only its own caller', async () => {
    const queue = new WriteQueue();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 'fine');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('fine');
  });
});
