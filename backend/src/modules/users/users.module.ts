import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MediaModule } from '../media/media.module';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';

@Global()
@Module({
  imports: [AuthModule, MediaModule],
  controllers: [MeController, SettingsController],
  providers: [MeService, SettingsService],
  exports: [MeService],
})
export class UsersModule {}
