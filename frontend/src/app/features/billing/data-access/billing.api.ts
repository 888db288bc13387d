import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  BILLING_PATHS,
  type BillingProfileView,
  type BillingSettingsView,
  type ConnectStripeRequest,
  type InvoiceListResponse,
  type InvoiceStatus,
  type InvoiceTotalsResponse,
  type InvoiceView,
  type PaymentProviderView,
  type PaymentSessionResponse,
  type PortalBillingResponse,
  type RecordPaymentRequest,
  type RecurringInvoiceView,
  type SaveInvoiceRequest,
  type SaveRecurringInvoiceRequest,
  type UpdateBillingProfileRequest,
  type UpdateBillingSettingsRequest,
} from '@atrium/shared';
import { Observable, map } from 'rxjs';

const id = encodeURIComponent;

export interface InvoiceFilter {
  readonly clientId?: string | null;
  readonly status?: InvoiceStatus | null;
  readonly overdue?: boolean;
  readonly cursor?: string | null;
}

/** The agency's side of Billing: settings, client billing profiles, invoices and recurring invoices. */
@Injectable({ providedIn: 'root' })
export class BillingApi {
  private readonly http = inject(HttpClient);

  settings(): Observable<BillingSettingsView> {
    return this.http.get<BillingSettingsView>(BILLING_PATHS.settings);
  }

  saveSettings(body: UpdateBillingSettingsRequest): Observable<BillingSettingsView> {
    return this.http.put<BillingSettingsView>(BILLING_PATHS.settings, body);
  }

  connectStripe(body: ConnectStripeRequest): Observable<PaymentProviderView> {
    return this.http.put<PaymentProviderView>(BILLING_PATHS.stripe, body);
  }

  disconnectStripe(): Observable<void> {
    return this.http.delete<void>(BILLING_PATHS.stripe);
  }

  /** The installation's local sandbox provider; refused (409, or 404) where the installation has none. */
  connectSandbox(): Observable<PaymentProviderView> {
    return this.http.put<PaymentProviderView>(BILLING_PATHS.sandbox, {});
  }

  disconnectSandbox(): Observable<void> {
    return this.http.delete<void>(BILLING_PATHS.sandbox);
  }

  profile(clientId: string): Observable<BillingProfileView> {
    return this.http.get<BillingProfileView>(BILLING_PATHS.clientProfile(id(clientId)));
  }

  saveProfile(clientId: string, body: UpdateBillingProfileRequest): Observable<BillingProfileView> {
    return this.http.put<BillingProfileView>(BILLING_PATHS.clientProfile(id(clientId)), body);
  }

  list(filter: InvoiceFilter = {}): Observable<InvoiceListResponse> {
    const params: Record<string, string> = {};
    if (filter.clientId) params['clientId'] = filter.clientId;
    if (filter.status) params['status'] = filter.status;
    if (filter.overdue) params['overdue'] = 'true';
    if (filter.cursor) params['cursor'] = filter.cursor;
    return this.http.get<InvoiceListResponse>(BILLING_PATHS.invoices, { params });
  }

  totals(clientId?: string | null): Observable<InvoiceTotalsResponse> {
    const params: Record<string, string> = clientId ? { clientId } : {};
    return this.http.get<InvoiceTotalsResponse>(BILLING_PATHS.invoiceTotals, { params });
  }

  get(invoiceId: string): Observable<InvoiceView> {
    return this.http.get<InvoiceView>(`${BILLING_PATHS.invoices}/${id(invoiceId)}`);
  }

  create(body: SaveInvoiceRequest): Observable<InvoiceView> {
    return this.http.post<InvoiceView>(BILLING_PATHS.invoices, body);
  }

  save(invoiceId: string, body: SaveInvoiceRequest): Observable<InvoiceView> {
    return this.http.put<InvoiceView>(`${BILLING_PATHS.invoices}/${id(invoiceId)}`, body);
  }

  remove(invoiceId: string): Observable<void> {
    return this.http.delete<void>(`${BILLING_PATHS.invoices}/${id(invoiceId)}`);
  }

  send(invoiceId: string): Observable<InvoiceView> {
    return this.http.post<InvoiceView>(`${BILLING_PATHS.invoices}/${id(invoiceId)}/send`, {});
  }

  void(invoiceId: string, reason: string): Observable<InvoiceView> {
    return this.http.post<InvoiceView>(`${BILLING_PATHS.invoices}/${id(invoiceId)}/void`, { reason });
  }

  recordPayment(invoiceId: string, body: RecordPaymentRequest): Observable<InvoiceView> {
    return this.http.post<InvoiceView>(`${BILLING_PATHS.invoices}/${id(invoiceId)}/payments`, body);
  }

  remind(invoiceId: string): Observable<InvoiceView> {
    return this.http.post<InvoiceView>(`${BILLING_PATHS.invoices}/${id(invoiceId)}/remind`, {});
  }

  pdf(invoiceId: string): Observable<Blob> {
    return this.http.get(`${BILLING_PATHS.invoices}/${id(invoiceId)}/pdf`, { responseType: 'blob' });
  }

  recurring(): Observable<RecurringInvoiceView[]> {
    // The contract leaves the list's envelope open: a bare array or `{ items }` are both read.
    return this.http
      .get<RecurringInvoiceView[] | { items: RecurringInvoiceView[] }>(BILLING_PATHS.recurring)
      .pipe(map((value) => (Array.isArray(value) ? value : (value.items ?? []))));
  }

  getRecurring(recurringId: string): Observable<RecurringInvoiceView> {
    return this.http.get<RecurringInvoiceView>(`${BILLING_PATHS.recurring}/${id(recurringId)}`);
  }

  createRecurring(body: SaveRecurringInvoiceRequest): Observable<RecurringInvoiceView> {
    return this.http.post<RecurringInvoiceView>(BILLING_PATHS.recurring, body);
  }

  saveRecurring(recurringId: string, body: SaveRecurringInvoiceRequest): Observable<RecurringInvoiceView> {
    return this.http.put<RecurringInvoiceView>(`${BILLING_PATHS.recurring}/${id(recurringId)}`, body);
  }

  recurringAction(recurringId: string, action: 'pause' | 'resume' | 'end'): Observable<RecurringInvoiceView> {
    return this.http.post<RecurringInvoiceView>(`${BILLING_PATHS.recurring}/${id(recurringId)}/${action}`, {});
  }
}

/** Portal › Billing (billing.manage, client admins only), for the active client. */
@Injectable({ providedIn: 'root' })
export class PortalBillingApi {
  private readonly http = inject(HttpClient);

  overview(): Observable<PortalBillingResponse> {
    return this.http.get<PortalBillingResponse>(BILLING_PATHS.portal);
  }

  saveProfile(body: UpdateBillingProfileRequest): Observable<BillingProfileView> {
    return this.http.put<BillingProfileView>(BILLING_PATHS.portalProfile, body);
  }

  get(invoiceId: string): Observable<InvoiceView> {
    return this.http.get<InvoiceView>(`${BILLING_PATHS.portalInvoices}/${id(invoiceId)}`);
  }

  pdf(invoiceId: string): Observable<Blob> {
    return this.http.get(`${BILLING_PATHS.portalInvoices}/${id(invoiceId)}/pdf`, { responseType: 'blob' });
  }

  pay(invoiceId: string): Observable<PaymentSessionResponse> {
    return this.http.post<PaymentSessionResponse>(`${BILLING_PATHS.portalInvoices}/${id(invoiceId)}/pay`, {});
  }
}
