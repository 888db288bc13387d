import { releaseClientSocialData } from '../social/client-release';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, IsNull, MoreThan } from 'typeorm';
import type { ClientPermission, ClientSummary, Paginated } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import type { AgencyContext } from '../../core/auth/request-context';
import { EntitlementsService } from '../agencies/entitlements.service';
import { Invitation } from '../invitations/entities/invitation.entity';
import { InvitationsService } from '../invitations/invitations.service';
import { User } from '../../core/tenancy/entities/user.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { Client } from '../../core/tenancy/entities/client.entity';
import type { CreateClientDto, UpdateClientDto } from './dto/clients.dto';
import { ClientMembersService } from './client-members.service';

const DEFAULT_PERMISSIONS: ClientPermission[] = ['calendar.view', 'media.upload'];

/** The agency's clients (SPEC §2, Settings > Clients). Every query is scoped to the caller's agency. */
@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly entitlements: EntitlementsService,
    private readonly invitations: InvitationsService,
    private readonly members: ClientMembersService,
    private readonly audit: AuditService,
  ) {}

  /** A live client of the agency, or 404: a foreign id answers exactly like an unknown one. */
  async owned(agencyId: string, clientId: string): Promise<Client> {
    const client = await this.db.getRepository(Client).findOneBy({ id: clientId, agencyId, deletedAt: IsNull() });
    if (!client) throw new NotFoundException('Client not found');
    return client;
  }

  async list(ctx: AgencyContext, limit = 50, cursor?: string): Promise<Paginated<ClientSummary>> {
    const after = cursor ? decodeCursor(cursor) : null;
    const query = this.db
      .getRepository(Client)
      .createQueryBuilder('c')
      .where('c.agencyId = :agencyId', { agencyId: ctx.agencyId })
      .andWhere('c.deletedAt IS NULL')
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
      items: await this.summaries(ctx.agencyId, page),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  async summary(agencyId: string, clientId: string): Promise<ClientSummary> {
    const [summary] = await this.summaries(agencyId, [await this.owned(agencyId, clientId)]);
    return summary;
  }

  async create(ctx: AgencyContext, dto: CreateClientDto): Promise<ClientSummary> {
    await this.entitlements.assertCanCreateClient(ctx.agencyId);
    const client = await this.db.transaction(async (manager) => {
      const repository = manager.getRepository(Client);
      const created = await repository.save(
        repository.create({
          agencyId: ctx.agencyId,
          name: dto.name,
          permissions: dto.permissions ?? DEFAULT_PERMISSIONS,
        }),
      );
      await this.audit.record(
        {
          action: 'client.created',
          agencyId: ctx.agencyId,
          actorUserId: ctx.userId,
          targetType: 'client',
          targetId: created.id,
          meta: ctx,
        },
        manager,
      );
      return created;
    });
    return this.summary(ctx.agencyId, client.id);
  }

  async update(ctx: AgencyContext, clientId: string, dto: UpdateClientDto): Promise<ClientSummary> {
    if (dto.name === undefined && dto.permissions === undefined) {
      throw new BadRequestException('Nothing to change: send a name and/or permissions');
    }
    const client = await this.owned(ctx.agencyId, clientId);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(Client).update(
        { id: client.id, agencyId: ctx.agencyId },
        {
          ...(dto.name !== undefined ? { name: dto.name } : {}),
          ...(dto.permissions ? { permissions: dto.permissions } : {}),
          updatedAt: new Date(),
        },
      );
      await this.audit.record(
        {
          action: 'client.updated',
          agencyId: ctx.agencyId,
          actorUserId: ctx.userId,
          targetType: 'client',
          targetId: client.id,
          meta: ctx,
          details: {
            ...(dto.name !== undefined ? { name: dto.name } : {}),
            ...(dto.permissions ? { permissions: dto.permissions } : {}),
          },
        },
        manager,
      );
    });
    return this.summary(ctx.agencyId, client.id);
  }

  /**
   * Deletes the client (SPEC §2): its users lose access at once (their next request is refused),
   * open invitations die, and the row is kept (soft delete) for everything that must outlive it.
   */
  async remove(ctx: AgencyContext, clientId: string): Promise<void> {
    const client = await this.owned(ctx.agencyId, clientId);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(Client).update({ id: client.id, agencyId: ctx.agencyId }, { deletedAt: new Date() });
      const affected = await manager
        .getRepository(ClientMembership)
        .findBy({ agencyId: ctx.agencyId, clientId: client.id, status: 'active' });
      await manager
        .getRepository(ClientMembership)
        .update({ agencyId: ctx.agencyId, clientId: client.id }, { status: 'deactivated' });
      await this.invitations.revokeAllForClient(manager, ctx.agencyId, client.id);
      await releaseClientSocialData(manager, ctx.agencyId, client.id);
      for (const membership of affected) await this.members.endAccessIfLast(manager, ctx.agencyId, membership.userId);
      await this.audit.record(
        {
          action: 'client.deleted',
          agencyId: ctx.agencyId,
          actorUserId: ctx.userId,
          targetType: 'client',
          targetId: client.id,
          meta: ctx,
          details: { name: client.name, deactivatedUsers: affected.length },
        },
        manager,
      );
    });
  }

  private async summaries(agencyId: string, clients: Client[]): Promise<ClientSummary[]> {
    if (clients.length === 0) return [];
    const ids = clients.map((c) => c.id);
    const memberships = await this.db
      .getRepository(ClientMembership)
      .findBy({ agencyId, clientId: In(ids), status: 'active' });
    const users = memberships.length
      ? await this.db.getRepository(User).findBy({ agencyId, id: In([...new Set(memberships.map((m) => m.userId))]) })
      : [];
    const usersById = new Map(users.map((u) => [u.id, u]));
    const invitations = await this.db
      .getRepository(Invitation)
      .findBy({ agencyId, clientId: In(ids), status: 'pending', expiresAt: MoreThan(new Date()) });
    return clients.map((client) => {
      const own = memberships.filter((m) => m.clientId === client.id && usersById.get(m.userId)?.status === 'active');
      return {
        id: client.id,
        name: client.name,
        permissions: client.permissions,
        counts: {
          active: own.length,
          joined: own.filter((m) => usersById.get(m.userId)?.lastLoginAt).length,
          invited: invitations.filter((i) => i.clientId === client.id).length,
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
