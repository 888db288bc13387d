import { Module } from '@nestjs/common';
import { SecretBox } from '../../../core/crypto/secret-box';
import { InvoicesModule } from '../invoices/invoices.module';
import { CheckoutService } from './checkout.service';
import { PaymentProviderRegistry } from './payment-provider.registry';
import { PaymentWebhooksController } from './payment-webhooks.controller';
import { PaymentWebhooksService } from './payment-webhooks.service';
import { PortalPaymentsController } from './portal-payments.controller';
import { ProviderSettingsController } from './provider-settings.controller';
import { ProviderSettingsService } from './provider-settings.service';

/** Online payments: the provider interface, Stripe and the local sandbox, checkout and webhooks. */
@Module({
  imports: [InvoicesModule],
  controllers: [ProviderSettingsController, PortalPaymentsController, PaymentWebhooksController],
  providers: [SecretBox, PaymentProviderRegistry, ProviderSettingsService, CheckoutService, PaymentWebhooksService],
  exports: [PaymentProviderRegistry],
})
export class PaymentsModule {}
