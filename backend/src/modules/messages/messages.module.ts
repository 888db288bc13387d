import { Module } from '@nestjs/common';
import { MessageNotificationsModule } from './notifications/message-notifications.module';
import { RealtimeModule } from './realtime/realtime.module';

/** Messages: one conversation per client between its people and the agency (issue 16). */
@Module({
  imports: [RealtimeModule, MessageNotificationsModule],
  controllers: [],
  providers: [],
})
export class MessagesModule {}
