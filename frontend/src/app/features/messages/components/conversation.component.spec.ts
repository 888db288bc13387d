import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { HttpErrorResponse } from '@angular/common/http';
import { of, throwError } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { ConversationStore } from '../data-access/conversation.store';
import { MessagesApi } from '../data-access/messages.api';
import { RealtimeService } from '../realtime/realtime.service';
import { UnreadService } from '../realtime/unread.service';
import { FakeRealtime } from '../testing/fakes';
import { conversation, message, reader } from '../testing/message.factory';
import { ConversationComponent } from './conversation.component';

@Component({
  selector: 'atr-host',
  imports: [ConversationComponent],
  providers: [ConversationStore],
  template: `<atr-conversation base="/api/v1/portal/messages" clientId="client-1" side="client" />`,
})
class HostComponent {}

function setup(api: Partial<Record<keyof MessagesApi, jest.Mock>>, viewAs = false) {
  TestBed.configureTestingModule({
    imports: [HostComponent],
    providers: [
      provideNoopAnimations(),
      { provide: MessagesApi, useValue: { markRead: jest.fn(() => of(conversation())), ...api } },
      { provide: RealtimeService, useValue: new FakeRealtime() },
      { provide: UnreadService, useValue: { refresh: jest.fn() } },
      {
        provide: AuthService,
        useValue: {
          me: signal({ id: 'anna', name: 'Anna', timezone: 'UTC', viewAs: viewAs ? { clientId: 'c' } : undefined }),
        },
      },
    ],
  });
  const fixture = TestBed.createComponent(HostComponent);
  return { fixture, element: fixture.nativeElement as HTMLElement };
}

describe('ConversationComponent', () => {
  it('shows bodies as text, never as HTML, and links only safe URLs in a new tab without the opener', async () => {
    const { fixture, element } = setup({
      conversation: jest.fn(() => of(conversation({ change: 2 }))),
      items: jest.fn(() =>
        of({
          messages: [
            message({ seq: 1, body: '<img src=x onerror="window.hacked=1"> see https://acme.test/menu.' }),
            message({ seq: 2, body: '', deletedAt: '2026-03-02T10:01:00.000Z' }),
          ],
          olderBefore: null,
        }),
      ),
    });
    await fixture.whenStable();
    const log = element.querySelector('[role="log"]');
    expect(log?.getAttribute('aria-live')).toBe('polite');
    expect(element.querySelector('.msg__body img')).toBeNull();
    expect(element.querySelector('.msg__body')?.textContent).toContain('<img src=x onerror="window.hacked=1">');
    const link = element.querySelector<HTMLAnchorElement>('.msg__body a');
    expect(link?.href).toBe('https://acme.test/menu');
    expect(link?.target).toBe('_blank');
    expect(link?.rel).toBe('noopener noreferrer');
    expect(element.textContent).toContain('This message was deleted');
  });

  it('invites the first message when there is none yet', async () => {
    const { fixture, element } = setup({
      conversation: jest.fn(() => of(conversation())),
      items: jest.fn(() => of({ messages: [], olderBefore: null })),
    });
    await fixture.whenStable();
    expect(element.textContent).toContain('No messages yet — write the first one.');
    expect(element.querySelector('textarea#composer-body')).not.toBeNull();
    expect(element.querySelector('atr-composer button[type="submit"]')?.textContent).toContain('Send');
  });

  it('says what went wrong and offers to try again', async () => {
    const conversationCall = jest
      .fn()
      .mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 0 })))
      .mockReturnValue(of(conversation()));
    const { fixture, element } = setup({
      conversation: conversationCall,
      items: jest.fn(() => of({ messages: [], olderBefore: null })),
    });
    await fixture.whenStable();
    expect(element.textContent).toContain('We could not load the conversation.');
    const retry = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Try again'));
    retry?.click();
    await fixture.whenStable();
    expect(element.textContent).toContain('No messages yet');
  });

  it('shows who on the other side has seen my last message', async () => {
    const { fixture, element } = setup({
      conversation: jest.fn(() =>
        of(conversation({ readers: [reader({ userId: 'mia', name: 'Mia Member', side: 'agency', lastReadSeq: 1 })] })),
      ),
      items: jest.fn(() =>
        of({
          messages: [message({ seq: 1, author: { id: 'anna', name: 'Anna', side: 'client' } })],
          olderBefore: null,
        }),
      ),
    });
    await fixture.whenStable();
    expect(element.querySelector('.seen')?.textContent).toContain('Seen by Mia Member');
  });

  it('lets a "View as client" tab read but not write', async () => {
    const { fixture, element } = setup(
      {
        conversation: jest.fn(() => of(conversation())),
        items: jest.fn(() => of({ messages: [], olderBefore: null })),
      },
      true,
    );
    await fixture.whenStable();
    expect(element.querySelector('textarea#composer-body')).toBeNull();
    expect(element.textContent).toContain('you can read the conversation, not write in it');
  });
});
