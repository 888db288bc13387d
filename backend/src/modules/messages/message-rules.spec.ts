import { BadRequestException, ConflictException } from '@nestjs/common';
import { MESSAGE_BODY_MAX, MESSAGE_EDIT_WINDOW_MS } from '@atrium/shared';
import {
  assertStillEditable,
  cleanBody,
  containsPattern,
  decodeInboxCursor,
  encodeInboxCursor,
  PREVIEW_LENGTH,
  previewOf,
} from './message-rules';

describe('message rules', () => {
  it('trims bodies, keeps them as typed, and refuses empty or too long ones', () => {
    expect(cleanBody('  <b>hi</b> & bye \n', false)).toBe('<b>hi</b> & bye');
    expect(cleanBody('   ', true)).toBe('');
    expect(() => cleanBody(' \n ', false)).toThrow(BadRequestException);
    expect(cleanBody('x'.repeat(MESSAGE_BODY_MAX), false)).toHaveLength(MESSAGE_BODY_MAX);
    expect(() => cleanBody('x'.repeat(MESSAGE_BODY_MAX + 1), false)).toThrow(BadRequestException);
  });

  it('lets a message change within the window only, and never once deleted', () => {
    const now = Date.now();
    const at = (ago: number) => new Date(now - ago);
    expect(() =>
      assertStillEditable({ createdAt: at(MESSAGE_EDIT_WINDOW_MS - 1000), deletedAt: null }, now),
    ).not.toThrow();
    expect(() => assertStillEditable({ createdAt: at(MESSAGE_EDIT_WINDOW_MS + 1000), deletedAt: null }, now)).toThrow(
      /within 15 minutes/,
    );
    expect(() => assertStillEditable({ createdAt: at(0), deletedAt: at(0) }, now)).toThrow(ConflictException);
  });

  it('previews the latest message in one short line', () => {
    expect(previewOf({ body: 'Hello\n\nthere', deletedAt: null }, 0)).toBe('Hello there');
    expect(previewOf({ body: 'gone', deletedAt: new Date() }, 0)).toBe('Deleted message');
    expect(previewOf({ body: '', deletedAt: null }, 1)).toBe('Sent a file');
    expect(previewOf({ body: '', deletedAt: null }, 3)).toBe('Sent 3 files');
    const long = previewOf({ body: '😀'.repeat(PREVIEW_LENGTH + 10), deletedAt: null }, 0);
    expect([...long]).toHaveLength(PREVIEW_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });

  it("escapes LIKE's wildcards", () => {
    expect(containsPattern('50% OFF_now!')).toBe('%50!% off!_now!!%');
  });

  it('round-trips inbox cursors and refuses made-up ones', () => {
    const cursor = { unread: 1 as const, at: new Date('2026-01-02T03:04:05.678Z'), id: 'abc' };
    expect(decodeInboxCursor(encodeInboxCursor(cursor))).toEqual(cursor);
    expect(() => decodeInboxCursor('not-a-cursor')).toThrow(BadRequestException);
  });
});
