import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { BrandingModule } from '../../branding/branding.module';
import { InvoiceMailer } from './invoice-mailer';
import { InvoicePdfController } from './invoice-pdf.controller';
import { InvoicePdfService } from './invoice-pdf.service';
import { PortalInvoicePdfController } from './portal-invoice-pdf.controller';

/** What billing produces for people: the invoice PDF (and its downloads) and the billing emails. */
@Module({
  imports: [AuthModule, BrandingModule],
  controllers: [InvoicePdfController, PortalInvoicePdfController],
  providers: [InvoiceMailer, InvoicePdfService],
  exports: [InvoiceMailer, InvoicePdfService],
})
export class BillingDocumentsModule {}
