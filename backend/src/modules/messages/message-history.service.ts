import { Injectable } from '@nestjs/common';
import { Between, In, LessThan } from 'typeorm';
import {
  MESSAGE_PAGE_SIZE,
  type MessageChangesResponse,
  type MessagePageResponse,
  type MessageSearchResponse,
} from '@atrium/shared';
import { TenantData } from '../../core/tenancy/tenant-data';
import { ConversationViews } from './conversation-views';
import { ConversationsService } from './conversations.service';
import { Message } from './entities/message.entity';
import { containsPattern } from './message-rules';
import { MessageViews } from './message-views';
import { visibleKinds, type Participant } from './participant';

/** Most changes answered at once; a page that was away longer asks again from the last one. */
export const CHANGES_LIMIT = 200;
export const SEARCH_LIMIT = 50;

/**
 * Reading a conversation: pages (newest first, older on scroll), what changed since a point, and
 * search. Every query names the kinds the participant may see, so a client user's reads never
 * touch a note.
 */
@Injectable()
export class MessageHistoryService {
  constructor(
    private readonly tenant: TenantData,
    private readonly conversations: ConversationsService,
    private readonly conversationViews: ConversationViews,
    private readonly views: MessageViews,
  ) {}

  /** The page before `before` (the newest page without it), oldest first. */
  async page(p: Participant, before?: number, limit = MESSAGE_PAGE_SIZE): Promise<MessagePageResponse> {
    const { conversation } = await this.conversations.open(p);
    const rows = await this.tenant.listOwned(p.scope, Message, {
      where: {
        conversationId: conversation.id,
        kind: In(visibleKinds(p)),
        ...(before !== undefined ? { seq: LessThan(before) } : {}),
      },
      order: { seq: 'DESC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit).reverse();
    return {
      messages: await this.views.build(p, page),
      olderBefore: rows.length > limit && page.length > 0 ? page[0].seq : null,
    };
  }

  /**
   * Messages written, edited or deleted after `since`, by change. The conversation is read first:
   * every change up to its counter has committed with it, so the answer has no gaps and the next
   * ask (from the returned `change`) no repeats.
   */
  async changes(p: Participant, since: number): Promise<MessageChangesResponse> {
    const { conversation } = await this.conversations.open(p);
    const upTo = conversation.lastChange;
    const rows =
      since < upTo
        ? await this.tenant.listOwned(p.scope, Message, {
            where: { conversationId: conversation.id, kind: In(visibleKinds(p)), change: Between(since + 1, upTo) },
            order: { change: 'ASC' },
            take: CHANGES_LIMIT,
          })
        : [];
    // Cut short: continue after the last one returned. Otherwise everything up to the counter
    // has been seen (for a client user that skips notes' changes, which they never get).
    const change = rows.length === CHANGES_LIMIT ? rows[rows.length - 1].change : Math.max(since, upTo);
    const readers = await this.conversationViews.readers(p.scope, [conversation.id]);
    return {
      messages: await this.views.build(p, rows),
      change,
      readers: readers.get(conversation.id) ?? [],
    };
  }

  /** Messages whose text contains `q` (case-insensitive), newest first; deleted ones are not searched. */
  async search(p: Participant, q: string): Promise<MessageSearchResponse> {
    const { conversation } = await this.conversations.open(p);
    const rows = await this.tenant
      .query(p.scope, Message, 'm')
      .andWhere('m.conversationId = :conversationId', { conversationId: conversation.id })
      .andWhere('m.kind IN (:...kinds)', { kinds: visibleKinds(p) })
      .andWhere('m.deletedAt IS NULL')
      .andWhere("LOWER(m.body) LIKE :pattern ESCAPE '!'", { pattern: containsPattern(q.trim()) })
      .orderBy('m.seq', 'DESC')
      .take(SEARCH_LIMIT)
      .getMany();
    return { messages: await this.views.build(p, rows) };
  }
}
