import { Module } from '@nestjs/common';
import { BillingDocumentsModule } from './documents/billing-documents.module';
import { InvoicesModule } from './invoices/invoices.module';
import { PaymentsModule } from './payments/payments.module';

/**
 * Billing (issue 17): per-client billing profiles, invoices and their lifecycle, recurring
 * invoices, reminders (invoices/); the PDF and emails (documents/); online payments through a
 * provider (payments/). Dependencies point one way: payments → invoices → documents.
 */
@Module({
  imports: [BillingDocumentsModule, InvoicesModule, PaymentsModule],
})
export class BillingModule {}
