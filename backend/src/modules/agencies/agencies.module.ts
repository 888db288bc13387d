import { Module } from '@nestjs/common';
import { AgencyOverviewController } from './agency-overview.controller';

@Module({ controllers: [AgencyOverviewController] })
export class AgenciesModule {}
