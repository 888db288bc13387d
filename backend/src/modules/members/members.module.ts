import { Module } from '@nestjs/common';
import { InvitationsModule } from '../invitations/invitations.module';
import { MemberDirectoryService } from './member-directory.service';

/** The people lists (a client's, the team's) that the clients, portal and team pages show. */
@Module({
  imports: [InvitationsModule],
  providers: [MemberDirectoryService],
  exports: [MemberDirectoryService],
})
export class MembersModule {}
