import { Module } from '@nestjs/common';
import { UnreadEmails } from './unread-emails.service';

/** Emails about unread messages (after a delay, or a daily digest) and each person's choice of them. */
@Module({
  providers: [UnreadEmails],
  exports: [UnreadEmails],
})
export class MessageNotificationsModule {}
