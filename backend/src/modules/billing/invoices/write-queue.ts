import { Injectable } from '@nestjs/common';

/**
 * Runs work with the same key one after another within this process. Used around transactions
 * that would only queue on a row lock anyway (an agency's numbering, one invoice's payments): a
 * transaction waiting for a lock holds a pooled connection, and when every connection of the pool
 * waits, the lock holder cannot get the one it needs for a read outside its transaction (the
 * brand of an email). Queued here, the waiters hold none. Other instances queue on the row lock.
 */
@Injectable()
export class WriteQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
