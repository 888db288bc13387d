import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ViewAsController } from './view-as.controller';
import { ViewAsService } from './view-as.service';

/** "View as client": read-only portal sessions for agency users (the guard refuses their writes). */
@Module({
  imports: [AuthModule],
  controllers: [ViewAsController],
  providers: [ViewAsService],
})
export class ViewAsModule {}
