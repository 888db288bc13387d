import { message, reader } from '../testing/message.factory';
import { highestChange, mergeMessages, mergeReaders } from './merge';

const ids = (messages: { id: string }[]) => messages.map((m) => m.id);

describe('mergeMessages', () => {
  it('adds new messages in seq order, whatever order they arrive in', () => {
    const merged = mergeMessages([message({ seq: 1 })], [message({ seq: 3 }), message({ seq: 2 })]);
    expect(ids(merged)).toEqual(['m1', 'm2', 'm3']);
  });

  it('never shows a message twice (live event and catch-up both bring it)', () => {
    const live = mergeMessages([message({ seq: 1 })], [message({ seq: 2 })]);
    const caughtUp = mergeMessages(live, [message({ seq: 2 }), message({ seq: 2 })]);
    expect(ids(caughtUp)).toEqual(['m1', 'm2']);
    expect(caughtUp).toBe(live);
  });

  it('keeps the higher change: a late, older version never undoes an edit', () => {
    const edited = message({ seq: 1, change: 5, body: 'Edited', editedAt: '2026-03-02T10:05:00.000Z' });
    const merged = mergeMessages([edited], [message({ seq: 1, change: 1, body: 'Original' })]);
    expect(merged[0].body).toBe('Edited');
  });

  it('keeps a deletion when the edit before it arrives after it', () => {
    const deleted = message({ seq: 1, change: 7, body: '', deletedAt: '2026-03-02T10:06:00.000Z' });
    const edit = message({ seq: 1, change: 6, body: 'Edited', editedAt: '2026-03-02T10:05:00.000Z' });
    const merged = mergeMessages(mergeMessages([], [deleted]), [edit]);
    expect(merged).toHaveLength(1);
    expect(merged[0].deletedAt).not.toBeNull();
    expect(merged[0].body).toBe('');
  });

  it('takes an edit that is newer than what the page holds', () => {
    const merged = mergeMessages([message({ seq: 1 })], [message({ seq: 1, change: 9, body: 'Better' })]);
    expect(merged.map((m) => m.body)).toEqual(['Better']);
  });

  it('leaves out changes to messages older than the loaded page (they come with their page)', () => {
    const loaded = [message({ seq: 40 }), message({ seq: 41 })];
    const merged = mergeMessages(loaded, [message({ seq: 3, change: 50 }), message({ seq: 42, change: 51 })], 40);
    expect(ids(merged)).toEqual(['m40', 'm41', 'm42']);
  });

  it('still updates a loaded message below the floor', () => {
    const loaded = [message({ seq: 5 })];
    const merged = mergeMessages(loaded, [message({ seq: 5, change: 9, body: 'Edited' })], 10);
    expect(merged[0].body).toBe('Edited');
  });

  it('returns the same array when nothing changed (no needless re-render)', () => {
    const current = [message({ seq: 1 })];
    expect(mergeMessages(current, [])).toBe(current);
  });
});

describe('highestChange', () => {
  it('is the cursor for the next changes?since=', () => {
    expect(highestChange(4, [message({ seq: 1, change: 9 }), message({ seq: 2, change: 6 })])).toBe(9);
    expect(highestChange(12, [message({ seq: 1, change: 9 })])).toBe(12);
  });
});

describe('mergeReaders', () => {
  it('moves a read position forward, never back', () => {
    const current = [reader({ userId: 'mia', lastReadSeq: 5 })];
    expect(mergeReaders(current, [reader({ userId: 'mia', lastReadSeq: 3 })])[0].lastReadSeq).toBe(5);
    expect(mergeReaders(current, [reader({ userId: 'mia', lastReadSeq: 8 })])[0].lastReadSeq).toBe(8);
    expect(mergeReaders(current, [reader({ userId: 'max', lastReadSeq: 1 })])).toHaveLength(2);
  });
});
