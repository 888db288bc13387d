import { Module } from '@nestjs/common';
import { PortalOverviewController } from './portal-overview.controller';
import { PortalOverviewService } from './portal-overview.service';

/** The portal's own home page; each feature's portal pages live with the feature. */
@Module({ controllers: [PortalOverviewController], providers: [PortalOverviewService] })
export class PortalModule {}
