import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BrandingModule } from '../branding/branding.module';
import { DomainsModule } from '../domains/domains.module';
import { MediaModule } from '../media/media.module';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';

@Global()
@Module({
  imports: [AuthModule, MediaModule, BrandingModule, DomainsModule],
  controllers: [MeController, SettingsController],
  providers: [MeService, SettingsService],
  exports: [MeService],
})
export class UsersModule {}
