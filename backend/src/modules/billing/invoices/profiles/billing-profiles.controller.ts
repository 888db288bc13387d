import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgencyCtx } from '../../../../core/auth/context.decorator';
import type { AgencyContext } from '../../../../core/auth/request-context';
import { AgencyRoute } from '../../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../../core/http/api-error.dto';
import { BillingProfileDto, UpdateBillingProfileDto } from '../dto/billing-profile.dto';
import { BillingProfilesService } from './billing-profiles.service';

const uuid = new ParseUUIDPipe();

/** A client's billing profile, as the agency edits it (its billing admins edit it in the portal too). */
@ApiTags('billing')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown client, or a client of another agency' })
@Controller('v1/clients/:clientId/billing-profile')
export class BillingProfilesController {
  constructor(private readonly profiles: BillingProfilesService) {}

  @Get()
  @AgencyRoute()
  @ApiOperation({
    summary: "The client's billing profile",
    description: "Never saved: legalName '' (the client's name is used) and the agency's default currency and terms.",
  })
  @ApiOkResponse({ type: BillingProfileDto })
  view(@AgencyCtx() ctx: AgencyContext, @Param('clientId', uuid) clientId: string): Promise<BillingProfileDto> {
    return this.profiles.view(ctx.scope, clientId);
  }

  @Put()
  @AgencyRoute('owner', 'admin')
  @ApiOperation({ summary: 'Save the billing profile (used by invoices sent from now on)' })
  @ApiOkResponse({ type: BillingProfileDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid input (nothing was changed)' })
  update(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Body() dto: UpdateBillingProfileDto,
  ): Promise<BillingProfileDto> {
    return this.profiles.update(ctx, clientId, dto);
  }
}
