import { Injectable } from '@nestjs/common';
import {
  OPEN_INVOICE_STATUSES,
  type InvoiceStatus,
  type InvoiceView,
  type PortalBillingResponse,
} from '@atrium/shared';
import { In, IsNull } from 'typeorm';
import type { ClientContext } from '../../../../core/auth/request-context';
import { TenantData } from '../../../../core/tenancy/tenant-data';
import { agencyScope } from '../../../../core/tenancy/tenant-scope';
import { Invoice } from '../billing-tables';
import { findInvoice, loadRecord } from '../invoice-records';
import { calendarDay } from '../invoice-rules';
import { invoiceView, summaryView } from '../invoice-views';
import { BillingProfilesService } from '../profiles/billing-profiles.service';
import { BillingSettingsService } from '../settings/billing-settings.service';

/** Closed invoices listed on the Billing page at most (open ones are always all there). */
const CLOSED_LISTED = 200;

/**
 * Portal › Billing (billing.manage: client admins only): my client's billing profile and its
 * invoices — never drafts, never another client's.
 */
@Injectable()
export class PortalBillingService {
  constructor(
    private readonly tenant: TenantData,
    private readonly profiles: BillingProfilesService,
    private readonly settings: BillingSettingsService,
  ) {}

  async page(ctx: ClientContext, now = new Date()): Promise<PortalBillingResponse> {
    const scope = ctx.scope;
    const today = calendarDay(now);
    const profile = await this.profiles.view(scope, scope.clientId);
    // Open ones all (oldest due first); the rest newest first, the latest CLOSED_LISTED of them.
    const open = await this.tenant.listOwned(scope, Invoice, {
      where: { status: In([...OPEN_INVOICE_STATUSES]) },
      order: { dueDate: 'ASC', createdAt: 'ASC' },
    });
    const closed = await this.tenant.listOwned(scope, Invoice, {
      where: { status: In(['paid', 'void'] as InvoiceStatus[]) },
      order: { issueDate: 'DESC', createdAt: 'DESC' },
      take: CLOSED_LISTED,
    });
    return {
      profile,
      invoices: [...open, ...closed].map((invoice) => summaryView(invoice, ctx.client.clientName, today)),
      onlinePayments: await this.settings.onlinePayments(agencyScope(scope.agencyId)),
    };
  }

  /**
   * One invoice. A client user opening a sent invoice marks it viewed (once); the agency looking
   * through "View as client" does not.
   */
  async invoice(ctx: ClientContext, invoiceId: string, now = new Date()): Promise<InvoiceView> {
    const scope = ctx.scope;
    let invoice = await findInvoice(this.tenant, scope, invoiceId);
    if (!ctx.viewer && !ctx.readOnly && invoice.viewedAt === null) {
      await this.tenant.transaction(async (tx) => {
        // Conditional updates: a racing second opening changes nothing.
        await tx.updateOwned(scope, Invoice, { id: invoiceId, status: 'sent' }, { status: 'viewed', updatedAt: now });
        await tx.updateOwned(scope, Invoice, { id: invoiceId, viewedAt: IsNull() }, { viewedAt: now });
      });
      invoice = await findInvoice(this.tenant, scope, invoiceId);
    }
    const record = await loadRecord(this.tenant, scope, invoice);
    const onlinePayments = await this.settings.onlinePayments(agencyScope(scope.agencyId));
    return invoiceView(record, null, { today: calendarDay(now), onlinePayments });
  }
}
