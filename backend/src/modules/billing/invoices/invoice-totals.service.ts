import { Injectable } from '@nestjs/common';
import { OPEN_INVOICE_STATUSES, type InvoiceTotalsByCurrency, type InvoiceTotalsResponse } from '@atrium/shared';
import { TenantData } from '../../../core/tenancy/tenant-data';
import type { TenantScope } from '../../../core/tenancy/tenant-scope';
import { InvoicePayment } from '../entities/invoice-payment.entity';
import { Invoice } from '../entities/invoice.entity';
import { clientNames } from './invoice-records';
import { calendarDay } from './invoice-rules';

interface Sums {
  outstanding: number;
  overdue: number;
  paidThisMonth: number;
}

/**
 * The list's totals, per currency (amounts in different currencies are never added up): what is
 * outstanding (balances of open invoices), overdue (those past their due date) and paid this
 * month (payments dated this calendar month, UTC: agencies have no time zone of their own yet).
 * Three grouped queries, whatever the number of invoices.
 */
@Injectable()
export class InvoiceTotalsService {
  constructor(private readonly tenant: TenantData) {}

  async totals(scope: TenantScope, clientId?: string, now = new Date()): Promise<InvoiceTotalsResponse> {
    if (clientId) await this.tenant.liveClient(scope, clientId);
    const today = calendarDay(now);
    const monthStart = `${today.slice(0, 7)}-01`;
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const monthEnd = calendarDay(nextMonth);

    const open = this.tenant
      .query(scope, Invoice, 'i')
      .andWhere('i.status IN (:...open)', { open: OPEN_INVOICE_STATUSES })
      .select('i.clientId', 'clientId')
      .addSelect('i.currency', 'currency')
      .addSelect('SUM(i.total - i.amountPaid)', 'outstanding')
      .addSelect('SUM(CASE WHEN i.dueDate < :today THEN i.total - i.amountPaid ELSE 0 END)', 'overdue')
      .setParameter('today', today)
      .groupBy('i.clientId')
      .addGroupBy('i.currency');
    const paid = this.tenant
      .query(scope, InvoicePayment, 'p')
      .andWhere('p.paidOn >= :monthStart AND p.paidOn < :monthEnd', { monthStart, monthEnd })
      .select('p.clientId', 'clientId')
      .addSelect('p.currency', 'currency')
      .addSelect('SUM(p.amount)', 'paid')
      .groupBy('p.clientId')
      .addGroupBy('p.currency');
    if (clientId) {
      open.andWhere('i.clientId = :clientId', { clientId });
      paid.andWhere('p.clientId = :clientId', { clientId });
    }
    const [openRows, paidRows] = await Promise.all([
      open.getRawMany<{ clientId: string; currency: string; outstanding: string | number; overdue: string | number }>(),
      paid.getRawMany<{ clientId: string; currency: string; paid: string | number }>(),
    ]);

    const perClient = new Map<string, Map<string, Sums>>();
    const sumsOf = (client: string, currency: string): Sums => {
      const byCurrency = perClient.get(client) ?? new Map<string, Sums>();
      perClient.set(client, byCurrency);
      const sums = byCurrency.get(currency) ?? { outstanding: 0, overdue: 0, paidThisMonth: 0 };
      byCurrency.set(currency, sums);
      return sums;
    };
    for (const row of openRows) {
      const sums = sumsOf(row.clientId, row.currency);
      sums.outstanding += Number(row.outstanding);
      sums.overdue += Number(row.overdue);
    }
    for (const row of paidRows) sumsOf(row.clientId, row.currency).paidThisMonth += Number(row.paid);

    const all = new Map<string, Sums>();
    for (const byCurrency of perClient.values()) {
      for (const [currency, sums] of byCurrency) {
        const total = all.get(currency) ?? { outstanding: 0, overdue: 0, paidThisMonth: 0 };
        total.outstanding += sums.outstanding;
        total.overdue += sums.overdue;
        total.paidThisMonth += sums.paidThisMonth;
        all.set(currency, total);
      }
    }
    const names = await clientNames(this.tenant, scope, [...perClient.keys()]);
    return {
      all: listed(all),
      perClient: [...perClient.entries()]
        .map(([id, byCurrency]) => ({ clientId: id, clientName: names.get(id) ?? '', totals: listed(byCurrency) }))
        .sort((a, b) => a.clientName.localeCompare(b.clientName) || a.clientId.localeCompare(b.clientId)),
    };
  }
}

function listed(byCurrency: Map<string, Sums>): InvoiceTotalsByCurrency[] {
  return [...byCurrency.entries()]
    .map(([currency, sums]) => ({ currency, ...sums }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
