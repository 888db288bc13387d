import { Routes } from '@angular/router';
import { agencyRoleGuard } from '../../core/auth/auth.guards';

/** Agency › Billing: invoices, recurring invoices and settings (settings for owners and admins). */
export const AGENCY_BILLING_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Billing',
    loadComponent: () => import('./pages/billing.page').then((m) => m.BillingPage),
  },
  {
    path: 'invoices/new',
    title: 'New invoice',
    data: { kind: 'invoice' },
    loadComponent: () => import('./pages/invoice-editor.page').then((m) => m.InvoiceEditorPage),
  },
  {
    path: 'invoices/:id/edit',
    title: 'Edit invoice',
    data: { kind: 'invoice' },
    loadComponent: () => import('./pages/invoice-editor.page').then((m) => m.InvoiceEditorPage),
  },
  {
    path: 'invoices/:invoiceId',
    title: 'Invoice',
    loadComponent: () => import('./pages/invoice.page').then((m) => m.InvoicePage),
  },
  {
    path: 'recurring',
    title: 'Recurring invoices',
    loadComponent: () => import('./pages/recurring-list.page').then((m) => m.RecurringListPage),
  },
  {
    path: 'recurring/new',
    title: 'New recurring invoice',
    data: { kind: 'recurring' },
    loadComponent: () => import('./pages/invoice-editor.page').then((m) => m.InvoiceEditorPage),
  },
  {
    path: 'recurring/:id',
    title: 'Edit recurring invoice',
    data: { kind: 'recurring' },
    loadComponent: () => import('./pages/invoice-editor.page').then((m) => m.InvoiceEditorPage),
  },
  {
    path: 'settings',
    title: 'Billing settings',
    canMatch: [agencyRoleGuard('owner', 'admin')],
    loadComponent: () => import('./pages/billing-settings.page').then((m) => m.BillingSettingsPage),
  },
];

/** Portal › Billing (billing.manage, client admins only; checked where app.routes.ts mounts it). */
export const PORTAL_BILLING_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Billing',
    loadComponent: () => import('./portal/portal-billing.page').then((m) => m.PortalBillingPage),
  },
  {
    path: 'invoices/:invoiceId',
    title: 'Invoice',
    loadComponent: () => import('./portal/portal-invoice.page').then((m) => m.PortalInvoicePage),
  },
];
