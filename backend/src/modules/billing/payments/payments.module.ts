import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';

/** Online payments: the provider interface, Stripe and the local sandbox, checkout and webhooks. */
@Module({
  imports: [InvoicesModule],
  controllers: [],
  providers: [],
})
export class PaymentsModule {}
