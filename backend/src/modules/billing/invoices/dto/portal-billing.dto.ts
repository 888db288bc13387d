import { ApiProperty } from '@nestjs/swagger';
import type { InvoiceSummaryView, PortalBillingResponse } from '@atrium/shared';
import { BillingProfileDto } from './billing-profile.dto';
import { InvoiceSummaryDto } from './invoice.dto';

export class PortalBillingDto implements PortalBillingResponse {
  @ApiProperty({ type: BillingProfileDto }) profile!: BillingProfileDto;
  @ApiProperty({ type: [InvoiceSummaryDto], description: 'Open first (oldest due first), then newest first' })
  invoices!: InvoiceSummaryView[];
  @ApiProperty({ description: 'The agency takes payments online' }) onlinePayments!: boolean;
}
