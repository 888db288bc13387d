import { ConflictException, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type {
  ContractFieldInput,
  ContractList,
  ContractPageSize,
  ContractRecipientInput,
  ContractTemplateLayout as TemplateLayout,
  ContractTemplateList,
  ContractTemplateSummary,
  ContractView,
  ContractDraftInput,
  ContractStatus,
} from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import type { AgencyContext } from '../../core/auth/request-context';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { FileStorage } from '../../core/storage/file-storage';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData, type TenantTransaction } from '../../core/tenancy/tenant-data';
import type { AgencyScope } from '../../core/tenancy/tenant-scope';
import { EntitlementsService } from '../agencies/entitlements.service';
import { appendContractEvent } from './contract-events';
import { contractFileKey, readStored, sha256Hex, store, templateFileKey } from './contract-files';
import { clientNames, findContract, loadRecord, recipientsByContract } from './contract-records';
import { normaliseSteps } from './contract-rules';
import { contractView, summaryView, type Viewer } from './contract-views';
import { ContractField } from './entities/contract-field.entity';
import { ContractRecipient } from './entities/contract-recipient.entity';
import { ContractTemplate } from './entities/contract-template.entity';
import { Contract } from './entities/contract.entity';
import { inspectPdf, PdfRejected } from './pdf/pdf-inspection';

const LIST_LIMIT = 500;

/**
 * The agency's side of contracts before they go out: upload a PDF (or start from a template), lay
 * out fields and recipients, save it as a template, delete a draft; and the lists and files of
 * every contract. Each route needs the plan's `contracts` entitlement.
 */
@Injectable()
export class ContractDraftsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
    private readonly entitlements: EntitlementsService,
  ) {}

  async assertEntitled(scope: AgencyScope): Promise<void> {
    if (!(await this.entitlements.of(scope)).contracts) {
      throw new ForbiddenException('Your plan does not include contracts. Upgrade to send documents for signature.');
    }
  }

  async list(ctx: AgencyContext, filter: { clientId?: string; status?: ContractStatus }): Promise<ContractList> {
    await this.assertEntitled(ctx.scope);
    const contracts = await this.tenant.listOwned(ctx.scope, Contract, {
      where: {
        ...(filter.clientId ? { clientId: filter.clientId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { updatedAt: 'DESC' },
      take: LIST_LIMIT,
    });
    const ids = contracts.map((c) => c.id);
    const [recipients, names] = await Promise.all([
      recipientsByContract(this.tenant, ctx.scope, ids),
      clientNames(
        this.tenant,
        ctx.scope,
        contracts.map((c) => c.clientId),
      ),
    ]);
    const viewer = agencyViewer(ctx);
    return {
      items: contracts.map((c) =>
        summaryView(c, recipients.get(c.id) ?? [], names.get(c.clientId) ?? 'Deleted client', viewer),
      ),
      limits: this.limits(),
    };
  }

  limits() {
    return { maxBytes: this.config.contracts.maxFileBytes, maxPages: this.config.contracts.maxPages };
  }

  async view(ctx: AgencyContext, contractId: string): Promise<ContractView> {
    await this.assertEntitled(ctx.scope);
    const record = await loadRecord(this.tenant, ctx.scope, await findContract(this.tenant, ctx.scope, contractId));
    return contractView(record.contract, record.recipients, record.fields, record.clientName, agencyViewer(ctx));
  }

  /** A new draft from an uploaded PDF, for a live client of the agency. */
  async createFromUpload(ctx: AgencyContext, clientId: string, title: string, pdf: Buffer): Promise<ContractView> {
    await this.assertEntitled(ctx.scope);
    await this.tenant.liveClient(ctx.scope, clientId);
    const inspected = await this.inspect(pdf);
    const contract = new Contract();
    contract.id = crypto.randomUUID();
    const key = contractFileKey(ctx.scope.agencyId, contract.id, 'original', 'pdf');
    await store(this.storage, key, pdf, 'application/pdf');
    try {
      await this.insertDraft(ctx, contract.id, {
        clientId,
        title: cleanTitle(title) || 'Untitled contract',
        originalKey: key,
        originalSha256: sha256Hex(pdf),
        pageCount: inspected.pageCount,
        pageSizes: JSON.stringify(inspected.pages),
      });
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
    return this.view(ctx, contract.id);
  }

  /** A new draft from a saved template: its document, message, reminders and field layout (recipients to choose). */
  async createFromTemplate(
    ctx: AgencyContext,
    input: { templateId: string; clientId: string; title?: string | null },
  ): Promise<ContractView> {
    await this.assertEntitled(ctx.scope);
    await this.tenant.liveClient(ctx.scope, input.clientId);
    const template = await this.tenant.findOwned(ctx.scope, ContractTemplate, input.templateId, {
      notFound: 'Template not found',
    });
    const id = crypto.randomUUID();
    const key = contractFileKey(ctx.scope.agencyId, id, 'original', 'pdf');
    const bytes = await readStored(this.storage, template.fileKey);
    await store(this.storage, key, bytes, 'application/pdf');
    const layout = JSON.parse(template.layout) as TemplateLayout;
    try {
      await this.insertDraft(ctx, id, {
        clientId: input.clientId,
        title: cleanTitle(input.title ?? '') || template.name,
        message: template.message,
        originalKey: key,
        originalSha256: template.sha256,
        pageCount: template.pageCount,
        pageSizes: template.pageSizes,
        templateId: template.id,
        reminderFirstAfterDays: layout.reminders?.firstAfterDays ?? null,
        reminderEveryDays: layout.reminders?.everyDays ?? null,
        reminderMaxCount: layout.reminders?.maxCount ?? null,
      });
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
    return this.view(ctx, id);
  }

  /** Replaces a draft's title, message, expiry, reminders, recipients and fields. */
  async saveDraft(ctx: AgencyContext, contractId: string, input: ContractDraftInput): Promise<ContractView> {
    await this.assertEntitled(ctx.scope);
    const scope = ctx.scope;
    await this.tenant.transaction(async (tx) => {
      const contract = await findContract(tx, scope, contractId, { lock: 'update' });
      if (contract.status !== 'draft') {
        throw new ConflictException('This contract was sent: it can no longer be changed. Void it and send a new one.');
      }
      const people = await this.resolveRecipients(tx, scope, contract.clientId, input.recipients);
      const pages = JSON.parse(contract.pageSizes) as ContractPageSize[];
      const fields = checkedFields(input.fields, input.recipients, pages.length);
      const steps = normaliseSteps(input.recipients.map((r) => r.step));
      await tx.deleteOwned(scope, ContractField, { contractId });
      await tx.deleteOwned(scope, ContractRecipient, { contractId });
      const rows: ContractRecipient[] = [];
      for (const [position, recipient] of input.recipients.entries()) {
        const person = people[position];
        rows.push(
          await tx.insertOwned(scope, ContractRecipient, {
            contractId,
            clientId: contract.clientId,
            position,
            userId: person.id,
            name: person.name,
            email: person.email,
            role: recipient.role,
            side: person.side,
            step: steps[position],
            status: 'waiting',
          }),
        );
      }
      for (const field of fields) {
        await tx.insertOwned(scope, ContractField, {
          contractId,
          clientId: contract.clientId,
          recipientId: rows[field.recipientIndex].id,
          kind: field.kind,
          page: field.page,
          x: field.x,
          y: field.y,
          width: field.width,
          height: field.height,
          required:
            field.kind === 'signature' || field.kind === 'name' || field.kind === 'date' ? true : field.required,
          label: field.label?.trim() || null,
        });
      }
      await tx.updateOwned(
        scope,
        Contract,
        { id: contractId },
        {
          title: cleanTitle(input.title) || contract.title,
          message: input.message?.trim() || null,
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
          reminderFirstAfterDays: input.reminders?.firstAfterDays ?? null,
          reminderEveryDays: input.reminders?.everyDays ?? null,
          reminderMaxCount: input.reminders?.maxCount ?? null,
          updatedAt: new Date(),
        },
      );
    });
    return this.view(ctx, contractId);
  }

  async remove(ctx: AgencyContext, contractId: string): Promise<void> {
    await this.assertEntitled(ctx.scope);
    const key = await this.tenant.transaction(async (tx) => {
      const contract = await findContract(tx, ctx.scope, contractId, { lock: 'update' });
      if (contract.status !== 'draft') {
        throw new ConflictException('Only drafts can be deleted. A sent contract can be voided; its trail stays.');
      }
      await tx.deleteOwned(ctx.scope, Contract, { id: contractId });
      await this.audit.recordFor(ctx, { action: 'contract.deleted', targetType: 'contract', targetId: contractId }, tx);
      return contract.originalKey;
    });
    await this.storage.delete(key).catch(() => undefined);
  }

  // ---- Templates ----------------------------------------------------------------------------

  async templates(ctx: AgencyContext): Promise<ContractTemplateList> {
    await this.assertEntitled(ctx.scope);
    const rows = await this.tenant.listOwned(ctx.scope, ContractTemplate, { order: { name: 'ASC' }, take: LIST_LIMIT });
    return { items: rows.map(templateView) };
  }

  /** Saves a contract's document, message, reminders and field layout as a template (recipients become slots). */
  async saveAsTemplate(ctx: AgencyContext, contractId: string, name: string): Promise<ContractTemplateSummary> {
    await this.assertEntitled(ctx.scope);
    const record = await loadRecord(this.tenant, ctx.scope, await findContract(this.tenant, ctx.scope, contractId));
    const { contract, recipients, fields } = record;
    const slotOf = new Map(recipients.map((r, index) => [r.id, index]));
    const layout: TemplateLayout = {
      slots: recipients.map((r) => ({ role: r.role, step: r.step })),
      fields: fields.map((f) => ({
        kind: f.kind,
        recipientIndex: slotOf.get(f.recipientId) ?? 0,
        required: f.required,
        label: f.label,
        page: f.page,
        x: f.x,
        y: f.y,
        width: f.width,
        height: f.height,
      })),
      reminders:
        contract.reminderFirstAfterDays && contract.reminderEveryDays && contract.reminderMaxCount
          ? {
              firstAfterDays: contract.reminderFirstAfterDays,
              everyDays: contract.reminderEveryDays,
              maxCount: contract.reminderMaxCount,
            }
          : null,
    };
    const id = crypto.randomUUID();
    const key = templateFileKey(ctx.scope.agencyId, id);
    await store(this.storage, key, await readStored(this.storage, contract.originalKey), 'application/pdf');
    try {
      const template = await this.tenant.transaction(async (tx) => {
        const row = await tx.insertOwned(ctx.scope, ContractTemplate, {
          id,
          name: cleanTitle(name) || contract.title,
          message: contract.message,
          fileKey: key,
          sha256: contract.originalSha256,
          pageCount: contract.pageCount,
          pageSizes: contract.pageSizes,
          layout: JSON.stringify(layout),
          recipientSlots: layout.slots.length,
          createdByUserId: ctx.userId,
        });
        await this.audit.recordFor(
          ctx,
          { action: 'contract_template.created', targetType: 'contract_template', targetId: id },
          tx,
        );
        return row;
      });
      return templateView(template);
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
  }

  /** The template's slot layout, to pre-fill the editor of a contract started from it. */
  async templateLayout(ctx: AgencyContext, templateId: string): Promise<TemplateLayout> {
    await this.assertEntitled(ctx.scope);
    const template = await this.tenant.findOwned(ctx.scope, ContractTemplate, templateId, {
      notFound: 'Template not found',
    });
    return JSON.parse(template.layout) as TemplateLayout;
  }

  async deleteTemplate(ctx: AgencyContext, templateId: string): Promise<void> {
    await this.assertEntitled(ctx.scope);
    const template = await this.tenant.findOwned(ctx.scope, ContractTemplate, templateId, {
      notFound: 'Template not found',
    });
    await this.tenant.transaction(async (tx) => {
      await tx.deleteOwned(ctx.scope, ContractTemplate, { id: templateId });
      await this.audit.recordFor(
        ctx,
        { action: 'contract_template.deleted', targetType: 'contract_template', targetId: templateId },
        tx,
      );
    });
    await this.storage.delete(template.fileKey).catch(() => undefined);
  }

  // ---- Inside -------------------------------------------------------------------------------

  private async inspect(pdf: Buffer) {
    try {
      return await inspectPdf(pdf, { maxPages: this.config.contracts.maxPages });
    } catch (error) {
      if (error instanceof PdfRejected)
        throw new ValidationFailedException([{ field: 'file', messages: [error.message] }]);
      throw error;
    }
  }

  private async insertDraft(ctx: AgencyContext, id: string, values: Partial<Contract>): Promise<void> {
    await this.tenant.transaction(async (tx) => {
      const contract = await tx.insertOwned(ctx.scope, Contract, {
        ...values,
        id,
        status: 'draft',
        createdByUserId: ctx.userId,
      });
      await appendContractEvent(tx, ctx.scope, contract, {
        type: 'created',
        actorUserId: ctx.userId,
        actorName: ctx.profile.name,
        meta: ctx,
        detail: values.templateId ? 'Started from a template' : `Uploaded a PDF of ${values.pageCount} pages`,
      });
      await this.audit.recordFor(ctx, { action: 'contract.created', targetType: 'contract', targetId: id }, tx);
    });
  }

  /**
   * The people behind the recipients, in order: each an active client user with an active
   * membership of the contract's client, or an active agency user (a countersigner). Anyone else —
   * another client's user, another agency's — is refused with the same message as an unknown id.
   */
  private async resolveRecipients(
    tx: TenantTransaction,
    scope: AgencyScope,
    clientId: string,
    recipients: readonly ContractRecipientInput[],
  ): Promise<Array<{ id: string; name: string; email: string; side: 'client' | 'agency' }>> {
    const ids = recipients.map((r) => r.userId);
    if (new Set(ids).size !== ids.length) {
      throw new ValidationFailedException([
        { field: 'recipients', messages: ['each person can be a recipient only once'] },
      ]);
    }
    if (ids.length === 0) return [];
    const users = await tx.listOwned(scope, User, { where: { id: In(ids), status: 'active' } });
    const clientMembers = new Set(
      (
        await tx.listOwned(scope, ClientMembership, {
          where: { userId: In(ids), clientId, status: 'active' },
          select: { userId: true },
        })
      ).map((m) => m.userId),
    );
    const agencyMembers = new Set(
      (
        await tx.listOwned(scope, AgencyMembership, {
          where: { userId: In(ids), status: 'active' },
          select: { userId: true },
        })
      ).map((m) => m.userId),
    );
    return recipients.map((recipient, index) => {
      const user = users.find((u) => u.id === recipient.userId);
      const side = user && clientMembers.has(user.id) ? 'client' : user && agencyMembers.has(user.id) ? 'agency' : null;
      if (!user || !side) {
        throw new ValidationFailedException([
          {
            field: `recipients.${index}.userId`,
            messages: ['not an active user of this client or of your agency'],
          },
        ]);
      }
      return { id: user.id, name: user.name, email: user.email, side };
    });
  }
}

export function agencyViewer(ctx: AgencyContext): Viewer {
  return { userId: ctx.userId, side: 'agency' };
}

function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** Fields on real pages, for recipients who sign (approvers and copy-only recipients have none), inside the page. */
function checkedFields(
  fields: readonly ContractFieldInput[],
  recipients: readonly ContractRecipientInput[],
  pageCount: number,
): ContractFieldInput[] {
  return fields.map((field, index) => {
    const problem = (message: string) =>
      new ValidationFailedException([{ field: `fields.${index}`, messages: [message] }]);
    const recipient = recipients[field.recipientIndex];
    if (!recipient) throw problem('names a recipient that is not in the list');
    if (recipient.role !== 'signer')
      throw problem('only signers fill fields; approvers and copy-only recipients have none');
    if (field.page >= pageCount) throw problem(`is on page ${field.page + 1}, but the document has ${pageCount}`);
    const width = Math.min(field.width, 1);
    const height = Math.min(field.height, 1);
    return {
      ...field,
      width,
      height,
      x: Math.min(Math.max(field.x, 0), 1 - width),
      y: Math.min(Math.max(field.y, 0), 1 - height),
    };
  });
}

function templateView(template: ContractTemplate): ContractTemplateSummary {
  return {
    id: template.id,
    name: template.name,
    pageCount: template.pageCount,
    recipientSlots: template.recipientSlots,
    updatedAt: template.updatedAt.toISOString(),
  };
}
