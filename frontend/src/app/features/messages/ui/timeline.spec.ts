import { MESSAGE_EDIT_WINDOW_MS } from '@atrium/shared';
import { message, reader } from '../testing/message.factory';
import { buildTimeline, canChange, fileSize, nameList, seenBy } from './timeline';

const NOW = Date.parse('2026-03-03T12:00:00.000Z');

describe('buildTimeline', () => {
  it('puts a day separator before each new day and the unread line above the first unread message', () => {
    const messages = [
      message({ seq: 1, createdAt: '2026-03-02T09:00:00.000Z' }),
      message({ seq: 2, createdAt: '2026-03-03T09:00:00.000Z', author: { id: 'me', name: 'Me', side: 'agency' } }),
      message({ seq: 3, createdAt: '2026-03-03T10:00:00.000Z' }),
    ];
    const entries = buildTimeline(messages, { meId: 'me', unreadAfterSeq: 1, timeZone: 'UTC', now: NOW });
    expect(
      entries.map((entry) => (entry.kind === 'day' ? entry.label : entry.kind === 'unread' ? 'UNREAD' : entry.key)),
    ).toEqual(['Yesterday', 'm1', 'Today', 'm2', 'UNREAD', 'm3']);
    expect(entries.filter((entry) => entry.kind === 'message' && entry.mine).map((entry) => entry.key)).toEqual(['m2']);
  });

  it('has no unread line when everything was read', () => {
    const entries = buildTimeline([message({ seq: 1 })], { meId: 'me', unreadAfterSeq: null, timeZone: 'UTC' });
    expect(entries.some((entry) => entry.kind === 'unread')).toBe(false);
  });

  it('names older days in full', () => {
    const entries = buildTimeline([message({ seq: 1, createdAt: '2026-01-05T09:00:00.000Z' })], {
      meId: null,
      unreadAfterSeq: null,
      timeZone: 'UTC',
      now: NOW,
    });
    expect(entries[0]).toEqual(expect.objectContaining({ kind: 'day', label: 'Monday, January 5, 2026' }));
  });
});

describe('seenBy', () => {
  const mine = (seq: number) => message({ seq, author: { id: 'anna', name: 'Anna', side: 'client' } });
  const theirs = (seq: number) => message({ seq, author: { id: 'mia', name: 'Mia', side: 'agency' } });

  it('lists the other side who read up to the last message of my side', () => {
    const result = seenBy(
      [mine(1), theirs(2)],
      [
        reader({ userId: 'mia', name: 'Mia', lastReadSeq: 2 }),
        reader({ userId: 'olaf', name: 'Olaf', lastReadSeq: 0 }),
        reader({ userId: 'max', name: 'Max', side: 'client', lastReadSeq: 2 }),
      ],
      'client',
    );
    expect(result).toEqual({ messageId: 'm1', names: ['Mia'] });
  });

  it('says nothing when nobody on the other side has read it, and ignores notes', () => {
    expect(seenBy([mine(1)], [reader({ userId: 'mia', lastReadSeq: 0 })], 'client')).toBeNull();
    const note = message({ seq: 3, kind: 'note', author: { id: 'mia', name: 'Mia', side: 'agency' } });
    expect(seenBy([theirs(2), note], [reader({ userId: 'anna', side: 'client', lastReadSeq: 2 })], 'agency')).toEqual({
      messageId: 'm2',
      names: ['anna'],
    });
  });
});

describe('canChange', () => {
  const created = '2026-03-03T12:00:00.000Z';
  it('lets the author edit or delete for 15 minutes, nobody else, and never a deleted message', () => {
    const own = message({ seq: 1, createdAt: created, author: { id: 'me', name: 'Me', side: 'client' } });
    expect(canChange(own, 'me', Date.parse(created) + 60_000)).toBe(true);
    expect(canChange(own, 'me', Date.parse(created) + MESSAGE_EDIT_WINDOW_MS + 1)).toBe(false);
    expect(canChange(own, 'someone-else', Date.parse(created))).toBe(false);
    expect(canChange({ ...own, deletedAt: created }, 'me', Date.parse(created))).toBe(false);
  });
});

describe('fileSize and nameList', () => {
  it('reads like people write', () => {
    expect(fileSize(820)).toBe('820 bytes');
    expect(fileSize(14 * 1024)).toBe('14 KB');
    expect(fileSize(3.2 * 1024 * 1024)).toBe('3.2 MB');
    expect(nameList(['Anna'])).toBe('Anna');
    expect(nameList(['Anna', 'Max', 'Zoe'])).toBe('Anna, Max and Zoe');
  });
});
