import { Injectable } from '@nestjs/common';
import { Brackets, In } from 'typeorm';
import type { InboxResponse, UnreadSummaryResponse } from '@atrium/shared';
import type { AgencyContext } from '../../core/auth/request-context';
import { rawDate } from '../../core/database/raw-values';
import { Client } from '../../core/tenancy/entities/client.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { ConversationViews, type ConversationViewer } from './conversation-views';
import { ConversationRead } from './entities/conversation-read.entity';
import { Conversation } from './entities/conversation.entity';
import { decodeInboxCursor, encodeInboxCursor, type InboxCursor } from './message-rules';
import { unreadMessages } from './unread-messages';

export const INBOX_PAGE_SIZE = 30;

export interface InboxFilter {
  clientId?: string;
  assigned?: 'me';
  unread?: boolean;
  cursor?: string;
  limit?: number;
}

/**
 * Whether the caller (`:me`, whose read row is `r`) has something unread in conversation `c`.
 * EXISTS stops at the first unread message, found on (conversationId, seq) from the read position.
 */
const HAS_UNREAD = `EXISTS (SELECT 1 FROM messages um WHERE um.conversationId = c.id AND um.kind = 'message'
  AND um.deletedAt IS NULL AND (um.authorUserId IS NULL OR um.authorUserId <> :me)
  AND um.seq > COALESCE(r.lastReadSeq, 0))`;
const UNREAD_FLAG = `CASE WHEN ${HAS_UNREAD} THEN 1 ELSE 0 END`;
/** A conversation with only notes so far sorts by when it was opened. */
const SORT_AT = 'COALESCE(c.lastMessageAt, c.createdAt)';

/**
 * The agency's inbox: the conversations of live clients that have something in them, unread
 * (for the caller) first, then by the latest message; and the agency user's unread totals.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly tenant: TenantData,
    private readonly views: ConversationViews,
  ) {}

  async list(ctx: AgencyContext, filter: InboxFilter): Promise<InboxResponse> {
    const { scope, userId } = ctx;
    const limit = Math.min(Math.max(filter.limit ?? INBOX_PAGE_SIZE, 1), 100);
    const query = this.tenant
      .query(scope, Conversation, 'c')
      .innerJoin(Client, 'cl', 'cl.id = c.clientId AND cl.agencyId = c.agencyId AND cl.deletedAt IS NULL')
      .leftJoin(ConversationRead, 'r', 'r.conversationId = c.id AND r.userId = :me', { me: userId })
      .andWhere('c.lastSeq > 0');
    if (filter.clientId) {
      await this.tenant.liveClient(scope, filter.clientId);
      query.andWhere('c.clientId = :clientId', { clientId: filter.clientId });
    }
    if (filter.assigned === 'me') query.andWhere('c.assigneeUserId = :me', { me: userId });
    if (filter.unread) query.andWhere(HAS_UNREAD, { me: userId });
    if (filter.cursor) {
      const after = decodeInboxCursor(filter.cursor);
      query.andWhere(
        new Brackets((q) =>
          q
            .where(`${UNREAD_FLAG} < :afterUnread`)
            .orWhere(`${UNREAD_FLAG} = :afterUnread AND ${SORT_AT} < :afterAt`)
            .orWhere(`${UNREAD_FLAG} = :afterUnread AND ${SORT_AT} = :afterAt AND c.id < :afterId`),
        ),
        { me: userId, afterUnread: after.unread, afterAt: after.at, afterId: after.id },
      );
    }
    const rows = await query
      .select('c.id', 'id')
      .addSelect('cl.name', 'clientName')
      .addSelect(UNREAD_FLAG, 'hasUnread')
      .addSelect(SORT_AT, 'sortAt')
      .setParameter('me', userId)
      .orderBy('hasUnread', 'DESC')
      .addOrderBy('sortAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1)
      .getRawMany<{ id: string; clientName: string; hasUnread: number | string; sortAt: Date | string }>();

    const page = rows.slice(0, limit);
    const conversations = page.length
      ? await this.tenant.listOwned(scope, Conversation, { where: { id: In(page.map((row) => row.id)) } })
      : [];
    const viewer: ConversationViewer = { scope, userId, side: 'agency' };
    const views = await this.views.build(
      viewer,
      page.flatMap((row) => {
        const conversation = conversations.find((c) => c.id === row.id);
        return conversation ? [{ conversation, clientName: row.clientName }] : [];
      }),
    );
    const last = page[page.length - 1];
    const next: InboxCursor | null =
      rows.length > limit && last
        ? { unread: Number(last.hasUnread) > 0 ? 1 : 0, at: rawDate(last.sortAt) ?? new Date(0), id: last.id }
        : null;
    return { conversations: views, nextCursor: next ? encodeInboxCursor(next) : null };
  }

  /** What an agency user has not read, across the conversations of the agency's live clients. */
  async unread(ctx: AgencyContext): Promise<UnreadSummaryResponse> {
    const row = await unreadMessages(this.tenant, ctx.scope, ctx.userId)
      .innerJoin(Client, 'cl', 'cl.id = m.clientId AND cl.agencyId = m.agencyId AND cl.deletedAt IS NULL')
      .select('COUNT(DISTINCT m.conversationId)', 'conversations')
      .addSelect('COUNT(*)', 'messages')
      .getRawOne<{ conversations: number | string; messages: number | string }>();
    return { conversations: Number(row?.conversations ?? 0), messages: Number(row?.messages ?? 0) };
  }
}
