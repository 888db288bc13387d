import {
  MESSAGE_EDIT_WINDOW_MS,
  type ConversationReaderView,
  type MessageSide,
  type MessageView,
} from '@atrium/shared';

/** What the conversation shows, in order: day separators, the unread line, and messages. */
export type TimelineEntry =
  | { readonly kind: 'day'; readonly key: string; readonly label: string }
  | { readonly kind: 'unread'; readonly key: string }
  | { readonly kind: 'message'; readonly key: string; readonly message: MessageView; readonly mine: boolean };

export interface TimelineOptions {
  /** The signed-in person (their own messages are "mine" and never unread). */
  readonly meId: string | null;
  /** The read position when the conversation was opened: the unread line goes above the first message after it. */
  readonly unreadAfterSeq: number | null;
  readonly timeZone?: string | null;
  readonly now?: number;
}

export function buildTimeline(messages: readonly MessageView[], options: TimelineOptions): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const now = options.now ?? Date.now();
  let day: string | null = null;
  let unreadPlaced = false;
  for (const message of messages) {
    const key = dayKey(message.createdAt, options.timeZone);
    if (key !== day) {
      day = key;
      entries.push({ kind: 'day', key: `day-${key}`, label: dayLabel(message.createdAt, options.timeZone, now) });
    }
    const mine = message.author.id !== null && message.author.id === options.meId;
    if (
      !unreadPlaced &&
      options.unreadAfterSeq !== null &&
      message.seq > options.unreadAfterSeq &&
      !mine &&
      !message.deletedAt
    ) {
      unreadPlaced = true;
      entries.push({ kind: 'unread', key: 'unread' });
    }
    entries.push({ kind: 'message', key: message.id, message, mine });
  }
  return entries;
}

/** The calendar day of an instant in the person's time zone, as YYYY-MM-DD. */
export function dayKey(iso: string, timeZone?: string | null): string {
  const date = new Date(iso);
  const parts = partsOf(date, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** "Today", "Yesterday", or "Monday, March 2, 2026". */
export function dayLabel(iso: string, timeZone?: string | null, now: number = Date.now()): string {
  const key = dayKey(iso, timeZone);
  if (key === dayKey(new Date(now).toISOString(), timeZone)) {
    return 'Today';
  }
  if (key === dayKey(new Date(now - 24 * 3600 * 1000).toISOString(), timeZone)) {
    return 'Yesterday';
  }
  return format(new Date(iso), timeZone, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

/** "14:05"-style time of a message (its full date is in the title). */
export function shortTime(iso: string, timeZone?: string | null): string {
  return format(new Date(iso), timeZone, { hour: 'numeric', minute: '2-digit' });
}

/**
 * "Seen by": under the last message written by my side (notes aside: the client's people never
 * see them), the people of the other side who have read up to it. Null when nobody has yet.
 */
export function seenBy(
  messages: readonly MessageView[],
  readers: readonly ConversationReaderView[],
  mySide: MessageSide,
): { readonly messageId: string; readonly names: string[] } | null {
  const last = [...messages]
    .reverse()
    .find((message) => message.kind === 'message' && !message.deletedAt && message.author.side === mySide);
  if (!last) {
    return null;
  }
  const names = readers
    .filter((reader) => reader.side !== mySide && reader.lastReadSeq >= last.seq)
    .map((reader) => reader.name)
    .sort((a, b) => a.localeCompare(b));
  return names.length > 0 ? { messageId: last.id, names } : null;
}

/** "Anna", "Anna and Max", "Anna, Max and Zoe". */
export function nameList(names: readonly string[]): string {
  if (names.length <= 1) {
    return names[0] ?? '';
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** One's own message may be edited or deleted for 15 minutes after it was written. */
export function canChange(message: MessageView, meId: string | null, now: number = Date.now()): boolean {
  return (
    meId !== null &&
    message.author.id === meId &&
    !message.deletedAt &&
    now - Date.parse(message.createdAt) < MESSAGE_EDIT_WINDOW_MS
  );
}

/** "820 bytes", "14 KB", "3.2 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} bytes`;
  }
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

function partsOf(date: Date, timeZone?: string | null): Record<'year' | 'month' | 'day', string> {
  const formatted = formatter({ year: 'numeric', month: '2-digit', day: '2-digit' }, timeZone).formatToParts(date);
  const get = (type: string) => formatted.find((part) => part.type === type)?.value ?? '';
  return { year: get('year'), month: get('month'), day: get('day') };
}

function format(date: Date, timeZone: string | null | undefined, options: Intl.DateTimeFormatOptions): string {
  return formatter(options, timeZone).format(date);
}

function formatter(options: Intl.DateTimeFormatOptions, timeZone?: string | null): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en', { ...options, timeZone: timeZone || undefined });
  } catch {
    return new Intl.DateTimeFormat('en', options);
  }
}
