import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BrandingModule } from '../branding/branding.module';
import { ClientsAccess } from './clients-access';
import { ContractDraftsService } from './contract-drafts.service';
import { ContractFlowService } from './contract-flow.service';
import { ContractMailer } from './contract-mailer';
import { ContractSealingService } from './contract-sealing.service';
import { ContractTemplatesController } from './contract-templates.controller';
import { ContractsController } from './contracts.controller';
import { PortalContractsController } from './portal-contracts.controller';
import { PortalContractsService } from './portal-contracts.service';
import { VerifyController } from './verify.controller';

@Module({
  imports: [AuthModule, BrandingModule],
  controllers: [ContractsController, ContractTemplatesController, PortalContractsController, VerifyController],
  providers: [
    ClientsAccess,
    ContractDraftsService,
    ContractFlowService,
    ContractMailer,
    ContractSealingService,
    PortalContractsService,
  ],
  exports: [PortalContractsService],
})
export class ContractsModule {}
