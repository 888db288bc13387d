import { Module } from '@nestjs/common';
import { BillingDocumentsModule } from '../documents/billing-documents.module';
import { PaymentLedger } from './payment-ledger';

/** Billing settings, profiles, invoices, their lifecycle and payments, recurring invoices, reminders. */
@Module({
  imports: [BillingDocumentsModule],
  controllers: [],
  providers: [PaymentLedger],
  exports: [PaymentLedger],
})
export class InvoicesModule {}
