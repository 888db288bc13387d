import { ForbiddenException, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { MessageView, SendMessageRequest } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { TenantData, type TenantTransaction } from '../../core/tenancy/tenant-data';
import { ConversationsService } from './conversations.service';
import { Conversation } from './entities/conversation.entity';
import { MessageAttachment } from './entities/message-attachment.entity';
import { Message } from './entities/message.entity';
import { MessageAttachmentsService } from './message-attachments.service';
import { assertStillEditable, cleanBody } from './message-rules';
import { MessageViews } from './message-views';
import { UnreadEmails } from './notifications/unread-emails.service';
import { visibleKinds, type Participant } from './participant';
import { MessageEvents } from './realtime/message-events';

/**
 * Writing in a conversation: send, edit, delete. Each takes the conversation's row lock, so its
 * counters (`seq` for a new message, `change` for every write) are handed out one at a time, and
 * publishes the event once the transaction has committed.
 */
@Injectable()
export class MessageWriterService {
  constructor(
    private readonly tenant: TenantData,
    private readonly conversations: ConversationsService,
    private readonly attachments: MessageAttachmentsService,
    private readonly views: MessageViews,
    private readonly unreadEmails: UnreadEmails,
    private readonly events: MessageEvents,
    private readonly rateLimits: RateLimitService,
    private readonly audit: AuditService,
  ) {}

  async send(p: Participant, input: SendMessageRequest): Promise<MessageView> {
    const kind = input.kind ?? 'message';
    if (!visibleKinds(p).includes(kind)) throw new ForbiddenException('Internal notes are for the agency only.');
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    const body = cleanBody(input.body, attachmentIds.length > 0);
    await this.rateLimits.consume([{ rule: RATE_LIMITS.messageSendPerUser, subject: p.userId }]);
    const { conversation } = await this.conversations.open(p);
    const files = await this.attachments.sendable(p, attachmentIds);

    const { message, reader } = await this.tenant.transaction(async (tx) => {
      const locked = await tx.findOwned(p.scope, Conversation, conversation.id, { lock: 'update' });
      await this.attachments.assertUnsent(tx, p, files);
      const now = new Date();
      locked.lastSeq += 1;
      locked.lastChange += 1;
      if (kind === 'message') locked.lastMessageAt = now;
      await tx.updateOwned(
        p.scope,
        Conversation,
        { id: locked.id },
        { lastSeq: locked.lastSeq, lastChange: locked.lastChange, lastMessageAt: locked.lastMessageAt },
      );
      const message = await tx.insertOwned(p.scope, Message, {
        agencyId: locked.agencyId,
        clientId: locked.clientId,
        conversationId: locked.id,
        seq: locked.lastSeq,
        change: locked.lastChange,
        kind,
        authorUserId: p.userId,
        authorSide: p.side,
        authorName: p.name,
        body,
        createdAt: now,
      });
      await this.attachments.attach(tx, p, message, files);
      if (kind === 'message') await this.unreadEmails.owe(tx, locked, message);
      // One's own message is never unread for oneself.
      const reader = await this.conversations.advanceRead(tx, p, locked, message.seq);
      return { message, reader };
    });

    const view = await this.views.one(p, message);
    this.events.publish({ type: 'message', agencyId: p.scope.agencyId, clientId: p.clientId, message: view });
    if (reader) this.events.publish({ type: 'read', agencyId: p.scope.agencyId, clientId: p.clientId, reader });
    return view;
  }

  async edit(p: Participant, messageId: string, rawBody: string): Promise<MessageView> {
    return this.rewrite(p, messageId, async (tx, message) => {
      const files = await tx.countOwned(p.scope, MessageAttachment, { messageId: message.id });
      return { body: cleanBody(rawBody, files > 0), editedAt: new Date() };
    });
  }

  /** The message stays (shown as deleted) without its text and files; the files stay in the library. */
  async remove(p: Participant, messageId: string): Promise<MessageView> {
    return this.rewrite(p, messageId, async (tx, message) => {
      await tx.deleteOwned(p.scope, MessageAttachment, { messageId: message.id });
      await this.audit.recordFor(
        p,
        {
          action: 'messages.message_deleted',
          targetType: 'message',
          targetId: message.id,
          details: { clientId: message.clientId, kind: message.kind, seq: message.seq },
        },
        tx,
      );
      return { body: '', deletedAt: new Date() };
    });
  }

  /**
   * Changes one of the participant's own messages within the edit window. Messages they cannot
   * see (other clients', notes for a client user, unknown ids) are 404; someone else's is 403.
   */
  private async rewrite(
    p: Participant,
    messageId: string,
    change: (
      tx: TenantTransaction,
      message: Message,
    ) => Promise<Partial<Pick<Message, 'body' | 'editedAt' | 'deletedAt'>>>,
  ): Promise<MessageView> {
    const { conversation } = await this.conversations.open(p);
    const message = await this.tenant.transaction(async (tx) => {
      const locked = await tx.findOwned(p.scope, Conversation, conversation.id, { lock: 'update' });
      const message = await tx.findOwned(p.scope, Message, messageId, {
        where: { conversationId: locked.id, kind: In(visibleKinds(p)) },
        notFound: 'Message not found',
      });
      if (message.authorUserId !== p.userId) {
        throw new ForbiddenException('Only the author of a message can edit or delete it.');
      }
      assertStillEditable(message);
      const patch = { ...(await change(tx, message)), change: locked.lastChange + 1 };
      await tx.updateOwned(p.scope, Conversation, { id: locked.id }, { lastChange: patch.change });
      await tx.updateOwned(p.scope, Message, { id: message.id }, patch);
      return Object.assign(message, patch);
    });
    const view = await this.views.one(p, message);
    this.events.publish({ type: 'message', agencyId: p.scope.agencyId, clientId: p.clientId, message: view });
    return view;
  }
}
