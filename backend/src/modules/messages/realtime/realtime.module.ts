import { Module } from '@nestjs/common';
import { DomainsModule } from '../../domains/domains.module';
import { AccessChanges } from './access-changes';
import { MessageEvents } from './message-events';
import { RealtimeGateway } from './realtime.gateway';
import { SocketAuth } from './socket-auth';

/**
 * Live delivery of conversation events over socket.io (see REALTIME_PATH): the gateway, its
 * handshake authentication, and the watch on access changes that re-checks open sockets. The
 * socket.io server itself is set up by RealtimeIoAdapter (create-app.ts).
 */
@Module({
  imports: [DomainsModule],
  providers: [MessageEvents, SocketAuth, AccessChanges, RealtimeGateway],
  exports: [MessageEvents],
})
export class RealtimeModule {}
