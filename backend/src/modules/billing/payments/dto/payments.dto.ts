import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import type { ConnectStripeRequest, PaymentSessionResponse } from '@atrium/shared';
import { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET } from '../stripe/stripe.provider';

export class ConnectStripeDto implements ConnectStripeRequest {
  @ApiProperty({
    description:
      'A secret key (`sk_live_…`, `sk_test_…`) or restricted key (`rk_…`); stored encrypted, never shown again',
    example: 'sk_test_51Hx…',
  })
  @IsString()
  @MaxLength(255)
  @Matches(STRIPE_SECRET_KEY, {
    message: 'secretKey must be a Stripe secret key (sk_test_…, sk_live_…, rk_test_… or rk_live_…)',
  })
  secretKey!: string;

  @ApiProperty({ description: 'The signing secret (`whsec_…`) of the webhook endpoint made for `webhookUrl`' })
  @IsString()
  @MaxLength(255)
  @Matches(STRIPE_WEBHOOK_SECRET, { message: 'webhookSecret must be a Stripe webhook signing secret (whsec_…)' })
  webhookSecret!: string;
}

export class PaymentSessionDto implements PaymentSessionResponse {
  @ApiProperty({ description: 'The provider’s hosted payment page: send the browser there' }) url!: string;
}

export class WebhookAnswerDto {
  @ApiProperty({ description: 'Always true: the event was handled (or had been before)' }) received!: boolean;
}
