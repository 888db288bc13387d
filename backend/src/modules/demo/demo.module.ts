import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DemoSeederService } from './demo-seeder.service';

@Module({
  imports: [AuthModule],
  providers: [DemoSeederService],
  exports: [DemoSeederService],
})
export class DemoModule {}
