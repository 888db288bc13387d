import { Global, Module } from '@nestjs/common';
import { HousekeepingService } from './housekeeping.service';
import { LeaseService } from './lease.service';

@Global()
@Module({
  providers: [LeaseService, HousekeepingService],
  exports: [LeaseService, HousekeepingService],
})
export class SchedulingModule {}
