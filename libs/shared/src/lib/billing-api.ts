import type { DiscountKind, InvoiceTaxTotal } from './invoice-math';

/**
 * Billing (SPEC §3, §4; issue 17): invoices the agency sends to a client, which the client's admins
 * (with `billing.manage`; members never) view, download and pay in the portal.
 *
 * Money is always integer minor units (cents) with an ISO 4217 currency beside it; quantities and
 * percentages are numbers with at most 3 decimals. Totals come from `computeInvoiceTotals`
 * (invoice-math.ts) on the server and are shown with `formatMoney`, the same way everywhere.
 * Dates without a time (issue, due, payment dates) are `YYYY-MM-DD`.
 */

/** Stored lifecycle; `overdue` is never stored, it is derived (see InvoiceView.overdue). */
export type InvoiceStatus = 'draft' | 'sent' | 'viewed' | 'partially_paid' | 'paid' | 'void';
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['draft', 'sent', 'viewed', 'partially_paid', 'paid', 'void'];
/** Statuses with a balance still to pay. */
export const OPEN_INVOICE_STATUSES: readonly InvoiceStatus[] = ['sent', 'viewed', 'partially_paid'];

/** How a payment reached the agency: recorded by hand, or through a connected provider. */
export type PaymentMethod = 'bank_transfer' | 'cash' | 'card' | 'other' | 'stripe' | 'sandbox';
export const MANUAL_PAYMENT_METHODS: readonly PaymentMethod[] = ['bank_transfer', 'cash', 'card', 'other'];

/** Online payment providers an agency may connect (one at a time). */
export type PaymentProviderName = 'stripe' | 'sandbox';

export type RecurringInterval = 'week' | 'month' | 'quarter' | 'year';
export const RECURRING_INTERVALS: readonly RecurringInterval[] = ['week', 'month', 'quarter', 'year'];
export type RecurringStatus = 'active' | 'paused' | 'ended';

export const INVOICE_LINES_MAX = 100;
export const INVOICE_TEXT_MAX = 2000; // notes, terms
export const INVOICE_LINE_DESCRIPTION_MAX = 500;
export const INVOICE_NUMBER_PREFIX_MAX = 20;
export const VOID_REASON_MAX = 500;
/** Largest quantity on a line and largest unit price (minor units). */
export const LINE_QUANTITY_MAX = 1_000_000;
export const LINE_UNIT_PRICE_MAX = 1_000_000_000_000;
/** Reminder offsets, in days before / after the due date. */
export const REMINDER_DAYS_MAX = 90;
export const REMINDER_OFFSETS_MAX = 5;

// ---------------------------------------------------------------------------------------------
// Billing profile (per client)

export interface BillingAddress {
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  region: string;
  /** ISO 3166-1 alpha-2, or '' when not given. */
  country: string;
}

export interface BillingProfileView {
  clientId: string;
  /** The name invoices are made out to ('' = the client's name). */
  legalName: string;
  /** Where invoices, reminders and receipts go besides the client's admins ('' = admins only). */
  email: string;
  address: BillingAddress;
  taxId: string;
  /** The currency new invoices for this client start in. */
  currency: string;
  /** Days from issue to due date on new invoices. */
  paymentTermsDays: number;
  updatedAt: string | null;
}

export type UpdateBillingProfileRequest = Omit<BillingProfileView, 'clientId' | 'updatedAt'>;

// ---------------------------------------------------------------------------------------------
// Agency billing settings

export interface BillingSettingsView {
  /** Put before the number of each sent invoice: "INV-" → "INV-0001". */
  numberPrefix: string;
  /** The number the next sent invoice will get (gapless, per agency). */
  nextNumber: number;
  defaultCurrency: string;
  defaultPaymentTermsDays: number;
  /** Default notes and terms printed on new invoices. */
  defaultNotes: string;
  defaultTerms: string;
  /** Send a reminder this many days before the due date (each once), e.g. [3]. */
  remindDaysBefore: number[];
  /** …and this many days after it while unpaid, e.g. [1, 7, 14]. */
  remindDaysAfter: number[];
  /** The connected online payment provider, or null: invoices are then paid by hand. */
  provider: PaymentProviderView | null;
}

export interface PaymentProviderView {
  name: PaymentProviderName;
  /** Stripe: the secret key's last 4 characters and whether it is a test key. Never the key. */
  keyHint: string | null;
  testMode: boolean;
  /** Stripe: the URL to enter as the webhook endpoint in the Stripe dashboard. */
  webhookUrl: string | null;
  connectedAt: string;
}

export type UpdateBillingSettingsRequest = Omit<BillingSettingsView, 'provider' | 'nextNumber'> & {
  /** May only move forward (numbers never repeat). */
  nextNumber?: number;
};

export interface ConnectStripeRequest {
  /** `sk_live_…`, `sk_test_…` or a restricted `rk_…` key; stored encrypted, never shown again. */
  secretKey: string;
  /** `whsec_…` of the webhook endpoint created for `webhookUrl`. */
  webhookSecret: string;
}

// ---------------------------------------------------------------------------------------------
// Invoices

export interface InvoiceLineInput {
  description: string;
  quantity: number;
  /** Minor units. */
  unitPrice: number;
  /** Percent, 0–100, up to 3 decimals. */
  taxRate: number;
}

export interface InvoiceLineView extends InvoiceLineInput {
  id: string;
  /** quantity × unitPrice, rounded (minor units). */
  amount: number;
}

export interface InvoiceDiscount {
  kind: DiscountKind;
  /** percent (up to 3 decimals) or minor units; 0 when kind is none. */
  value: number;
}

/** Who the invoice is made out to: the billing profile as it was when the invoice was sent. */
export interface InvoiceBillTo {
  name: string;
  email: string;
  address: BillingAddress;
  taxId: string;
}

/** Who issues it: the agency as it was when the invoice was sent. */
export interface InvoiceIssuer {
  name: string;
  logoUrl: string | null;
  primaryColor: string | null;
}

export interface InvoicePaymentView {
  id: string;
  amount: number;
  currency: string;
  method: PaymentMethod;
  /** YYYY-MM-DD */
  paidOn: string;
  reference: string;
  recordedBy: { id: string | null; name: string } | null;
  createdAt: string;
}

export interface InvoiceSummaryView {
  id: string;
  clientId: string;
  clientName: string;
  /** Null while a draft; e.g. "INV-0042" once sent. */
  number: string | null;
  status: InvoiceStatus;
  /** Open (sent, viewed or partially paid), balance left and past its due date (agency's today). */
  overdue: boolean;
  currency: string;
  issueDate: string;
  dueDate: string;
  total: number;
  amountPaid: number;
  /** total − amountPaid (0 once paid or void). */
  balance: number;
  sentAt: string | null;
  paidAt: string | null;
  /** Set when a recurring invoice issued it. */
  recurringId: string | null;
}

export interface InvoiceView extends InvoiceSummaryView {
  lines: InvoiceLineView[];
  discount: InvoiceDiscount;
  subtotal: number;
  discountTotal: number;
  taxes: InvoiceTaxTotal[];
  taxTotal: number;
  notes: string;
  terms: string;
  billTo: InvoiceBillTo;
  issuer: InvoiceIssuer;
  payments: InvoicePaymentView[];
  viewedAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  /** Portal only: whether "Pay now" is offered (a provider is connected and a balance is left). */
  payable: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface InvoiceListResponse {
  invoices: InvoiceSummaryView[];
  nextCursor: string | null;
}

/** Totals in one currency (amounts of different currencies are never added together). */
export interface InvoiceTotalsByCurrency {
  currency: string;
  outstanding: number;
  overdue: number;
  /** Payments received this calendar month (agency's time zone). */
  paidThisMonth: number;
}

export interface InvoiceTotalsResponse {
  /** Over every client (or the one asked for with ?clientId). */
  all: InvoiceTotalsByCurrency[];
  perClient: { clientId: string; clientName: string; totals: InvoiceTotalsByCurrency[] }[];
}

export interface SaveInvoiceRequest {
  clientId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  lines: InvoiceLineInput[];
  discount: InvoiceDiscount;
  notes: string;
  terms: string;
}

export interface VoidInvoiceRequest {
  reason: string;
}

export interface RecordPaymentRequest {
  /** Minor units, in the invoice's currency; at most the balance. */
  amount: number;
  method: PaymentMethod;
  paidOn: string;
  reference: string;
}

// ---------------------------------------------------------------------------------------------
// Recurring invoices

export interface RecurringInvoiceView {
  id: string;
  clientId: string;
  clientName: string;
  status: RecurringStatus;
  interval: RecurringInterval;
  /** The next issue date (YYYY-MM-DD); null once ended. */
  nextIssueOn: string | null;
  /** Last date an invoice may be issued (inclusive), or null = until ended by hand. */
  endsOn: string | null;
  currency: string;
  lines: InvoiceLineInput[];
  discount: InvoiceDiscount;
  notes: string;
  terms: string;
  /** Each issued invoice is due this many days after its issue date. */
  dueInDays: number;
  /** Total of one issued invoice, for the list (minor units). */
  total: number;
  issuedCount: number;
  lastIssuedAt: string | null;
  createdAt: string;
}

/** GET /api/v1/recurring-invoices: newest first. */
export interface RecurringInvoiceListResponse {
  items: RecurringInvoiceView[];
}

export interface SaveRecurringInvoiceRequest {
  clientId: string;
  interval: RecurringInterval;
  /** The first issue date (today or later). */
  startsOn: string;
  endsOn: string | null;
  currency: string;
  lines: InvoiceLineInput[];
  discount: InvoiceDiscount;
  notes: string;
  terms: string;
  dueInDays: number;
}

// ---------------------------------------------------------------------------------------------
// Portal

export interface PortalBillingResponse {
  profile: BillingProfileView;
  /** Open first (oldest due first), then the rest newest first; drafts never. */
  invoices: InvoiceSummaryView[];
  /** Whether the agency takes payments online. */
  onlinePayments: boolean;
}

/** Where to send the browser to pay: the provider's hosted page. */
export interface PaymentSessionResponse {
  url: string;
}

export const BILLING_PATHS = {
  settings: '/api/v1/billing/settings',
  stripe: '/api/v1/billing/settings/stripe',
  sandbox: '/api/v1/billing/settings/sandbox',
  invoices: '/api/v1/invoices',
  invoiceTotals: '/api/v1/invoices/totals',
  recurring: '/api/v1/recurring-invoices',
  /** `/api/v1/clients/:clientId/billing-profile` */
  clientProfile: (clientId: string) => `/api/v1/clients/${clientId}/billing-profile`,
  portal: '/api/v1/portal/billing',
  portalProfile: '/api/v1/portal/billing/profile',
  portalInvoices: '/api/v1/portal/billing/invoices',
  stripeWebhook: '/api/v1/billing/webhooks/stripe',
  sandboxWebhook: '/api/v1/billing/webhooks/sandbox',
} as const;
