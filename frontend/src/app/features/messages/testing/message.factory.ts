import type { ConversationReaderView, ConversationView, MessageView } from '@atrium/shared';

export function message(overrides: Partial<MessageView> & { seq: number }): MessageView {
  return {
    id: `m${overrides.seq}`,
    clientId: 'client-1',
    change: overrides.seq,
    kind: 'message',
    author: { id: 'anna', name: 'Anna Acme', side: 'client' },
    body: `Message ${overrides.seq}`,
    attachments: [],
    createdAt: '2026-03-02T10:00:00.000Z',
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

export function reader(overrides: Partial<ConversationReaderView> & { userId: string }): ConversationReaderView {
  return {
    name: overrides.userId,
    side: 'agency',
    lastReadSeq: 0,
    readAt: '2026-03-02T10:00:00.000Z',
    ...overrides,
  };
}

export function conversation(overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    clientId: 'client-1',
    clientName: 'Acme Coffee',
    assignee: null,
    lastMessage: null,
    unread: 0,
    lastReadSeq: 0,
    lastSeq: 0,
    change: 0,
    readers: [],
    ...overrides,
  };
}
