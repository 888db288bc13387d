import type { SelectQueryBuilder } from 'typeorm';
import type { TenantDataAccess } from '../../core/tenancy/tenant-data';
import type { TenantScope } from '../../core/tenancy/tenant-scope';
import { ConversationRead } from './entities/conversation-read.entity';
import { Message } from './entities/message.entity';

/**
 * The messages `userId` has not read, as a query over `m` (Message) to narrow and aggregate:
 * messages (never notes, so the count means the same to both sides) written by someone else, not
 * deleted, after the person's read position. Index-backed: (conversationId, seq) from the read
 * position upwards.
 */
export function unreadMessages(
  data: TenantDataAccess,
  scope: TenantScope,
  userId: string,
): SelectQueryBuilder<Message> {
  return data
    .query(scope, Message, 'm')
    .leftJoin(ConversationRead, 'r', 'r.conversationId = m.conversationId AND r.userId = :reader', { reader: userId })
    .andWhere("m.kind = 'message'")
    .andWhere('m.deletedAt IS NULL')
    .andWhere('(m.authorUserId IS NULL OR m.authorUserId <> :reader)', { reader: userId })
    .andWhere('m.seq > COALESCE(r.lastReadSeq, 0)');
}

/** Unread counts per conversation among `conversationIds` (absent: none unread). */
export async function unreadCounts(
  data: TenantDataAccess,
  scope: TenantScope,
  userId: string,
  conversationIds: string[],
): Promise<Map<string, number>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await unreadMessages(data, scope, userId)
    .andWhere('m.conversationId IN (:...conversationIds)', { conversationIds })
    .select('m.conversationId', 'conversationId')
    .addSelect('COUNT(*)', 'unread')
    .groupBy('m.conversationId')
    .getRawMany<{ conversationId: string; unread: number | string }>();
  return new Map(rows.map((row) => [row.conversationId, Number(row.unread)]));
}
