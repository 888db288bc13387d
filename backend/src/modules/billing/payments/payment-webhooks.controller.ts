import { Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { WebhookAnswerDto } from './dto/payments.dto';
import { PaymentWebhooksService } from './payment-webhooks.service';

/**
 * Where payment providers post their events. Public: the signature on the raw body, checked with
 * the agency's own secret, is the credential (an event that does not verify changes nothing).
 */
@ApiTags('billing')
@Controller('v1/billing/webhooks')
@Public()
@ApiBadRequestResponse({
  type: ApiErrorDto,
  description: 'Bad signature, or the event does not match its payment session',
})
@ApiNotFoundResponse({
  type: ApiErrorDto,
  description: 'No agency takes this provider’s events here, or no such payment session',
})
@ApiBadGatewayResponse({ type: ApiErrorDto, description: 'A refund could not be made yet: send the event again' })
export class PaymentWebhooksController {
  constructor(private readonly webhooks: PaymentWebhooksService) {}

  @Post('stripe/:agencyId')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Stripe webhook endpoint of one agency (verified with its signing secret)',
    description:
      'Handles checkout.session.completed (paid), async_payment_succeeded, async_payment_failed and expired; other events are acknowledged and ignored.',
  })
  @ApiOkResponse({ type: WebhookAnswerDto })
  async stripe(@Param('agencyId') agencyId: string, @Req() request: FastifyRequest): Promise<WebhookAnswerDto> {
    await this.webhooks.handle({ provider: 'stripe', agencyId, rawBody: request.rawBody, headers: request.headers });
    return { received: true };
  }

  @Post('sandbox')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sandbox payment provider webhook (development only): one URL, the account known from the event',
    description:
      'Verifies `Sandbox-Signature` (HMAC-SHA256 of "t.body", 5 minutes tolerance) with the agency’s sandbox secret.',
  })
  @ApiOkResponse({ type: WebhookAnswerDto })
  async sandbox(@Req() request: FastifyRequest): Promise<WebhookAnswerDto> {
    await this.webhooks.handle({
      provider: 'sandbox',
      agencyId: null,
      rawBody: request.rawBody,
      headers: request.headers,
    });
    return { received: true };
  }
}
