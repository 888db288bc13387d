import type { ConversationReaderView, MessageView } from '@atrium/shared';

/**
 * The messages a page holds, merged with what arrived (a live event, a page of history or a
 * `changes?since=` answer). Merging is by id, and of two versions of one message the one with the
 * higher `change` wins, so an answer that arrives late, twice or out of order never undoes a newer
 * edit or brings a deleted message back. The result is ordered by `seq` (oldest first).
 *
 * `floorSeq`: the oldest message the page has loaded. Changes to older messages (an edit of a
 * message nobody scrolled up to) are left out: they arrive with their page when the person scrolls
 * up, and keeping them would leave a hole in the history shown.
 */
export function mergeMessages(
  current: readonly MessageView[],
  incoming: readonly MessageView[],
  floorSeq: number | null = null,
): MessageView[] {
  if (incoming.length === 0) {
    return current as MessageView[];
  }
  const byId = new Map<string, MessageView>();
  for (const message of current) {
    keepNewer(byId, message);
  }
  let changed = false;
  for (const message of incoming) {
    if (floorSeq !== null && message.seq < floorSeq && !byId.has(message.id)) {
      continue;
    }
    changed = keepNewer(byId, message) || changed;
  }
  if (!changed) {
    return current as MessageView[];
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

function keepNewer(byId: Map<string, MessageView>, message: MessageView): boolean {
  const known = byId.get(message.id);
  if (known && known.change >= message.change) {
    return false;
  }
  byId.set(message.id, message);
  return true;
}

/** The highest `change` seen: the cursor for the next `changes?since=`. */
export function highestChange(cursor: number, messages: readonly Pick<MessageView, 'change'>[]): number {
  return messages.reduce((highest, message) => Math.max(highest, message.change), cursor);
}

/** Readers merged by person; a read position only ever moves forward. */
export function mergeReaders(
  current: readonly ConversationReaderView[],
  incoming: readonly ConversationReaderView[],
): ConversationReaderView[] {
  const byUser = new Map(current.map((reader) => [reader.userId, reader]));
  for (const reader of incoming) {
    const known = byUser.get(reader.userId);
    if (!known || reader.lastReadSeq >= known.lastReadSeq) {
      byUser.set(reader.userId, reader);
    }
  }
  return [...byUser.values()];
}
