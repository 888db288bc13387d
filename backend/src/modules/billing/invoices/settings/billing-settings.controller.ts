import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgencyCtx } from '../../../../core/auth/context.decorator';
import type { AgencyContext } from '../../../../core/auth/request-context';
import { AgencyRoute } from '../../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../../core/http/api-error.dto';
import { BillingSettingsDto, UpdateBillingSettingsDto } from '../dto/billing-settings.dto';
import { BillingSettingsService } from './billing-settings.service';

/** Settings › Billing: invoice numbering, defaults for new invoices, reminder schedule. */
@ApiTags('billing')
@Controller('v1/billing/settings')
export class BillingSettingsController {
  constructor(private readonly settings: BillingSettingsService) {}

  @Get()
  @AgencyRoute()
  @ApiOperation({ summary: "The agency's billing settings and the connected payment provider (never its keys)" })
  @ApiOkResponse({ type: BillingSettingsDto })
  view(@AgencyCtx() ctx: AgencyContext): Promise<BillingSettingsDto> {
    return this.settings.view(ctx.scope);
  }

  @Put()
  @AgencyRoute('owner', 'admin')
  @ApiOperation({
    summary: 'Change numbering, defaults and reminders',
    description:
      'The payment provider is connected through its own routes. `nextNumber` may only move forward, so no invoice number is ever used twice. Reminder offsets: up to 5 each, 1–90 days, no repeats.',
  })
  @ApiOkResponse({ type: BillingSettingsDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid input, or nextNumber moving back' })
  update(@AgencyCtx() ctx: AgencyContext, @Body() dto: UpdateBillingSettingsDto): Promise<BillingSettingsDto> {
    return this.settings.update(ctx, dto);
  }
}
