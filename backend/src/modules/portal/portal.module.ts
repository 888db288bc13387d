import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module';
import { PortalOverviewController } from './portal-overview.controller';
import { PortalTeamController } from './portal-team.controller';

@Module({ imports: [ClientsModule], controllers: [PortalOverviewController, PortalTeamController] })
export class PortalModule {}
