import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { REALTIME_EVENTS } from '@atrium/shared';
import { RealtimeService } from '../realtime/realtime.service';
import { UnreadService } from '../realtime/unread.service';
import { conversation, message, reader } from '../testing/message.factory';
import { FakeRealtime } from '../testing/fakes';
import { CHANGES_POLL_MS, ConversationStore } from './conversation.store';
import { MessagesApi } from './messages.api';

function setup() {
  const realtime = new FakeRealtime();
  const api = {
    conversation: jest.fn(() => of(conversation({ change: 3, unread: 1, lastReadSeq: 2 }))),
    items: jest.fn(() => of({ messages: [message({ seq: 2 }), message({ seq: 3 })], olderBefore: 2 })),
    changes: jest.fn(() => of({ messages: [message({ seq: 4 })], change: 4, readers: [] })),
    markRead: jest.fn(() =>
      of(conversation({ lastReadSeq: 4, readers: [reader({ userId: 'anna', lastReadSeq: 4 })] })),
    ),
    send: jest.fn(),
    edit: jest.fn(),
    delete: jest.fn(),
    search: jest.fn(),
  };
  const unread = { refresh: jest.fn() };
  TestBed.configureTestingModule({
    providers: [
      ConversationStore,
      { provide: MessagesApi, useValue: api },
      { provide: RealtimeService, useValue: realtime },
      { provide: UnreadService, useValue: unread },
    ],
  });
  const store = TestBed.inject(ConversationStore);
  store.open('/api/v1/portal/messages', 'client-1');
  return { store, api, realtime, unread };
}

const seqs = (store: ConversationStore) => store.messages().map((m) => m.seq);

describe('ConversationStore', () => {
  afterEach(() => jest.useRealTimers());

  it('opens on the newest page, with the unread line after what was read', () => {
    const { store } = setup();
    expect(store.status()).toBe('ready');
    expect(seqs(store)).toEqual([2, 3]);
    expect(store.unreadAfterSeq()).toBe(2);
  });

  it('takes live messages of its own conversation only, once each', () => {
    const { store, realtime } = setup();
    realtime.emit(REALTIME_EVENTS.message, message({ seq: 4 }));
    realtime.emit(REALTIME_EVENTS.message, message({ seq: 4 }));
    realtime.emit(REALTIME_EVENTS.message, message({ seq: 9, clientId: 'another-client' }));
    expect(seqs(store)).toEqual([2, 3, 4]);
  });

  it('catches up from the highest change seen when the connection comes back', () => {
    const { store, api, realtime } = setup();
    realtime.emit(REALTIME_EVENTS.message, message({ seq: 4, change: 6 }));
    realtime.connects.next();
    expect(api.changes).toHaveBeenLastCalledWith('/api/v1/portal/messages', 6);
    expect(seqs(store)).toEqual([2, 3, 4]);
  });

  it('polls for changes while the connection is down, and not while it is live', () => {
    jest.useFakeTimers();
    const { api, realtime } = setup();
    jest.advanceTimersByTime(CHANGES_POLL_MS);
    expect(api.changes).not.toHaveBeenCalled();
    realtime.live.set(false);
    jest.advanceTimersByTime(CHANGES_POLL_MS);
    expect(api.changes).toHaveBeenCalledWith('/api/v1/portal/messages', 3);
  });

  it('follows read receipts and loads older pages above', () => {
    const { store, api, realtime } = setup();
    realtime.emit(REALTIME_EVENTS.read, { clientId: 'client-1', reader: reader({ userId: 'mia', lastReadSeq: 3 }) });
    expect(store.readers().map((r) => r.userId)).toEqual(['mia']);
    api.items.mockReturnValueOnce(of({ messages: [message({ seq: 1 })], olderBefore: null }));
    store.loadOlder();
    expect(api.items).toHaveBeenLastCalledWith('/api/v1/portal/messages', 2);
    expect(seqs(store)).toEqual([1, 2, 3]);
    expect(store.olderBefore()).toBeNull();
  });

  it('marks read once per position and tells the badge', () => {
    const { store, api, unread } = setup();
    store.markRead(4);
    store.markRead(4);
    expect(api.markRead).toHaveBeenCalledTimes(1);
    expect(api.markRead).toHaveBeenCalledWith('/api/v1/portal/messages', { seq: 4 });
    expect(unread.refresh).toHaveBeenCalled();
    expect(store.conversation()?.lastReadSeq).toBe(4);
  });
});
