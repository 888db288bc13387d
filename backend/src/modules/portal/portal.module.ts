import { Module } from '@nestjs/common';
import { PortalOverviewController } from './portal-overview.controller';

@Module({ controllers: [PortalOverviewController] })
export class PortalModule {}
