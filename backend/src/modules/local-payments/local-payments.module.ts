import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { SandboxPayController } from './sandbox-pay.controller';
import { SandboxPayDeliverer } from './sandbox-pay.deliverer';
import { SandboxPayServer } from './sandbox-pay.server';

/**
 * The sandbox payment provider (like the social sandbox of LocalOAuthModule): a provider that
 * happens to live on this installation, so paying an invoice works end to end offline. Its routes
 * and deliveries exist only when LOCAL_PAYMENT_PROVIDER is on.
 */
@Module({})
export class LocalPaymentsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: LocalPaymentsModule,
      // Billing opens the agency's merchant account here when it connects the sandbox.
      global: true,
      controllers: config.payments.localProvider ? [SandboxPayController] : [],
      providers: [SandboxPayServer, SandboxPayDeliverer],
      exports: [SandboxPayServer],
    };
  }
}
