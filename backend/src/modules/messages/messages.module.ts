import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { ConversationViews } from './conversation-views';
import { ConversationsService } from './conversations.service';
import { InboxService } from './inbox.service';
import { MessageAttachmentsService } from './message-attachments.service';
import { MessageHistoryService } from './message-history.service';
import { MessageViews } from './message-views';
import { MessageWriterService } from './message-writer.service';
import { MessagesController } from './messages.controller';
import { MessageNotificationsModule } from './notifications/message-notifications.module';
import { PortalMessagesController } from './portal-messages.controller';
import { RealtimeModule } from './realtime/realtime.module';

/** Messages: one conversation per client between its people and the agency (issue 16). */
@Module({
  imports: [RealtimeModule, MessageNotificationsModule, MediaModule],
  controllers: [MessagesController, PortalMessagesController],
  providers: [
    ConversationViews,
    ConversationsService,
    InboxService,
    MessageAttachmentsService,
    MessageHistoryService,
    MessageViews,
    MessageWriterService,
  ],
  exports: [ConversationViews, MessageViews],
})
export class MessagesModule {}
