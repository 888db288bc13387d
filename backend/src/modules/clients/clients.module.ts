import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { MemberDirectoryService } from '../members/member-directory.service';
import { ClientMembersService } from './client-members.service';
import { ClientsController } from './clients.controller';
import { ClientsService } from './clients.service';

@Module({
  imports: [AuthModule, InvitationsModule],
  controllers: [ClientsController],
  providers: [ClientsService, ClientMembersService, MemberDirectoryService],
  exports: [ClientsService, ClientMembersService, MemberDirectoryService, InvitationsModule],
})
export class ClientsModule {}
