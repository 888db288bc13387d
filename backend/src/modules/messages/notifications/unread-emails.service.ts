import { Inject, Injectable } from '@nestjs/common';
import { In, LessThan, MoreThan } from 'typeorm';
import type { MessageEmailMode } from '@atrium/shared';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import type { TenantTransaction } from '../../../core/tenancy/tenant-data';
import { agencyScope } from '../../../core/tenancy/tenant-scope';
import { ConversationRead } from '../entities/conversation-read.entity';
import type { Conversation } from '../entities/conversation.entity';
import { MessageEmailDue } from '../entities/message-email-due.entity';
import { MessageEmailSetting } from '../entities/message-email-setting.entity';
import type { Message } from '../entities/message.entity';
import { nextLocalHour } from './local-time';
import { conversationReaders, type ConversationReader } from './message-readers';

/**
 * Emails about messages left unread. The messages services call it inside their transactions, so
 * what is owed commits with the message and what is read cancels it with the read. The emails
 * themselves are written later by the sweep (MessageEmailSweep), once they are due.
 */
@Injectable()
export class UnreadEmails {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * `message` was just written: owe each person who may read it an email if it stays unread. One
   * row per person and conversation: a row already owed keeps its (earlier) due time and first
   * message, so a burst of messages ends in one email listing them all.
   */
  async owe(tx: TenantTransaction, conversation: Conversation, message: Message): Promise<void> {
    // Internal notes never leave the agency's screen, by email least of all.
    if (message.kind !== 'message') return;
    const recipients = await this.recipientsOf(tx, conversation, message);
    if (recipients.length === 0) return;
    const scope = agencyScope(conversation.agencyId);
    const ids = recipients.map((r) => r.id);
    const settings = await tx.listOwned(scope, MessageEmailSetting, { where: { userId: In(ids) } });
    const modeOf = new Map<string, MessageEmailMode>(settings.map((s) => [s.userId, s.mode]));
    const reads = await tx.listOwned(scope, ConversationRead, {
      where: { conversationId: conversation.id, userId: In(ids) },
    });
    const readOf = new Map(reads.map((r) => [r.userId, r.lastReadSeq]));
    const now = new Date();
    const owed = recipients.flatMap((person) => {
      const mode = modeOf.get(person.id) ?? 'every';
      if (mode === 'never') return [];
      const dueAt =
        mode === 'daily'
          ? nextLocalHour(now, this.config.messages.digestHour, person.timezone)
          : new Date(now.getTime() + this.config.messages.emailDelayMs);
      return [{ userId: person.id, dueAt, fromSeq: (readOf.get(person.id) ?? 0) + 1 }];
    });
    if (owed.length === 0) return;
    const db = tx.unscoped('unread emails: INSERT IGNORE of owed emails, each row naming the conversation’s tenant');
    const repository = db.getRepository(MessageEmailDue);
    // A row someone already owes (written by an earlier message, or by a concurrent one) stays as
    // it is: the unique (conversation, person) index decides, without a read-then-write race.
    await db
      .createQueryBuilder()
      .insert()
      .into(MessageEmailDue)
      .values(
        owed.map((row) =>
          repository.create({
            agencyId: conversation.agencyId,
            clientId: conversation.clientId,
            conversationId: conversation.id,
            userId: row.userId,
            fromSeq: row.fromSeq,
            dueAt: row.dueAt,
          }),
        ),
      )
      .orIgnore()
      .updateEntity(false)
      .execute();
    // Someone who switched from the daily digest to "every time" is emailed at the sooner time.
    const soonest = new Map<number, string[]>();
    for (const row of owed) soonest.set(row.dueAt.getTime(), [...(soonest.get(row.dueAt.getTime()) ?? []), row.userId]);
    for (const [at, userIds] of soonest) {
      await tx.updateOwned(
        scope,
        MessageEmailDue,
        { conversationId: conversation.id, userId: In(userIds), dueAt: MoreThan(new Date(at)) },
        { dueAt: new Date(at) },
      );
    }
  }

  /** `userId` has read `conversation` up to `seq`: nothing is owed to them for what they read. */
  async cancel(tx: TenantTransaction, conversation: Conversation, userId: string, seq: number): Promise<void> {
    const scope = agencyScope(conversation.agencyId);
    const where = { conversationId: conversation.id, userId };
    if (seq >= conversation.lastSeq) {
      await tx.deleteOwned(scope, MessageEmailDue, where);
    } else {
      // Read part of it: the email, if it still goes, is about what came after.
      await tx.updateOwned(scope, MessageEmailDue, { ...where, fromSeq: LessThan(seq + 1) }, { fromSeq: seq + 1 });
    }
  }

  /**
   * Who is emailed about `message`: everyone who may read the conversation but its author. The
   * agency hears of a client's message through the conversation's assignee when it has one (and
   * they are still on the team), else through every active team member; a message from the agency
   * goes to the client's people only.
   */
  private async recipientsOf(
    tx: TenantTransaction,
    conversation: Conversation,
    message: Message,
  ): Promise<ConversationReader[]> {
    const { readers } = await conversationReaders(tx, conversation);
    const others = readers.filter((r) => r.id !== message.authorUserId);
    const clients = others.filter((r) => r.kind === 'client');
    if (message.authorSide === 'agency') return clients;
    const team = others.filter((r) => r.kind === 'agency');
    const assignee = team.find((r) => r.id === conversation.assigneeUserId);
    return [...clients, ...(assignee ? [assignee] : team)];
  }
}
