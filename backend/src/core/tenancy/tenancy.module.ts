import { Global, Module } from '@nestjs/common';
import { ContextLoader } from './context-loader.service';
import { TenantData } from './tenant-data';

/** The tenancy layer every feature stands on: scoped data access and the request context loader. */
@Global()
@Module({
  providers: [TenantData, ContextLoader],
  exports: [TenantData, ContextLoader],
})
export class TenancyModule {}
