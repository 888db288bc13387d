import { Injectable, NotFoundException } from '@nestjs/common';
import type { ConversationReaderView, ConversationView, UnreadSummaryResponse } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import { newId } from '../../core/database/columns';
import { isUniqueViolation } from '../../core/database/errors';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData, type TenantTransaction } from '../../core/tenancy/tenant-data';
import type { AgencyScope } from '../../core/tenancy/tenant-scope';
import { ConversationViews, type NamedConversation } from './conversation-views';
import { ConversationRead } from './entities/conversation-read.entity';
import { Conversation } from './entities/conversation.entity';
import { Message } from './entities/message.entity';
import { UnreadEmails } from './notifications/unread-emails.service';
import type { Participant } from './participant';
import { MessageEvents } from './realtime/message-events';
import { unreadMessages } from './unread-messages';

/**
 * The conversation of one client: opened (made the first time either side asks), read up to a
 * point, assigned to a team member, and summed up as unread counts.
 */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly tenant: TenantData,
    private readonly views: ConversationViews,
    private readonly unreadEmails: UnreadEmails,
    private readonly events: MessageEvents,
    private readonly audit: AuditService,
  ) {}

  /**
   * The participant's conversation, made on first use. A deleted, unknown or foreign client is a
   * 404 ('Client not found'). Two first requests at once both insert; the unique client id keeps
   * one and the other reads it. A read-only session gets an empty one that is not stored.
   */
  async open(p: Participant): Promise<NamedConversation> {
    const client = await this.tenant.liveClient(p.scope, p.clientId);
    const existing = await this.find(p);
    if (existing) return { conversation: existing, clientName: client.name };
    if (p.readOnly) return { conversation: unsaved(client.agencyId, client.id), clientName: client.name };
    try {
      const conversation = await this.tenant.insertOwned(p.scope, Conversation, {
        agencyId: client.agencyId,
        clientId: client.id,
      });
      return { conversation, clientName: client.name };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.find(p);
      if (!raced) throw error;
      return { conversation: raced, clientName: client.name };
    }
  }

  async view(p: Participant): Promise<ConversationView> {
    return this.views.one(p, await this.open(p));
  }

  /**
   * Moves the participant's read position up to `seq` (never back; at most the last message).
   * Reading cancels the emails owed about what was read. Answers the conversation as it now is.
   */
  async markRead(p: Participant, seq: number): Promise<ConversationView> {
    const { conversation } = await this.open(p);
    const reader = await this.tenant.transaction(async (tx) => {
      const locked = await tx.findOwned(p.scope, Conversation, conversation.id, { lock: 'update' });
      return this.advanceRead(tx, p, locked, Math.min(seq, locked.lastSeq));
    });
    if (reader) this.events.publish({ type: 'read', agencyId: p.scope.agencyId, clientId: p.clientId, reader });
    return this.view(p);
  }

  /**
   * Within the caller's transaction (the conversation row locked): the participant has read up to
   * `seq`. Returns how others now see their position when it moved, else null.
   */
  async advanceRead(
    tx: TenantTransaction,
    p: Participant,
    conversation: Conversation,
    seq: number,
  ): Promise<ConversationReaderView | null> {
    const now = new Date();
    const current = await tx.findOneOwned(p.scope, ConversationRead, {
      where: { conversationId: conversation.id, userId: p.userId },
    });
    if (current && current.lastReadSeq >= seq) return null;
    if (current) {
      await tx.updateOwned(p.scope, ConversationRead, { id: current.id }, { lastReadSeq: seq, readAt: now });
    } else {
      await tx.insertOwned(p.scope, ConversationRead, {
        agencyId: conversation.agencyId,
        clientId: conversation.clientId,
        conversationId: conversation.id,
        userId: p.userId,
        side: p.side,
        lastReadSeq: seq,
        readAt: now,
      });
    }
    await this.unreadEmails.cancel(tx, conversation, p.userId, seq);
    // Others see the last *message* read (see ConversationViews.readers).
    const seen = await tx
      .query(p.scope, Message, 'm')
      .andWhere('m.conversationId = :conversationId', { conversationId: conversation.id })
      .andWhere("m.kind = 'message'")
      .andWhere('m.seq <= :seq', { seq })
      .select('MAX(m.seq)', 'seq')
      .getRawOne<{ seq: number | string | null }>();
    return {
      userId: p.userId,
      name: p.name,
      side: p.side,
      lastReadSeq: Number(seen?.seq ?? 0),
      readAt: now.toISOString(),
    };
  }

  /** Hands the conversation to an active team member, or to nobody (`null`). */
  async assign(p: Participant & { scope: AgencyScope }, assigneeUserId: string | null): Promise<ConversationView> {
    const { conversation } = await this.open(p);
    const assignee = assigneeUserId ? await this.teamMember(p.scope, assigneeUserId) : null;
    await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(p.scope, Conversation, { id: conversation.id }, { assigneeUserId: assignee?.id ?? null });
      await this.audit.recordFor(
        p,
        {
          action: 'messages.conversation_assigned',
          targetType: 'conversation',
          targetId: conversation.id,
          details: { clientId: p.clientId, from: conversation.assigneeUserId, to: assignee?.id ?? null },
        },
        tx,
      );
    });
    this.events.publish({ type: 'conversation', agencyId: p.scope.agencyId, clientId: p.clientId, assignee });
    return this.view(p);
  }

  /** The portal's count: the client's one conversation (0 or 1), without making it. */
  async portalUnread(p: Participant): Promise<UnreadSummaryResponse> {
    const row = await unreadMessages(this.tenant, p.scope, p.userId)
      .innerJoin(Conversation, 'c', 'c.id = m.conversationId')
      .andWhere('c.clientId = :clientId', { clientId: p.clientId })
      .select('COUNT(*)', 'messages')
      .getRawOne<{ messages: number | string }>();
    const messages = Number(row?.messages ?? 0);
    return { conversations: messages > 0 ? 1 : 0, messages };
  }

  private find(p: Participant): Promise<Conversation | null> {
    return this.tenant.findOneOwned(p.scope, Conversation, { where: { clientId: p.clientId } });
  }

  /** An agency user of the scope whose account and membership are active, or 404. */
  private async teamMember(scope: AgencyScope, userId: string): Promise<{ id: string; name: string }> {
    const user = await this.tenant.findOwnedOrNull(scope, User, userId, {
      where: { kind: 'agency', status: 'active' },
    });
    const member = user && (await this.tenant.countOwned(scope, AgencyMembership, { userId, status: 'active' })) > 0;
    if (!user || !member) throw new NotFoundException('Team member not found');
    return { id: user.id, name: user.name };
  }
}

/** A conversation as it is before anyone wrote in it, not stored: reads of it find nothing. */
function unsaved(agencyId: string, clientId: string): Conversation {
  return Object.assign(new Conversation(), {
    id: newId(),
    agencyId,
    clientId,
    assigneeUserId: null,
    lastSeq: 0,
    lastChange: 0,
    lastMessageAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
}
