import { Global, Module } from '@nestjs/common';
import { AgencyOverviewController } from './agency-overview.controller';
import { AgencyOverviewService } from './agency-overview.service';
import { DashboardService } from './dashboard.service';
import { EntitlementsService } from './entitlements.service';
import { DomainsModule } from '../domains/domains.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { PostsModule } from '../posts/posts.module';
import { SocialModule } from '../social/social.module';

@Global()
@Module({
  imports: [SocialModule, PostsModule, InvitationsModule, DomainsModule],
  controllers: [AgencyOverviewController],
  providers: [EntitlementsService, DashboardService, AgencyOverviewService],
  exports: [EntitlementsService],
})
export class AgenciesModule {}
