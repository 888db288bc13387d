import { Module } from '@nestjs/common';
import { MessageEvents } from './message-events';

/** Live delivery of conversation events over socket.io (see REALTIME_PATH). */
@Module({
  providers: [MessageEvents],
  exports: [MessageEvents],
})
export class RealtimeModule {}
