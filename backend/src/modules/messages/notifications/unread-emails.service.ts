import { Injectable } from '@nestjs/common';
import type { TenantTransaction } from '../../../core/tenancy/tenant-data';
import type { Conversation } from '../entities/conversation.entity';
import type { Message } from '../entities/message.entity';

/**
 * Emails about messages left unread. The messages services call it inside their transactions, so
 * what is owed commits with the message and what is read cancels it with the read.
 */
@Injectable()
export class UnreadEmails {
  /** `message` was just written: owe each person who may read it an email if it stays unread. */
  async owe(_tx: TenantTransaction, _conversation: Conversation, _message: Message): Promise<void> {
    // Implemented with the notifications (issue 16).
  }

  /** `userId` has read `conversation` up to `seq`: nothing is owed to them for what they read. */
  async cancel(_tx: TenantTransaction, _conversation: Conversation, _userId: string, _seq: number): Promise<void> {
    // Implemented with the notifications (issue 16).
  }
}
