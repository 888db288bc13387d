import type { InvoiceBillTo, InvoiceIssuer, InvoiceTaxTotal } from '@atrium/shared';
import { In, Not } from 'typeorm';
import { Client } from '../../../core/tenancy/entities/client.entity';
import type { TenantDataAccess } from '../../../core/tenancy/tenant-data';
import type { TenantScope } from '../../../core/tenancy/tenant-scope';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { InvoicePayment } from '../entities/invoice-payment.entity';
import { Invoice } from '../entities/invoice.entity';

/** An invoice with everything its full view shows. */
export interface InvoiceRecord {
  invoice: Invoice;
  lines: InvoiceLine[];
  payments: InvoicePayment[];
  clientName: string;
}

/**
 * One invoice of the scope, or 404 ("Invoice not found" for unknown and foreign ids alike). A
 * client scope (the portal) never reaches drafts: they are the agency's work in progress.
 */
export async function findInvoice(
  data: TenantDataAccess,
  scope: TenantScope,
  invoiceId: string,
  options: { lock?: 'update' } = {},
): Promise<Invoice> {
  return data.findOwned(scope, Invoice, invoiceId, {
    where: scope.kind === 'client' ? { status: Not('draft' as const) } : {},
    lock: options.lock,
    notFound: 'Invoice not found',
  });
}

export async function loadRecord(data: TenantDataAccess, scope: TenantScope, invoice: Invoice): Promise<InvoiceRecord> {
  const [lines, payments, names] = await Promise.all([
    data.listOwned(scope, InvoiceLine, { where: { invoiceId: invoice.id }, order: { position: 'ASC' } }),
    data.listOwned(scope, InvoicePayment, { where: { invoiceId: invoice.id }, order: { createdAt: 'ASC' } }),
    clientNames(data, scope, [invoice.clientId]),
  ]);
  return { invoice, lines, payments, clientName: names.get(invoice.clientId) ?? '' };
}

/** Names of clients of the scope by id (deleted clients keep their name on their invoices). */
export async function clientNames(
  data: TenantDataAccess,
  scope: TenantScope,
  clientIds: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(clientIds)];
  if (unique.length === 0) return new Map();
  const rows = await data.listOwned(scope, Client, { select: { id: true, name: true }, where: { id: In(unique) } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

export function parseTaxes(json: string): InvoiceTaxTotal[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as InvoiceTaxTotal[]) : [];
  } catch {
    return [];
  }
}

export function parseFrozen<T extends InvoiceBillTo | InvoiceIssuer>(json: string | null): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}
