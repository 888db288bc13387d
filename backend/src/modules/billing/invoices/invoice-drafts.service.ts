import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import type { InvoiceLineInput, InvoiceListResponse, InvoiceView, SaveInvoiceRequest } from '@atrium/shared';
import { Brackets } from 'typeorm';
import { AuditService } from '../../../core/audit/audit.service';
import { newId } from '../../../core/database/columns';
import { TenantData, type TenantDataAccess } from '../../../core/tenancy/tenant-data';
import type { Actor, TenantScope } from '../../../core/tenancy/tenant-scope';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { Invoice } from '../entities/invoice.entity';
import type { InvoiceListQueryDto } from './dto/invoice.dto';
import { InvoicePartiesService } from './invoice-parties.service';
import { clientNames, findInvoice, loadRecord } from './invoice-records';
import { calendarDay, checkDates, storedDiscountValue, totalsOrRefuse, type InvoiceContent } from './invoice-rules';
import { invoiceView, summaryView } from './invoice-views';

const OPEN = ['sent', 'viewed', 'partially_paid'];

/** The stored fields of an invoice's content; totals always come from computeInvoiceTotals. */
export function contentFields(content: InvoiceContent & { notes: string; terms: string }): {
  fields: Partial<Invoice>;
  lineAmounts: number[];
} {
  const totals = totalsOrRefuse(content);
  return {
    fields: {
      currency: content.currency,
      discountKind: content.discount.kind,
      discountValue: storedDiscountValue(content.discount),
      subtotal: totals.subtotal,
      discountTotal: totals.discountTotal,
      taxes: JSON.stringify(totals.taxes),
      taxTotal: totals.taxTotal,
      total: totals.total,
      notes: content.notes,
      terms: content.terms,
    },
    lineAmounts: totals.lineAmounts,
  };
}

/** Replaces an invoice's lines (drafts, and invoices being created) in the transaction `tx`. */
export async function replaceLines(
  tx: TenantDataAccess,
  scope: TenantScope,
  invoice: Pick<Invoice, 'id' | 'agencyId' | 'clientId'>,
  lines: readonly InvoiceLineInput[],
  amounts: readonly number[],
): Promise<void> {
  await tx.deleteOwned(scope, InvoiceLine, { invoiceId: invoice.id });
  for (const [position, line] of lines.entries()) {
    await tx.insertOwned(scope, InvoiceLine, {
      agencyId: invoice.agencyId,
      clientId: invoice.clientId,
      invoiceId: invoice.id,
      position,
      description: line.description,
      quantityMilli: Math.round(line.quantity * 1000),
      unitPrice: line.unitPrice,
      taxRateMilli: Math.round(line.taxRate * 1000),
      amount: amounts[position],
    });
  }
}

/** A new draft (or, for a recurring template, an invoice about to be sent) with its lines. */
export async function insertInvoice(
  tx: TenantDataAccess,
  scope: TenantScope,
  values: Partial<Invoice> & { agencyId: string; clientId: string; issueDate: string; dueDate: string },
  content: InvoiceContent & { notes: string; terms: string },
): Promise<Invoice> {
  const { fields, lineAmounts } = contentFields(content);
  const invoice = await tx.insertOwned(scope, Invoice, { id: newId(), ...values, ...fields });
  await replaceLines(tx, scope, invoice, content.lines, lineAmounts);
  return invoice;
}

/** Drafts (any agency role: members may draft), reading one invoice, and the list. */
@Injectable()
export class InvoiceDraftsService {
  constructor(
    private readonly tenant: TenantData,
    private readonly parties: InvoicePartiesService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: SaveInvoiceRequest): Promise<InvoiceView> {
    const scope = actor.scope;
    checkDates(input.issueDate, input.dueDate);
    totalsOrRefuse(input); // 400 before anything is written
    await this.tenant.liveClient(scope, input.clientId);
    const id = await this.tenant.transaction(async (tx) => {
      const invoice = await insertInvoice(
        tx,
        scope,
        {
          agencyId: scope.agencyId,
          clientId: input.clientId,
          issueDate: input.issueDate,
          dueDate: input.dueDate,
          createdByUserId: actor.userId,
        },
        input,
      );
      await this.audit.recordFor(actor, { action: 'invoice.created', targetType: 'invoice', targetId: invoice.id }, tx);
      return invoice.id;
    });
    return this.view(scope, id);
  }

  async update(actor: Actor, invoiceId: string, input: SaveInvoiceRequest): Promise<InvoiceView> {
    const scope = actor.scope;
    checkDates(input.issueDate, input.dueDate);
    totalsOrRefuse(input);
    await this.tenant.transaction(async (tx) => {
      const invoice = await findInvoice(tx, scope, invoiceId, { lock: 'update' });
      if (invoice.status !== 'draft') {
        throw new ConflictException('This invoice was sent: it can no longer be changed. Void it and issue a new one.');
      }
      if (input.clientId !== invoice.clientId) await tx.liveClient(scope, input.clientId);
      const { fields, lineAmounts } = contentFields(input);
      await tx.updateOwned(
        scope,
        Invoice,
        { id: invoiceId },
        {
          ...fields,
          clientId: input.clientId,
          issueDate: input.issueDate,
          dueDate: input.dueDate,
          updatedAt: new Date(),
        },
      );
      // Lines carry the client id: they are written after the invoice moved to its client.
      await replaceLines(tx, scope, { ...invoice, clientId: input.clientId }, input.lines, lineAmounts);
    });
    return this.view(scope, invoiceId);
  }

  async remove(actor: Actor, invoiceId: string): Promise<void> {
    const scope = actor.scope;
    await this.tenant.transaction(async (tx) => {
      const invoice = await findInvoice(tx, scope, invoiceId, { lock: 'update' });
      if (invoice.status !== 'draft') {
        throw new ConflictException('Only drafts can be deleted. A sent invoice can be voided; its number stays used.');
      }
      // Lines first: the foreign key cascades on MariaDB, but SQLite only when its pragma is on.
      await tx.deleteOwned(scope, InvoiceLine, { invoiceId });
      await tx.deleteOwned(scope, Invoice, { id: invoiceId });
      await this.audit.recordFor(
        actor,
        { action: 'invoice.deleted', targetType: 'invoice', targetId: invoiceId, details: { total: invoice.total } },
        tx,
      );
    });
  }

  /** The agency's full view of one invoice (drafts show who they would be made out to). */
  async view(scope: TenantScope, invoiceId: string, today = calendarDay(new Date())): Promise<InvoiceView> {
    const invoice = await findInvoice(this.tenant, scope, invoiceId);
    const record = await loadRecord(this.tenant, scope, invoice);
    const preview = invoice.status === 'draft' ? await this.parties.of(invoice).catch(() => null) : null;
    return invoiceView(record, preview, { today, onlinePayments: false });
  }

  /** Newest first (issue date, then creation); filter by client, status, or overdue. */
  async list(scope: TenantScope, query: InvoiceListQueryDto, now = new Date()): Promise<InvoiceListResponse> {
    const limit = query.limit ?? 50;
    const today = calendarDay(now);
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const builder = this.tenant
      .query(scope, Invoice, 'i')
      .orderBy('i.issueDate', 'DESC')
      .addOrderBy('i.createdAt', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(limit + 1);
    if (query.clientId) builder.andWhere('i.clientId = :clientId', { clientId: query.clientId });
    if (query.status) builder.andWhere('i.status = :status', { status: query.status });
    if (query.overdue === 'true') {
      builder
        .andWhere('i.status IN (:...open)', { open: OPEN })
        .andWhere('i.dueDate < :today', { today })
        .andWhere('i.total > i.amountPaid');
    }
    if (after) {
      builder.andWhere(
        new Brackets((or) =>
          or
            .where('i.issueDate < :issueDate', after)
            .orWhere('(i.issueDate = :issueDate AND i.createdAt < :createdAt)', after)
            .orWhere('(i.issueDate = :issueDate AND i.createdAt = :createdAt AND i.id < :id)', after),
        ),
      );
    }
    const rows = await builder.getMany();
    const page = rows.slice(0, limit);
    const names = await clientNames(
      this.tenant,
      scope,
      page.map((row) => row.clientId),
    );
    const last = page[page.length - 1];
    return {
      invoices: page.map((row) => summaryView(row, names.get(row.clientId) ?? '', today)),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }
}

function encodeCursor(invoice: Invoice): string {
  return Buffer.from(JSON.stringify([invoice.issueDate, invoice.createdAt.toISOString(), invoice.id])).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): { issueDate: string; createdAt: Date; id: string } {
  try {
    const [issueDate, createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof issueDate === 'string' && typeof createdAt === 'string' && typeof id === 'string') {
      const at = new Date(createdAt);
      if (!Number.isNaN(at.getTime())) return { issueDate, createdAt: at, id };
    }
  } catch {
    // fall through
  }
  throw new BadRequestException('cursor is not valid');
}
