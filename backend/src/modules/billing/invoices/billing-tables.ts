/**
 * Billing's own tables, for the sub-folders of invoices/ (settings/, profiles/, recurring/, …):
 * the lint rule against reading another feature's entities matches `../../x/entities/*` paths, and
 * these are this feature's, one folder up.
 */
export { BillingProfile } from '../entities/billing-profile.entity';
export { BillingSettings } from '../entities/billing-settings.entity';
export { InvoiceLine } from '../entities/invoice-line.entity';
export { InvoicePayment } from '../entities/invoice-payment.entity';
export { InvoiceReminder } from '../entities/invoice-reminder.entity';
export { Invoice } from '../entities/invoice.entity';
export { RecurringInvoice } from '../entities/recurring-invoice.entity';
