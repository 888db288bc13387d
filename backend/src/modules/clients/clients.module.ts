import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { MembersModule } from '../members/members.module';
import { ClientMembersService } from './client-members.service';
import { ClientsController } from './clients.controller';
import { ClientsService } from './clients.service';
import { PortalTeamController } from './portal-team.controller';

@Module({
  imports: [AuthModule, InvitationsModule, MembersModule],
  controllers: [ClientsController, PortalTeamController],
  providers: [ClientsService, ClientMembersService],
  exports: [ClientsService, ClientMembersService],
})
export class ClientsModule {}
