import { BadRequestException, ConflictException } from '@nestjs/common';
import { MESSAGE_BODY_MAX, MESSAGE_EDIT_WINDOW_MS } from '@atrium/shared';

/** How long a conversation preview is, in characters (the inbox shows one line). */
export const PREVIEW_LENGTH = 140;

/**
 * A body as it is stored: trimmed, never HTML-escaped (it is text; the frontend renders it as
 * text). Empty is allowed only when files go with it.
 */
export function cleanBody(raw: string, hasAttachments: boolean): string {
  const body = raw.trim();
  if (body.length === 0 && !hasAttachments) throw new BadRequestException('Write a message or attach a file.');
  if (body.length > MESSAGE_BODY_MAX) {
    throw new BadRequestException(`A message can be at most ${MESSAGE_BODY_MAX} characters long.`);
  }
  return body;
}

/** One's own message can be changed while the window is open, and never once deleted. */
export function assertStillEditable(message: { createdAt: Date; deletedAt: Date | null }, now = Date.now()): void {
  if (message.deletedAt) throw new ConflictException('This message was deleted.');
  if (now - message.createdAt.getTime() > MESSAGE_EDIT_WINDOW_MS) {
    const minutes = Math.round(MESSAGE_EDIT_WINDOW_MS / 60_000);
    throw new ConflictException(`A message can be edited or deleted only within ${minutes} minutes of sending it.`);
  }
}

/** What the inbox shows of the latest message. */
export function previewOf(message: { body: string; deletedAt: Date | null }, attachmentCount: number): string {
  if (message.deletedAt) return 'Deleted message';
  const oneLine = message.body.replace(/\s+/g, ' ').trim();
  if (oneLine.length === 0) return attachmentCount === 1 ? 'Sent a file' : `Sent ${attachmentCount} files`;
  // Cut by code points, so an emoji is never split in half.
  const chars = [...oneLine];
  return chars.length > PREVIEW_LENGTH ? `${chars.slice(0, PREVIEW_LENGTH - 1).join('')}…` : oneLine;
}

/**
 * A LIKE pattern matching `text` anywhere. `!` escapes LIKE's wildcards: a backslash means
 * different things in MySQL and SQLite literals (use with `ESCAPE '!'`).
 */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** Where the inbox's next page starts: after this conversation in its order. */
export interface InboxCursor {
  /** 1 when the conversation had something unread for the caller. */
  unread: 0 | 1;
  /** Its sort time (the latest message, or its creation while it has none). */
  at: Date;
  id: string;
}

export function encodeInboxCursor(cursor: InboxCursor): string {
  return Buffer.from(`${cursor.unread}|${cursor.at.toISOString()}|${cursor.id}`).toString('base64url');
}

/** A cursor from a previous page; anything unreadable is a 400 (it was not one of ours). */
export function decodeInboxCursor(text: string): InboxCursor {
  const [unread, at, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if ((unread !== '0' && unread !== '1') || !id || Number.isNaN(date.getTime())) {
    throw new BadRequestException('The cursor is not valid; start again from the first page.');
  }
  return { unread: unread === '1' ? 1 : 0, at: date, id };
}
