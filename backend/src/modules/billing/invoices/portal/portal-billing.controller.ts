import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientCtx } from '../../../../core/auth/context.decorator';
import type { ClientContext } from '../../../../core/auth/request-context';
import { PortalRoute } from '../../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../../core/http/api-error.dto';
import { BillingProfileDto, UpdateBillingProfileDto } from '../dto/billing-profile.dto';
import { InvoiceDto } from '../dto/invoice.dto';
import { PortalBillingDto } from '../dto/portal-billing.dto';
import { BillingProfilesService } from '../profiles/billing-profiles.service';
import { PortalBillingService } from './portal-billing.service';

const uuid = new ParseUUIDPipe();

/**
 * Portal › Billing, for client admins whose client has billing.manage on. Members never reach it,
 * even when the client has the permission (the guard narrows permissions by role).
 */
@ApiTags('portal')
@ApiNotFoundResponse({ type: ApiErrorDto, description: "Unknown id, a draft, or another client's invoice" })
@Controller('v1/portal/billing')
@PortalRoute('billing.manage')
export class PortalBillingController {
  constructor(
    private readonly billing: PortalBillingService,
    private readonly profiles: BillingProfilesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My billing profile and invoices (open first, oldest due first; then newest first)' })
  @ApiOkResponse({ type: PortalBillingDto })
  page(@ClientCtx() ctx: ClientContext): Promise<PortalBillingDto> {
    return this.billing.page(ctx);
  }

  @Put('profile')
  @ApiOperation({ summary: 'Save my billing profile (used by invoices sent from now on)' })
  @ApiOkResponse({ type: BillingProfileDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid input (nothing was changed)' })
  updateProfile(@ClientCtx() ctx: ClientContext, @Body() dto: UpdateBillingProfileDto): Promise<BillingProfileDto> {
    return this.profiles.update(ctx, ctx.scope.clientId, dto);
  }

  @Get('invoices/:invoiceId')
  @ApiOperation({ summary: 'One of my invoices (opening it marks it viewed)' })
  @ApiOkResponse({ type: InvoiceDto })
  invoice(@ClientCtx() ctx: ClientContext, @Param('invoiceId', uuid) invoiceId: string): Promise<InvoiceDto> {
    return this.billing.invoice(ctx, invoiceId);
  }
}
