import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { ConversationReaderView, ConversationView, MessageSide } from '@atrium/shared';
import { rawDate } from '../../core/database/raw-values';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData, type TenantDataAccess } from '../../core/tenancy/tenant-data';
import type { TenantScope } from '../../core/tenancy/tenant-scope';
import { ConversationRead } from './entities/conversation-read.entity';
import type { Conversation } from './entities/conversation.entity';
import { MessageAttachment } from './entities/message-attachment.entity';
import { Message } from './entities/message.entity';
import { previewOf } from './message-rules';
import { visibleKinds } from './participant';
import { unreadCounts } from './unread-messages';

/** Who looks at conversations: their scope, who they are, and their side (notes exist only for the agency). */
export interface ConversationViewer {
  readonly scope: TenantScope;
  readonly userId: string;
  readonly side: MessageSide;
}

/** A conversation with the name of its client, as the reads that find it join it. */
export interface NamedConversation {
  conversation: Conversation;
  clientName: string;
}

/**
 * ConversationView for one viewer, for one conversation or a page of the inbox: a fixed number
 * of queries whatever the page's size (latest messages, unread counts, read positions, readers,
 * assignees), never one per conversation.
 */
@Injectable()
export class ConversationViews {
  constructor(private readonly tenant: TenantData) {}

  async one(viewer: ConversationViewer, named: NamedConversation): Promise<ConversationView> {
    return (await this.build(viewer, [named]))[0];
  }

  async build(viewer: ConversationViewer, page: NamedConversation[]): Promise<ConversationView[]> {
    if (page.length === 0) return [];
    const conversations = page.map((item) => item.conversation);
    const ids = conversations.map((c) => c.id);
    const [latest, unread, mine, readers, assignees] = await Promise.all([
      this.latestVisible(viewer, conversations),
      unreadCounts(this.tenant, viewer.scope, viewer.userId, ids),
      this.tenant.listOwned(viewer.scope, ConversationRead, {
        where: { userId: viewer.userId, conversationId: In(ids) },
      }),
      this.readers(viewer.scope, ids),
      this.assignees(viewer, conversations),
    ]);
    return page.map(({ conversation, clientName }) => {
      const last = latest.get(conversation.id) ?? null;
      // A client user's counters stop at the last message they may see: a note's seq is not theirs.
      const lastSeq = viewer.side === 'agency' ? conversation.lastSeq : (last?.message.seq ?? 0);
      const readSeq = mine.find((read) => read.conversationId === conversation.id)?.lastReadSeq ?? 0;
      return {
        clientId: conversation.clientId,
        clientName,
        assignee: conversation.assigneeUserId ? (assignees.get(conversation.assigneeUserId) ?? null) : null,
        lastMessage: last
          ? {
              preview: previewOf(last.message, last.files),
              at: last.message.createdAt.toISOString(),
              authorName: last.message.authorName,
              side: last.message.authorSide,
              kind: last.message.kind,
            }
          : null,
        unread: unread.get(conversation.id) ?? 0,
        lastReadSeq: Math.min(readSeq, lastSeq),
        lastSeq,
        change: conversation.lastChange,
        readers: readers.get(conversation.id) ?? [],
      };
    });
  }

  /**
   * How far each person has read, per conversation. The position is the last *message* they have
   * read (a note written or read after it does not count): "seen by" is about messages, and a
   * client user must not learn where notes sit from it.
   */
  async readers(
    scope: TenantScope,
    conversationIds: string[],
    data: TenantDataAccess = this.tenant,
  ): Promise<Map<string, ConversationReaderView[]>> {
    const byConversation = new Map<string, ConversationReaderView[]>();
    if (conversationIds.length === 0) return byConversation;
    const rows = await data
      .query(scope, ConversationRead, 'r')
      // People belong to the agency as a whole; a client scope reaches only those who read its conversation.
      .innerJoin(User, 'u', 'u.id = r.userId AND u.agencyId = r.agencyId')
      .andWhere('r.conversationId IN (:...conversationIds)', { conversationIds })
      .select('r.conversationId', 'conversationId')
      .addSelect('r.userId', 'userId')
      .addSelect('u.name', 'name')
      .addSelect('r.side', 'side')
      .addSelect('r.readAt', 'readAt')
      .addSelect(
        "(SELECT MAX(seen.seq) FROM messages seen WHERE seen.conversationId = r.conversationId AND seen.kind = 'message' AND seen.seq <= r.lastReadSeq)",
        'lastReadSeq',
      )
      .orderBy('r.readAt', 'DESC')
      .getRawMany<{
        conversationId: string;
        userId: string;
        name: string;
        side: MessageSide;
        readAt: Date | string;
        lastReadSeq: number | string | null;
      }>();
    for (const row of rows) {
      const list = byConversation.get(row.conversationId) ?? [];
      list.push({
        userId: row.userId,
        name: row.name,
        side: row.side,
        lastReadSeq: Number(row.lastReadSeq ?? 0),
        readAt: (rawDate(row.readAt) ?? new Date(0)).toISOString(),
      });
      byConversation.set(row.conversationId, list);
    }
    return byConversation;
  }

  /** The newest message each viewer may see per conversation, with its number of files (for the preview). */
  private async latestVisible(
    viewer: ConversationViewer,
    conversations: Conversation[],
  ): Promise<Map<string, { message: Message; files: number }>> {
    const latest = new Map<string, { message: Message; files: number }>();
    let keys: Array<{ conversationId: string; seq: number }>;
    if (viewer.side === 'agency') {
      keys = conversations.filter((c) => c.lastSeq > 0).map((c) => ({ conversationId: c.id, seq: c.lastSeq }));
    } else {
      const rows = await this.tenant
        .query(viewer.scope, Message, 'm')
        .andWhere('m.conversationId IN (:...ids)', { ids: conversations.map((c) => c.id) })
        .andWhere('m.kind IN (:...kinds)', { kinds: visibleKinds(viewer) })
        .select('m.conversationId', 'conversationId')
        .addSelect('MAX(m.seq)', 'seq')
        .groupBy('m.conversationId')
        .getRawMany<{ conversationId: string; seq: number | string }>();
      keys = rows.map((row) => ({ conversationId: row.conversationId, seq: Number(row.seq) }));
    }
    if (keys.length === 0) return latest;
    const messages = await this.tenant.listOwned(viewer.scope, Message, { where: keys });
    const bare = messages.filter((m) => !m.deletedAt && m.body.length === 0).map((m) => m.id);
    const files = bare.length
      ? await this.tenant
          .query(viewer.scope, MessageAttachment, 'a')
          .andWhere('a.messageId IN (:...bare)', { bare })
          .select('a.messageId', 'messageId')
          .addSelect('COUNT(*)', 'files')
          .groupBy('a.messageId')
          .getRawMany<{ messageId: string; files: number | string }>()
      : [];
    for (const message of messages) {
      const count = Number(files.find((f) => f.messageId === message.id)?.files ?? 0);
      latest.set(message.conversationId, { message, files: count });
    }
    return latest;
  }

  /** Assignees' names (agency viewers only: a client user never learns who looks after them). */
  private async assignees(
    viewer: ConversationViewer,
    conversations: Conversation[],
  ): Promise<Map<string, { id: string; name: string }>> {
    if (viewer.side !== 'agency' || viewer.scope.kind !== 'agency') return new Map();
    const ids = [...new Set(conversations.map((c) => c.assigneeUserId).filter((id): id is string => id !== null))];
    if (ids.length === 0) return new Map();
    const users = await this.tenant.listOwned(viewer.scope, User, {
      where: { id: In(ids) },
      select: { id: true, name: true },
    });
    return new Map(users.map((user) => [user.id, { id: user.id, name: user.name }]));
  }
}
