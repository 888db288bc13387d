import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BrandingModule } from '../branding/branding.module';
import { DomainsModule } from '../domains/domains.module';
import { TwoFactorChallengesModule } from '../two-factor/two-factor-challenges.module';
import { MagicLinkSignInController } from './magic-link-sign-in.controller';
import { MagicLinksController } from './magic-links.controller';
import { MagicLinksService } from './magic-links.service';

@Module({
  imports: [AuthModule, BrandingModule, DomainsModule, TwoFactorChallengesModule],
  controllers: [MagicLinksController, MagicLinkSignInController],
  providers: [MagicLinksService],
})
export class MagicLinksModule {}
