import { Injectable, NotFoundException } from '@nestjs/common';
import { In, Not } from 'typeorm';
import type { ContractList, ContractView, SignContractInput } from '@atrium/shared';
import type { ClientContext } from '../../core/auth/request-context';
import { FileStorage } from '../../core/storage/file-storage';
import { TenantData } from '../../core/tenancy/tenant-data';
import { ContractDraftsService } from './contract-drafts.service';
import { contractFile, type ContractFileKind } from './contract-downloads';
import { readStored } from './contract-files';
import { ContractFlowService, type ContractActor } from './contract-flow.service';
import { findContract, loadRecord, recipientsByContract } from './contract-records';
import { contractView, summaryView, type Viewer } from './contract-views';
import { ContractRecipient } from './entities/contract-recipient.entity';
import { Contract } from './entities/contract.entity';

/**
 * Portal › Contracts (contracts.sign). A client user sees the contracts sent to them; a client
 * admin also sees the others sent to people of their client. Drafts, other clients' contracts
 * and (for members) contracts not sent to them answer 404 exactly like unknown ids.
 */
@Injectable()
export class PortalContractsService {
  constructor(
    private readonly tenant: TenantData,
    private readonly storage: FileStorage,
    private readonly flow: ContractFlowService,
    private readonly drafts: ContractDraftsService,
  ) {}

  async list(ctx: ClientContext): Promise<ContractList> {
    const mine = await this.tenant.listOwned(ctx.scope, ContractRecipient, {
      where: { userId: ctx.userId },
      select: { contractId: true },
    });
    const contracts = await this.tenant.listOwned(ctx.scope, Contract, {
      where:
        ctx.client.role === 'admin'
          ? { status: Not('draft') }
          : { status: Not('draft'), id: In(mine.map((m) => m.contractId)) },
      order: { updatedAt: 'DESC' },
      take: 500,
    });
    const recipients = await recipientsByContract(
      this.tenant,
      ctx.scope,
      contracts.map((c) => c.id),
    );
    const viewer = clientViewer(ctx);
    const items = contracts.map((c) => summaryView(c, recipients.get(c.id) ?? [], ctx.client.clientName, viewer));
    // What waits for me first, then the rest (newest first).
    items.sort((a, b) => Number(b.awaitingMe) - Number(a.awaitingMe));
    return { items, limits: this.drafts.limits() };
  }

  async view(ctx: ClientContext, contractId: string): Promise<ContractView> {
    const contract = await this.visible(ctx, contractId);
    // "View as client" sessions look without leaving a trace.
    if (!ctx.viewer) await this.flow.opened(actorOf(ctx), contract.id);
    const record = await loadRecord(this.tenant, ctx.scope, await findContract(this.tenant, ctx.scope, contractId));
    return contractView(record.contract, record.recipients, record.fields, ctx.client.clientName, clientViewer(ctx));
  }

  async file(
    ctx: ClientContext,
    contractId: string,
    kind: ContractFileKind,
  ): Promise<{ bytes: Buffer; filename: string }> {
    const contract = await this.visible(ctx, contractId);
    const file = contractFile(contract, kind);
    const bytes = await readStored(this.storage, file.key);
    if (kind !== 'original' && !ctx.viewer)
      await this.flow.downloaded(actorOf(ctx), contract, `Downloaded the ${kind} copy`);
    return { bytes, filename: file.filename };
  }

  async sign(ctx: ClientContext, contractId: string, input: SignContractInput): Promise<ContractView> {
    await this.flow.sign(actorOf(ctx), contractId, input);
    return this.view(ctx, contractId);
  }

  async approve(ctx: ClientContext, contractId: string): Promise<ContractView> {
    await this.flow.approve(actorOf(ctx), contractId);
    return this.view(ctx, contractId);
  }

  async decline(ctx: ClientContext, contractId: string, reason: string): Promise<ContractView> {
    await this.flow.decline(actorOf(ctx), contractId, reason);
    return this.view(ctx, contractId);
  }

  /** A contract this client user may see, or 404. */
  private async visible(ctx: ClientContext, contractId: string): Promise<Contract> {
    const contract = await findContract(this.tenant, ctx.scope, contractId);
    if (contract.status === 'draft') throw new NotFoundException('Contract not found');
    if (ctx.client.role !== 'admin') {
      const mine = await this.tenant.countOwned(ctx.scope, ContractRecipient, { contractId, userId: ctx.userId });
      if (mine === 0) throw new NotFoundException('Contract not found');
    }
    return contract;
  }
}

function clientViewer(ctx: ClientContext): Viewer {
  return { userId: ctx.userId, side: 'client' };
}

export function actorOf(ctx: {
  scope: ContractActor['scope'];
  userId: string;
  profile: { name: string };
  ip: string | null;
  userAgent: string | null;
  portalHost?: unknown;
}): ContractActor {
  return {
    scope: ctx.scope,
    userId: ctx.userId,
    name: ctx.profile.name,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    meta: { ip: ctx.ip, userAgent: ctx.userAgent },
  };
}
