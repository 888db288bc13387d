import { Body, Controller, Delete, HttpCode, HttpStatus, Put } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AgencyCtx } from '../../../core/auth/context.decorator';
import type { AgencyContext } from '../../../core/auth/request-context';
import { AgencyRoute } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { PaymentProviderDto } from '../invoices/dto/billing-settings.dto';
import { ConnectStripeDto } from './dto/payments.dto';
import { ProviderSettingsService } from './provider-settings.service';

/** Settings › Billing › Online payments: connect Stripe (the agency's own keys) or the sandbox, or disconnect. */
@ApiTags('billing')
@Controller('v1/billing/settings')
@AgencyRoute('owner', 'admin')
export class ProviderSettingsController {
  constructor(private readonly providers: ProviderSettingsService) {}

  @Put('stripe')
  @ApiOperation({
    summary: 'Connect Stripe with the agency’s secret key and webhook signing secret',
    description:
      'The key is checked with Stripe (one read of the balance) before it is saved, then stored encrypted and never shown again. Create the webhook endpoint in Stripe for the `webhookUrl` of the answer (events `checkout.session.completed`, `checkout.session.async_payment_succeeded`, `checkout.session.async_payment_failed`, `checkout.session.expired`). Replaces any connected provider.',
  })
  @ApiOkResponse({ type: PaymentProviderDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Not a Stripe key or signing secret, or Stripe refused the key',
  })
  @ApiBadGatewayResponse({ type: ApiErrorDto, description: 'Stripe could not be reached to check the key' })
  connectStripe(@AgencyCtx() ctx: AgencyContext, @Body() dto: ConnectStripeDto): Promise<PaymentProviderDto> {
    return this.providers.connectStripe(ctx, dto);
  }

  @Delete('stripe')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Disconnect Stripe (its keys are forgotten); nothing changes when Stripe is not the connected provider',
  })
  @ApiNoContentResponse({ description: 'Disconnected' })
  async disconnectStripe(@AgencyCtx() ctx: AgencyContext): Promise<void> {
    await this.providers.disconnect(ctx, 'stripe');
  }

  @Put('sandbox')
  @ApiOperation({
    summary: 'Connect the sandbox payment provider (no real money; development and demos only)',
    description:
      'Opens a merchant account at the sandbox provider of this installation, with its webhook pointed here. Replaces any connected provider.',
  })
  @ApiOkResponse({ type: PaymentProviderDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: 'The sandbox provider is off on this installation (always in production)',
  })
  connectSandbox(@AgencyCtx() ctx: AgencyContext): Promise<PaymentProviderDto> {
    return this.providers.connectSandbox(ctx);
  }

  @Delete('sandbox')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Disconnect the sandbox provider; nothing changes when it is not the connected provider' })
  @ApiNoContentResponse({ description: 'Disconnected' })
  async disconnectSandbox(@AgencyCtx() ctx: AgencyContext): Promise<void> {
    await this.providers.disconnect(ctx, 'sandbox');
  }
}
