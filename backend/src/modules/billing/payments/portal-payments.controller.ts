import { Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ClientCtx } from '../../../core/auth/context.decorator';
import type { ClientContext } from '../../../core/auth/request-context';
import { PortalRoute } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { CheckoutService } from './checkout.service';
import { PaymentSessionDto } from './dto/payments.dto';

/** Portal › Billing › "Pay now": the provider's hosted page for an invoice's open balance. */
@ApiTags('portal')
@Controller('v1/portal/billing/invoices')
@PortalRoute('billing.manage')
export class PortalPaymentsController {
  constructor(private readonly checkout: CheckoutService) {}

  @Post(':invoiceId/pay')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start paying an invoice online: where to send the browser',
    description:
      'Opens a hosted payment page at the agency’s provider for the balance as it is now (older pages of this invoice are closed). The invoice turns paid when the provider’s signed webhook arrives, never from the browser coming back.',
  })
  @ApiOkResponse({ type: PaymentSessionDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, another client’s invoice, or a draft' })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: 'Nothing left to pay, no provider connected, or the provider refused',
  })
  @ApiBadGatewayResponse({ type: ApiErrorDto, description: 'The provider could not be reached' })
  pay(
    @ClientCtx() ctx: ClientContext,
    @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string,
  ): Promise<PaymentSessionDto> {
    return this.checkout.start(ctx, invoiceId);
  }
}
