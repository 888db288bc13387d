import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MagicLinkSignInController } from './magic-link-sign-in.controller';
import { MagicLinksController } from './magic-links.controller';
import { MagicLinksService } from './magic-links.service';

@Module({
  imports: [AuthModule],
  controllers: [MagicLinksController, MagicLinkSignInController],
  providers: [MagicLinksService],
})
export class MagicLinksModule {}
