import { ConflictException, Injectable } from '@nestjs/common';
import type {
  InvoiceDiscount,
  InvoiceLineInput,
  RecurringInvoiceListResponse,
  RecurringInvoiceView,
  SaveRecurringInvoiceRequest,
} from '@atrium/shared';
import { AuditService } from '../../../../core/audit/audit.service';
import { ValidationFailedException } from '../../../../core/http/api-error.filter';
import { TenantData, type TenantDataAccess } from '../../../../core/tenancy/tenant-data';
import type { Actor, TenantScope } from '../../../../core/tenancy/tenant-scope';
import { RecurringInvoice } from '../billing-tables';
import { clientNames } from '../invoice-records';
import { calendarDay, occurrenceDate, totalsOrRefuse } from '../invoice-rules';

/** What a recurring invoice issues each time (stored as JSON on the template). */
export interface RecurringTemplate {
  lines: InvoiceLineInput[];
  discount: InvoiceDiscount;
  notes: string;
  terms: string;
}

export function templateOf(row: RecurringInvoice): RecurringTemplate {
  return JSON.parse(row.template) as RecurringTemplate;
}

/**
 * Where a schedule stands after `occurrence` issues (or skips): the next date, or ended when that
 * date is past `endsOn`.
 */
export function scheduleAfter(
  row: Pick<RecurringInvoice, 'startsOn' | 'interval' | 'endsOn'>,
  occurrence: number,
): { nextIssueOn: string | null; ended: boolean } {
  const next = occurrenceDate(row.startsOn, row.interval, occurrence);
  if (row.endsOn !== null && next > row.endsOn) return { nextIssueOn: null, ended: true };
  return { nextIssueOn: next, ended: false };
}

const LIST_LIMIT = 500;

/**
 * Recurring invoices: templates that issue and send an invoice every week, month, quarter or year
 * (RecurringIssuer does the issuing). Reading is for every agency role; changes for owners and admins.
 */
@Injectable()
export class RecurringInvoicesService {
  constructor(
    private readonly tenant: TenantData,
    private readonly audit: AuditService,
  ) {}

  async list(scope: TenantScope): Promise<RecurringInvoiceListResponse> {
    const rows = await this.tenant.listOwned(scope, RecurringInvoice, {
      order: { createdAt: 'DESC', id: 'DESC' },
      take: LIST_LIMIT,
    });
    const names = await clientNames(
      this.tenant,
      scope,
      rows.map((row) => row.clientId),
    );
    return { items: rows.map((row) => recurringView(row, names.get(row.clientId) ?? '')) };
  }

  async view(scope: TenantScope, recurringId: string): Promise<RecurringInvoiceView> {
    const row = await this.find(scope, recurringId);
    const names = await clientNames(this.tenant, scope, [row.clientId]);
    return recurringView(row, names.get(row.clientId) ?? '');
  }

  async create(actor: Actor, input: SaveRecurringInvoiceRequest, now = new Date()): Promise<RecurringInvoiceView> {
    const scope = actor.scope;
    const fields = checked(input, now, null);
    await this.tenant.liveClient(scope, input.clientId);
    const id = await this.tenant.transaction(async (tx) => {
      const row = await tx.insertOwned(scope, RecurringInvoice, {
        ...fields,
        clientId: input.clientId,
        status: 'active',
        occurrence: 0,
        nextIssueOn: input.startsOn,
        createdByUserId: actor.userId,
      });
      await this.audit.recordFor(
        actor,
        { action: 'recurring_invoice.created', targetType: 'recurring_invoice', targetId: row.id },
        tx,
      );
      return row.id;
    });
    return this.view(scope, id);
  }

  /**
   * Changes the template and schedule. A new start date starts the schedule over from it (and
   * must be today or later); otherwise the occurrences already issued stay counted.
   */
  async update(
    actor: Actor,
    recurringId: string,
    input: SaveRecurringInvoiceRequest,
    now = new Date(),
  ): Promise<RecurringInvoiceView> {
    const scope = actor.scope;
    await this.tenant.transaction(async (tx) => {
      const row = await this.find(scope, recurringId, tx, true);
      if (row.status === 'ended') throw new ConflictException('This recurring invoice has ended; create a new one.');
      const fields = checked(input, now, row.startsOn);
      if (input.clientId !== row.clientId) await tx.liveClient(scope, input.clientId);
      const occurrence = input.startsOn === row.startsOn ? row.occurrence : 0;
      const schedule = scheduleAfter({ ...row, ...fields }, occurrence);
      await tx.updateOwned(
        scope,
        RecurringInvoice,
        { id: recurringId },
        {
          ...fields,
          clientId: input.clientId,
          occurrence,
          nextIssueOn: schedule.nextIssueOn,
          status: schedule.ended ? 'ended' : row.status,
          updatedAt: now,
        },
      );
      await this.audit.recordFor(
        actor,
        { action: 'recurring_invoice.updated', targetType: 'recurring_invoice', targetId: recurringId },
        tx,
      );
    });
    return this.view(scope, recurringId);
  }

  async pause(actor: Actor, recurringId: string): Promise<RecurringInvoiceView> {
    return this.transition(actor, recurringId, 'paused', (row) => {
      if (row.status !== 'active') throw new ConflictException('Only an active recurring invoice can be paused.');
      return { status: 'paused' };
    });
  }

  /** Resumes a paused schedule; occurrences whose date passed meanwhile are skipped, not issued late. */
  async resume(actor: Actor, recurringId: string, now = new Date()): Promise<RecurringInvoiceView> {
    const today = calendarDay(now);
    return this.transition(actor, recurringId, 'resumed', (row) => {
      if (row.status !== 'paused') throw new ConflictException('Only a paused recurring invoice can be resumed.');
      let occurrence = row.occurrence;
      while (occurrenceDate(row.startsOn, row.interval, occurrence) < today) occurrence += 1;
      const schedule = scheduleAfter(row, occurrence);
      return { status: schedule.ended ? 'ended' : 'active', occurrence, nextIssueOn: schedule.nextIssueOn };
    });
  }

  async end(actor: Actor, recurringId: string): Promise<RecurringInvoiceView> {
    return this.transition(actor, recurringId, 'ended', (row) => {
      if (row.status === 'ended') throw new ConflictException('This recurring invoice has ended already.');
      return { status: 'ended', nextIssueOn: null };
    });
  }

  private async transition(
    actor: Actor,
    recurringId: string,
    action: string,
    change: (row: RecurringInvoice) => Partial<RecurringInvoice>,
  ): Promise<RecurringInvoiceView> {
    const scope = actor.scope;
    await this.tenant.transaction(async (tx) => {
      const row = await this.find(scope, recurringId, tx, true);
      await tx.updateOwned(scope, RecurringInvoice, { id: recurringId }, { ...change(row), updatedAt: new Date() });
      await this.audit.recordFor(
        actor,
        { action: `recurring_invoice.${action}`, targetType: 'recurring_invoice', targetId: recurringId },
        tx,
      );
    });
    return this.view(scope, recurringId);
  }

  private find(
    scope: TenantScope,
    id: string,
    data: TenantDataAccess = this.tenant,
    lock = false,
  ): Promise<RecurringInvoice> {
    return data.findOwned(scope, RecurringInvoice, id, {
      lock: lock ? 'update' : undefined,
      notFound: 'Recurring invoice not found',
    });
  }
}

/** The stored fields of a request, or a 400 (a template must issue a sendable invoice). */
function checked(
  input: SaveRecurringInvoiceRequest,
  now: Date,
  currentStart: string | null,
): Pick<RecurringInvoice, 'interval' | 'startsOn' | 'endsOn' | 'currency' | 'template' | 'dueInDays' | 'total'> {
  if (input.startsOn !== currentStart && input.startsOn < calendarDay(now)) {
    throw new ValidationFailedException([{ field: 'startsOn', messages: ['must be today or later'] }]);
  }
  if (input.endsOn !== null && input.endsOn < input.startsOn) {
    throw new ValidationFailedException([{ field: 'endsOn', messages: ['must be on or after startsOn'] }]);
  }
  const totals = totalsOrRefuse(input);
  if (input.lines.length === 0 || totals.total <= 0) {
    throw new ValidationFailedException([
      { field: 'lines', messages: ['a recurring invoice needs at least one line and a total above zero'] },
    ]);
  }
  const template: RecurringTemplate = {
    lines: input.lines.map(({ description, quantity, unitPrice, taxRate }) => ({
      description,
      quantity,
      unitPrice,
      taxRate,
    })),
    discount: { kind: input.discount.kind, value: input.discount.value },
    notes: input.notes,
    terms: input.terms,
  };
  return {
    interval: input.interval,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    currency: input.currency,
    template: JSON.stringify(template),
    dueInDays: input.dueInDays,
    total: totals.total,
  };
}

export function recurringView(row: RecurringInvoice, clientName: string): RecurringInvoiceView {
  const template = templateOf(row);
  return {
    id: row.id,
    clientId: row.clientId,
    clientName,
    status: row.status,
    interval: row.interval,
    nextIssueOn: row.status === 'ended' ? null : row.nextIssueOn,
    endsOn: row.endsOn,
    currency: row.currency,
    lines: template.lines,
    discount: template.discount,
    notes: template.notes,
    terms: template.terms,
    dueInDays: row.dueInDays,
    total: row.total,
    issuedCount: row.issuedCount,
    lastIssuedAt: row.lastIssuedAt ? row.lastIssuedAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}
