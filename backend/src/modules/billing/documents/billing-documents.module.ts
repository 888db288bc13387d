import { Module } from '@nestjs/common';
import { InvoiceMailer } from './invoice-mailer';
import { InvoicePdfService } from './invoice-pdf.service';

/** What billing produces for people: the invoice PDF and the billing emails. */
@Module({
  controllers: [],
  providers: [InvoiceMailer, InvoicePdfService],
  exports: [InvoiceMailer, InvoicePdfService],
})
export class BillingDocumentsModule {}
