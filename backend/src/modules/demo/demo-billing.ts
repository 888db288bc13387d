import { computeInvoiceTotals, deriveBrandTheme, type InvoiceLineInput } from '@atrium/shared';
import type { EntityManager } from 'typeorm';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { BillingProfile } from '../billing/entities/billing-profile.entity';
import { BillingSettings } from '../billing/entities/billing-settings.entity';
import { InvoiceLine } from '../billing/entities/invoice-line.entity';
import { InvoicePayment } from '../billing/entities/invoice-payment.entity';
import { Invoice } from '../billing/entities/invoice.entity';
import { DEFAULT_PRIMARY_COLOR } from '../branding/branding-rows';

const DAY_MS = 86_400_000;

/** Two invoices of Acme Coffee: one paid last month, one sent this week and still open. */
const DEMO_INVOICES: Array<{
  issuedDaysAgo: number;
  dueInDays: number;
  paidDaysAgo: number | null;
  lines: InvoiceLineInput[];
}> = [
  {
    issuedDaysAgo: 40,
    dueInDays: 14,
    paidDaysAgo: 30,
    lines: [
      { description: 'Social media management, October', quantity: 1, unitPrice: 120000, taxRate: 8.875 },
      { description: 'Product photo shoot (half day)', quantity: 0.5, unitPrice: 90000, taxRate: 8.875 },
    ],
  },
  {
    issuedDaysAgo: 5,
    dueInDays: 14,
    paidDaysAgo: null,
    lines: [
      { description: 'Social media management, November', quantity: 1, unitPrice: 120000, taxRate: 8.875 },
      { description: 'Autumn menu campaign: copy and design', quantity: 6.5, unitPrice: 8500, taxRate: 8.875 },
    ],
  },
];

/**
 * Billing for Acme Coffee (Anna, its admin, manages it; Max, a member, never sees it): a billing
 * profile, and invoices INV-0001 (paid by bank transfer) and INV-0002 (sent, open). They are
 * numbered from Northwind's sequence, whose next number is set past them, so the first invoice
 * sent by hand continues at INV-0003. Runs inside the seed's transaction, into an empty database.
 */
export async function seedDemoBilling(manager: EntityManager): Promise<void> {
  const client = await manager.getRepository(Client).findOneByOrFail({ name: 'Acme Coffee' });
  const agency = await manager.getRepository(Agency).findOneByOrFail({ id: client.agencyId });
  const owner = await manager.getRepository(User).findOneByOrFail({ email: 'owner@northwind.test' });
  const prefix = 'INV-';
  await manager.getRepository(BillingSettings).save(
    manager.getRepository(BillingSettings).create({
      agencyId: agency.id,
      numberPrefix: prefix,
      nextNumber: DEMO_INVOICES.length + 1,
      defaultCurrency: 'USD',
      defaultPaymentTermsDays: 14,
      defaultTerms: 'Payable within 14 days by bank transfer or card.',
    }),
  );
  const profile = await manager.getRepository(BillingProfile).save(
    manager.getRepository(BillingProfile).create({
      agencyId: agency.id,
      clientId: client.id,
      legalName: 'Acme Coffee Roasters LLC',
      email: 'accounts@acme.test',
      addressLine1: '120 Bean Street',
      addressLine2: 'Suite 4',
      city: 'Brooklyn',
      postalCode: '11201',
      region: 'NY',
      country: 'US',
      taxId: 'US-12-3456789',
      currency: 'USD',
      paymentTermsDays: 14,
    }),
  );
  const billTo = JSON.stringify({
    name: profile.legalName,
    email: profile.email,
    address: {
      line1: profile.addressLine1,
      line2: profile.addressLine2,
      city: profile.city,
      postalCode: profile.postalCode,
      region: profile.region,
      country: profile.country,
    },
    taxId: profile.taxId,
  });
  // The issuer as sending freezes it: the agency's name and its brand colour (the default brand).
  const primary = deriveBrandTheme(DEFAULT_PRIMARY_COLOR, null).light['primary'] ?? DEFAULT_PRIMARY_COLOR;
  const issuer = JSON.stringify({ name: agency.name, logoUrl: null, primaryColor: primary });

  for (const [index, demo] of DEMO_INVOICES.entries()) {
    const seq = index + 1;
    const discount = { kind: 'none' as const, value: 0 };
    const totals = computeInvoiceTotals({ currency: 'USD', lines: demo.lines, discount });
    const issuedAt = new Date(Date.now() - demo.issuedDaysAgo * DAY_MS);
    const paidAt = demo.paidDaysAgo === null ? null : new Date(Date.now() - demo.paidDaysAgo * DAY_MS);
    const invoice = await manager.getRepository(Invoice).save(
      manager.getRepository(Invoice).create({
        agencyId: agency.id,
        clientId: client.id,
        status: paidAt ? 'paid' : 'sent',
        numberSeq: seq,
        number: `${prefix}${String(seq).padStart(4, '0')}`,
        currency: 'USD',
        issueDate: calendarDay(issuedAt),
        dueDate: calendarDay(new Date(issuedAt.getTime() + demo.dueInDays * DAY_MS)),
        discountKind: discount.kind,
        discountValue: 0,
        subtotal: totals.subtotal,
        discountTotal: totals.discountTotal,
        taxes: JSON.stringify(totals.taxes),
        taxTotal: totals.taxTotal,
        total: totals.total,
        amountPaid: paidAt ? totals.total : 0,
        notes: 'Thank you for working with Northwind Creative!',
        terms: 'Payable within 14 days by bank transfer or card.',
        billTo,
        issuer,
        sentAt: issuedAt,
        viewedAt: paidAt ? issuedAt : null,
        paidAt,
        createdByUserId: owner.id,
        createdAt: issuedAt,
        updatedAt: paidAt ?? issuedAt,
      }),
    );
    for (const [position, line] of demo.lines.entries()) {
      await manager.getRepository(InvoiceLine).save(
        manager.getRepository(InvoiceLine).create({
          agencyId: agency.id,
          clientId: client.id,
          invoiceId: invoice.id,
          position,
          description: line.description,
          quantityMilli: Math.round(line.quantity * 1000),
          unitPrice: line.unitPrice,
          taxRateMilli: Math.round(line.taxRate * 1000),
          amount: totals.lineAmounts[position],
        }),
      );
    }
    if (paidAt) {
      await manager.getRepository(InvoicePayment).save(
        manager.getRepository(InvoicePayment).create({
          agencyId: agency.id,
          clientId: client.id,
          invoiceId: invoice.id,
          amount: totals.total,
          currency: 'USD',
          method: 'bank_transfer',
          paidOn: calendarDay(paidAt),
          reference: `ACME-${seq}`,
          recordedByUserId: owner.id,
          recordedByName: owner.name,
          createdAt: paidAt,
        }),
      );
    }
  }
}

function calendarDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
