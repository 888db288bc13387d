import { Global, Module } from '@nestjs/common';
import { AgencyOverviewController } from './agency-overview.controller';
import { DashboardService } from './dashboard.service';
import { EntitlementsService } from './entitlements.service';
import { SocialModule } from '../social/social.module';

@Global()
@Module({
  imports: [SocialModule],
  controllers: [AgencyOverviewController],
  providers: [EntitlementsService, DashboardService],
  exports: [EntitlementsService],
})
export class AgenciesModule {}
