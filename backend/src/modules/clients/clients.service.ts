import { BadRequestException, Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { isClientPermission, type ClientPermission, type ClientSummary, type Paginated } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import type { Actor, TenantScope } from '../../core/tenancy/tenant-scope';
import { EntitlementsService } from '../agencies/entitlements.service';
import { InvitationsService } from '../invitations/invitations.service';
import { releaseClientSocialData } from '../social/client-release';
import { ClientMembersService } from './client-members.service';
import type { CreateClientDto, UpdateClientDto } from './dto/clients.dto';

const DEFAULT_PERMISSIONS: ClientPermission[] = ['calendar.view', 'media.upload'];

/** The agency's clients (SPEC §2, Settings > Clients), within the caller's scope. */
@Injectable()
export class ClientsService {
  constructor(
    private readonly tenant: TenantData,
    private readonly entitlements: EntitlementsService,
    private readonly invitations: InvitationsService,
    private readonly members: ClientMembersService,
    private readonly audit: AuditService,
  ) {}

  async list(scope: TenantScope, limit = 50, cursor?: string): Promise<Paginated<ClientSummary>> {
    const after = cursor ? decodeCursor(cursor) : null;
    const query = this.tenant
      .query(scope, Client, 'c')
      .where('c.deletedAt IS NULL')
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(limit + 1);
    if (after) {
      query.andWhere(
        new Brackets((or) =>
          or.where('c.name > :name', { name: after.name }).orWhere('(c.name = :name AND c.id > :id)', after),
        ),
      );
    }
    const rows = await query.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.summaries(scope, page),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  async summary(scope: TenantScope, clientId: string): Promise<ClientSummary> {
    const [summary] = await this.summaries(scope, [await this.tenant.liveClient(scope, clientId)]);
    return summary;
  }

  async create(actor: Actor, dto: CreateClientDto): Promise<ClientSummary> {
    await this.entitlements.assertCanCreateClient(actor.scope);
    const client = await this.tenant.transaction(async (tx) => {
      const created = await tx.insertOwned(actor.scope, Client, {
        name: dto.name,
        permissions: dto.permissions ?? DEFAULT_PERMISSIONS,
      });
      await this.audit.recordFor(actor, { action: 'client.created', targetType: 'client', targetId: created.id }, tx);
      return created;
    });
    return this.summary(actor.scope, client.id);
  }

  async update(actor: Actor, clientId: string, dto: UpdateClientDto): Promise<ClientSummary> {
    if (dto.name === undefined && dto.permissions === undefined) {
      throw new BadRequestException('Nothing to change: send a name and/or permissions');
    }
    const client = await this.tenant.liveClient(actor.scope, clientId);
    const changes = {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.permissions ? { permissions: dto.permissions } : {}),
    };
    await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(actor.scope, Client, { id: client.id }, { ...changes, updatedAt: new Date() });
      await this.audit.recordFor(
        actor,
        { action: 'client.updated', targetType: 'client', targetId: client.id, details: changes },
        tx,
      );
    });
    return this.summary(actor.scope, client.id);
  }

  /**
   * Deletes the client (SPEC §2): its users lose access at once (their next request is refused),
   * open invitations die, and the row is kept (soft delete) for everything that must outlive it.
   */
  async remove(actor: Actor, clientId: string): Promise<void> {
    const { scope } = actor;
    const client = await this.tenant.liveClient(scope, clientId);
    await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(scope, Client, { id: client.id }, { deletedAt: new Date() });
      const affected = await tx.listOwned(scope, ClientMembership, {
        where: { clientId: client.id, status: 'active' },
      });
      await tx.updateOwned(scope, ClientMembership, { clientId: client.id }, { status: 'deactivated' });
      await this.invitations.revokeAllForClient(tx, scope, client.id);
      await releaseClientSocialData(tx, scope, client.id);
      for (const membership of affected) await this.members.endAccessIfLast(tx, scope, membership.userId);
      await this.audit.recordFor(
        actor,
        {
          action: 'client.deleted',
          targetType: 'client',
          targetId: client.id,
          details: { name: client.name, deactivatedUsers: affected.length },
        },
        tx,
      );
    });
  }

  private async summaries(scope: TenantScope, clients: Client[]): Promise<ClientSummary[]> {
    if (clients.length === 0) return [];
    const ids = clients.map((c) => c.id);
    // The clients' active people (users are the agency's: reached through the client-owned memberships).
    const people = await this.tenant
      .query(scope, ClientMembership, 'm')
      .innerJoin(User, 'u', 'u.id = m.userId AND u.agencyId = m.agencyId')
      .select('m.clientId', 'clientId')
      .addSelect('u.lastLoginAt', 'lastLoginAt')
      .where('m.clientId IN (:...ids)', { ids })
      .andWhere('m.status = :active AND u.status = :active', { active: 'active' })
      .getRawMany<{ clientId: string; lastLoginAt: Date | string | null }>();
    const invited = await this.invitations.countOpenByClient(scope, ids);
    return clients.map((client) => {
      const own = people.filter((p) => p.clientId === client.id);
      return {
        id: client.id,
        name: client.name,
        // Through the current catalogue: a name written before it was retired is not shown.
        permissions: client.permissions.filter(isClientPermission),
        counts: {
          active: own.length,
          joined: own.filter((p) => p.lastLoginAt).length,
          invited: invited.get(client.id) ?? 0,
        },
        createdAt: client.createdAt.toISOString(),
      };
    });
  }
}

function encodeCursor(client: Client): string {
  return Buffer.from(JSON.stringify([client.name, client.id])).toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof id === 'string') return { name, id };
  } catch {
    // fall through
  }
  throw new BadRequestException('cursor is not valid');
}
