import { Module } from '@nestjs/common';
import { BrandingModule } from '../../branding/branding.module';
import { BillingDocumentsModule } from '../documents/billing-documents.module';
import { InvoiceDraftsService } from './invoice-drafts.service';
import { InvoiceLifecycleService } from './invoice-lifecycle.service';
import { InvoicePartiesService } from './invoice-parties.service';
import { InvoiceTotalsService } from './invoice-totals.service';
import { InvoicesController } from './invoices.controller';
import { PaymentLedger } from './payment-ledger';
import { PortalBillingController } from './portal/portal-billing.controller';
import { PortalBillingService } from './portal/portal-billing.service';
import { BillingProfilesController } from './profiles/billing-profiles.controller';
import { BillingProfilesService } from './profiles/billing-profiles.service';
import { RecurringInvoicesController } from './recurring/recurring-invoices.controller';
import { RecurringInvoicesService } from './recurring/recurring-invoices.service';
import { RecurringIssuer } from './recurring/recurring-issuer.service';
import { InvoiceReminders } from './reminders/invoice-reminders.service';
import { BillingSettingsController } from './settings/billing-settings.controller';
import { BillingSettingsService } from './settings/billing-settings.service';
import { WriteQueue } from './write-queue';

/** Billing settings, profiles, invoices, their lifecycle and payments, recurring invoices, reminders. */
@Module({
  imports: [BillingDocumentsModule, BrandingModule],
  controllers: [
    BillingSettingsController,
    BillingProfilesController,
    InvoicesController,
    RecurringInvoicesController,
    PortalBillingController,
  ],
  providers: [
    PaymentLedger,
    BillingSettingsService,
    BillingProfilesService,
    InvoicePartiesService,
    InvoiceDraftsService,
    InvoiceLifecycleService,
    InvoiceTotalsService,
    PortalBillingService,
    RecurringInvoicesService,
    RecurringIssuer,
    InvoiceReminders,
    WriteQueue,
  ],
  // PaymentLedger: payments/ records provider payments through it. BillingSettingsService: payments/
  // reads the settings row (ensure/locked) and may reuse providerViewOf for its provider routes.
  // WriteQueue: to queue one invoice's webhook payments in-process (key `payments:<invoiceId>`).
  exports: [PaymentLedger, BillingSettingsService, WriteQueue],
})
export class InvoicesModule {}
