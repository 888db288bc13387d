import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BrandingModule } from '../branding/branding.module';
import { DomainsModule } from '../domains/domains.module';
import { TwoFactorChallengesModule } from '../two-factor/two-factor-challenges.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [AuthModule, BrandingModule, DomainsModule, TwoFactorChallengesModule],
  controllers: [InvitationsController],
  providers: [InvitationsService],
  exports: [InvitationsService],
})
export class InvitationsModule {}
