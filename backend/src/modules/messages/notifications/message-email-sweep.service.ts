import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Equal, In, IsNull, LessThanOrEqual, Not, Or } from 'typeorm';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { MailService } from '../../../core/mail/mail.service';
import { LeaseService } from '../../../core/scheduling/lease.service';
import { TenantData, type TenantTransaction } from '../../../core/tenancy/tenant-data';
import { agencyScope, type AgencyScope } from '../../../core/tenancy/tenant-scope';
import { Conversation } from '../entities/conversation.entity';
import { MessageAttachment } from '../entities/message-attachment.entity';
import { MessageEmailDue } from '../entities/message-email-due.entity';
import { MessageEmailSetting } from '../entities/message-email-setting.entity';
import { localDay, localHour, nextLocalHour } from './local-time';
import { MESSAGES_LISTED, MessageMailer, type UnreadConversation } from './message-mailer';
import { unreadMessages } from '../unread-messages';
import { conversationReaders, type ConversationReader } from './message-readers';

/** Owed emails taken per pass (the next pass takes the rest). */
const SWEEP_BATCH = 200;

/**
 * Sends the emails owed about unread messages once they are due. Each runs in one transaction that
 * first claims what it is about (deletes the owed row, or marks the person's digest day) and then
 * writes the email to the outbox: the email commits with its claim, so nothing is lost on a crash
 * and no two instances (or two passes) send it twice. Before writing, the person's access is
 * checked again and what they read meanwhile is left out.
 */
@Injectable()
export class MessageEmailSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MessageEmailSweep.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly leases: LeaseService,
    private readonly mailer: MessageMailer,
    private readonly mail: MailService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    this.timer = setInterval(() => void this.tick(), this.config.messages.emailPollMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One background pass, on the one instance holding the lease. */
  async tick(now = new Date()): Promise<void> {
    const ttl = Math.max(this.config.messages.emailPollMs - 100, 100);
    if (!(await this.leases.tryAcquire('message-emails', ttl).catch(() => false))) return;
    try {
      await this.sweep(now);
    } catch (error) {
      this.logger.error({ msg: 'The unread-messages email pass failed', error: String(error) });
    }
  }

  /** Sends what is due at `now`. Returns how many emails were written. */
  async sweep(now = new Date()): Promise<number> {
    const due = await this.tenant
      .unscoped('unread emails: owed emails of every agency that are due; each person is then handled in its agency')
      .getRepository(MessageEmailDue)
      .find({ where: { dueAt: LessThanOrEqual(now) }, order: { dueAt: 'ASC' }, take: SWEEP_BATCH });
    const byPerson = new Map<string, MessageEmailDue[]>();
    for (const row of due) byPerson.set(row.userId, [...(byPerson.get(row.userId) ?? []), row]);
    let written = 0;
    for (const rows of byPerson.values()) {
      try {
        written += await this.person(rows, now);
      } catch (error) {
        // One person's failure (a deadlock retried out) must not hold back everyone else's email.
        this.logger.error({ msg: 'An unread-messages email failed', userId: rows[0].userId, error: String(error) });
      }
    }
    return written;
  }

  private async person(rows: MessageEmailDue[], now: Date): Promise<number> {
    const { agencyId, userId } = rows[0];
    const scope = agencyScope(agencyId);
    const setting = await this.tenant.findOneOwned(scope, MessageEmailSetting, { where: { userId } });
    const mode = setting?.mode ?? 'every';
    if (mode === 'never') {
      await this.tenant.deleteOwned(scope, MessageEmailDue, { id: In(rows.map((r) => r.id)) });
      return 0;
    }
    if (mode === 'daily') return this.digest(scope, userId, now);
    let written = 0;
    for (const row of rows) written += await this.single(scope, row, now);
    return written;
  }

  /** "Every time": one email about one conversation. */
  private async single(scope: AgencyScope, row: MessageEmailDue, now: Date): Promise<number> {
    const ids = await this.tenant.transaction(async (tx) => {
      // The claim: whoever deletes the row sends its email; a second pass (or instance) finds it gone.
      const claimed = await tx.deleteOwned(scope, MessageEmailDue, { id: row.id, dueAt: LessThanOrEqual(now) });
      if (claimed === 0) return [];
      const found = await this.unread(tx, scope, row);
      if (!found) return [];
      return [await this.mailer.queue(tx, found.reader, [found.conversation], false)];
    });
    await this.mail.dispatch(ids);
    return ids.length;
  }

  /**
   * The daily digest: every conversation of the person's due rows in one email, once per local day
   * at the digest hour. Rows that come due earlier (the person switched to the digest while an
   * email was owed) or after today's digest wait for the next one.
   */
  private async digest(scope: AgencyScope, userId: string, now: Date): Promise<number> {
    const ids = await this.tenant.transaction(async (tx) => {
      // All of the person's due rows, not only this batch's: the digest is the day's only email.
      const rows = await tx.listOwned(scope, MessageEmailDue, {
        where: { userId, dueAt: LessThanOrEqual(now) },
        order: { dueAt: 'ASC' },
      });
      if (rows.length === 0) return [];
      const found: Array<{ reader: ConversationReader; conversation: UnreadConversation }> = [];
      for (const row of rows) {
        const unread = await this.unread(tx, scope, row);
        if (unread) found.push(unread);
      }
      const reader = found[0]?.reader;
      const rowIds = rows.map((r) => r.id);
      if (!reader) {
        // Nothing left unread (or no access any more): nothing to send, and nothing owed.
        await tx.deleteOwned(scope, MessageEmailDue, { id: In(rowIds) });
        return [];
      }
      const zone = reader.timezone;
      const today = localDay(now, zone);
      const hourReached = localHour(now, zone) >= this.config.messages.digestHour;
      // The claim: the conditional update marks today's digest as sent; a racing pass matches nothing.
      const claimed =
        hourReached &&
        (await tx.updateOwned(
          scope,
          MessageEmailSetting,
          { userId, mode: 'daily', lastDigestDay: Or(IsNull(), Not(Equal(today))) },
          { lastDigestDay: today },
        )) > 0;
      if (!claimed) {
        const next = nextLocalHour(now, this.config.messages.digestHour, zone);
        await tx.updateOwned(scope, MessageEmailDue, { id: In(rowIds), dueAt: LessThanOrEqual(now) }, { dueAt: next });
        return [];
      }
      await tx.deleteOwned(scope, MessageEmailDue, { id: In(rowIds) });
      return [
        await this.mailer.queue(
          tx,
          reader,
          found.map((f) => f.conversation),
          true,
        ),
      ];
    });
    await this.mail.dispatch(ids);
    return ids.length;
  }

  /**
   * What `row`'s person has still not read of its conversation (messages, not notes; not deleted;
   * not their own), provided they may still read it; null when nothing is left to tell them.
   */
  private async unread(
    tx: TenantTransaction,
    scope: AgencyScope,
    row: MessageEmailDue,
  ): Promise<{ reader: ConversationReader; conversation: UnreadConversation } | null> {
    const conversation = await tx.findOwnedOrNull(scope, Conversation, row.conversationId);
    if (!conversation) return null;
    const { parties, readers } = await conversationReaders(tx, conversation, [row.userId]);
    const reader = readers[0];
    if (!parties || !reader) return null;
    // What they have not read, from the first message this email is owed for.
    const query = unreadMessages(tx, scope, reader.id)
      .andWhere('m.conversationId = :conversationId', { conversationId: conversation.id })
      .andWhere('m.seq >= :fromSeq', { fromSeq: row.fromSeq });
    const total = await query.clone().getCount();
    if (total === 0) return null;
    // limit, not take: the join to the read position is a filter, never a selected relation.
    const messages = await query.orderBy('m.seq', 'ASC').limit(MESSAGES_LISTED).getMany();
    const files = new Map<string, number>();
    if (messages.length > 0) {
      const counted = await tx
        .query(scope, MessageAttachment, 'a')
        .andWhere('a.messageId IN (:...ids)', { ids: messages.map((m) => m.id) })
        .select('a.messageId', 'messageId')
        .addSelect('COUNT(*)', 'files')
        .groupBy('a.messageId')
        .getRawMany<{ messageId: string; files: number | string }>();
      for (const c of counted) files.set(c.messageId, Number(c.files));
    }
    return {
      reader,
      conversation: {
        ...parties,
        total,
        messages: messages.map((m) => ({
          authorName: m.authorName,
          createdAt: m.createdAt,
          body: m.body,
          files: files.get(m.id) ?? 0,
        })),
      },
    };
  }
}
