import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../../../core/audit/audit.service';
import type { OperatorContext } from '../../../core/auth/request-context';
import { OutboxEmail } from '../../../core/mail/outbox-email.entity';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { AgencyMembership } from '../../../core/tenancy/entities/agency-membership.entity';
import { Client } from '../../../core/tenancy/entities/client.entity';
import { User } from '../../../core/tenancy/entities/user.entity';
import { TenantData } from '../../../core/tenancy/tenant-data';
import { MediaAsset } from '../../media/entities/media-asset.entity';
import { containsPattern } from '../../messages/message-rules';
import { Post } from '../../posts/entities/post.entity';
import { operatorDetails } from '../operators/operator-accounts.service';
import {
  DEFAULT_PAGE_SIZE,
  type AdminAgencyDto,
  type AdminAgencyPageDto,
  type AdminAgencyQueryDto,
  type AgencyCountsDto,
  type AgencyOwnerDto,
} from './admin-agencies.dto';

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Every agency of the installation, for platform operators: what it is, how much it uses, and the
 * operator's levers (plan, suspension). A page costs a fixed handful of grouped queries, however
 * many agencies it shows.
 */
@Injectable()
export class AdminAgenciesService {
  /** The operator sees across agencies: that is the point of the admin API. */
  private readonly db: EntityManager;

  constructor(
    tenant: TenantData,
    private readonly audit: AuditService,
  ) {
    this.db = tenant.unscoped('platform admin: operators see every agency');
  }

  async list(query: AdminAgencyQueryDto): Promise<AdminAgencyPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const filtered = this.filtered(query);
    const [agencies, total] = await filtered
      .orderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.described(agencies), total, page, pageSize };
  }

  async get(agencyId: string): Promise<AdminAgencyDto> {
    const [described] = await this.described([await this.find(agencyId)]);
    return described;
  }

  async changePlan(operator: OperatorContext, agencyId: string, plan: string): Promise<AdminAgencyDto> {
    const agency = await this.find(agencyId);
    if (agency.plan !== plan) {
      await this.db.transaction(async (manager) => {
        await manager.getRepository(Agency).update({ id: agency.id }, { plan });
        await this.audit.record(
          this.entry(operator, agency.id, 'platform_admin.agency_plan_changed', { from: agency.plan, to: plan }),
          manager,
        );
      });
    }
    return this.get(agency.id);
  }

  /** Its users are refused on their next request, its posts and emails wait; nothing is deleted. */
  async suspend(operator: OperatorContext, agencyId: string, reason: string): Promise<AdminAgencyDto> {
    const agency = await this.find(agencyId);
    await this.db.transaction(async (manager) => {
      const suspended = await manager
        .getRepository(Agency)
        .update(
          { id: agency.id, status: 'active' },
          { status: 'suspended', suspendedAt: new Date(), suspendedReason: reason },
        );
      if ((suspended.affected ?? 0) !== 1) throw new ConflictException('This agency is already suspended');
      await this.audit.record(this.entry(operator, agency.id, 'platform_admin.agency_suspended', { reason }), manager);
    });
    return this.get(agency.id);
  }

  /** Sign-in works again at once; held posts publish and held emails go on the next sweeps. */
  async restore(operator: OperatorContext, agencyId: string): Promise<AdminAgencyDto> {
    const agency = await this.find(agencyId);
    await this.db.transaction(async (manager) => {
      const restored = await manager
        .getRepository(Agency)
        .update({ id: agency.id, status: 'suspended' }, { status: 'active', suspendedAt: null, suspendedReason: null });
      if ((restored.affected ?? 0) !== 1) throw new ConflictException('This agency is not suspended');
      await this.audit.record(
        this.entry(operator, agency.id, 'platform_admin.agency_restored', { suspendedReason: agency.suspendedReason }),
        manager,
      );
    });
    return this.get(agency.id);
  }

  private filtered(query: AdminAgencyQueryDto): SelectQueryBuilder<Agency> {
    const builder = this.db.getRepository(Agency).createQueryBuilder('a');
    if (query.status) builder.andWhere('a.status = :status', { status: query.status });
    if (query.plan) builder.andWhere('a.plan = :plan', { plan: query.plan });
    if (query.q) {
      const owners = builder
        .subQuery()
        .select('1')
        .from(AgencyMembership, 'm')
        .innerJoin(User, 'u', 'u.id = m.userId')
        .where('m.agencyId = a.id')
        .andWhere("m.role = 'owner'")
        .andWhere("LOWER(u.email) LIKE :pattern ESCAPE '!'")
        .getQuery();
      builder.andWhere(
        `(LOWER(a.name) LIKE :pattern ESCAPE '!' OR LOWER(a.slug) LIKE :pattern ESCAPE '!' OR EXISTS ${owners})`,
        { pattern: containsPattern(query.q) },
      );
    }
    return builder;
  }

  private async find(agencyId: string): Promise<Agency> {
    const agency = await this.db.getRepository(Agency).findOneBy({ id: agencyId });
    if (!agency) throw new NotFoundException('Agency not found');
    return agency;
  }

  /** The agencies with their owners and counts: one grouped query each, for the whole page. */
  private async described(agencies: Agency[]): Promise<AdminAgencyDto[]> {
    if (agencies.length === 0) return [];
    const ids = agencies.map((agency) => agency.id);
    const [owners, clients, users, posts, storage, emails] = await Promise.all([
      this.owners(ids),
      this.grouped(Client, ids, 'COUNT(*)', (q) => q.andWhere('t.deletedAt IS NULL')),
      this.grouped(User, ids, 'COUNT(*)'),
      this.grouped(Post, ids, 'COUNT(*)'),
      this.grouped(MediaAsset, ids, 'COALESCE(SUM(t.size), 0)'),
      this.grouped(OutboxEmail, ids, 'COUNT(*)', (q) =>
        q
          .andWhere("t.status = 'sent'")
          .andWhere('t.sentAt >= :since', { since: new Date(Date.now() - THIRTY_DAYS_MS) }),
      ),
    ]);
    return agencies.map((agency) => {
      const counts: AgencyCountsDto = {
        clients: clients.get(agency.id) ?? 0,
        users: users.get(agency.id) ?? 0,
        posts: posts.get(agency.id) ?? 0,
        storageBytes: storage.get(agency.id) ?? 0,
        emailsSent30d: emails.get(agency.id) ?? 0,
      };
      return {
        id: agency.id,
        name: agency.name,
        slug: agency.slug,
        plan: agency.plan,
        status: agency.status,
        createdAt: agency.createdAt.toISOString(),
        suspendedAt: agency.suspendedAt?.toISOString() ?? null,
        suspendedReason: agency.suspendedReason,
        owner: owners.get(agency.id) ?? null,
        counts,
      };
    });
  }

  private async grouped(
    entity: typeof Client | typeof User | typeof Post | typeof MediaAsset | typeof OutboxEmail,
    agencyIds: string[],
    aggregate: string,
    narrow: (query: SelectQueryBuilder<object>) => SelectQueryBuilder<object> = (query) => query,
  ): Promise<Map<string, number>> {
    const query = this.db
      .createQueryBuilder()
      .select('t.agencyId', 'agencyId')
      .addSelect(aggregate, 'value')
      .from(entity, 't')
      .where('t.agencyId IN (:...agencyIds)', { agencyIds });
    const rows = await narrow(query).groupBy('t.agencyId').getRawMany<{ agencyId: string; value: string | number }>();
    return new Map(rows.map((row) => [row.agencyId, Number(row.value)]));
  }

  /** The first owner of each agency (an agency has one; ownership can be handed over, never shared). */
  private async owners(agencyIds: string[]): Promise<Map<string, AgencyOwnerDto>> {
    const memberships = await this.db.getRepository(AgencyMembership).find({
      where: { agencyId: In(agencyIds), role: 'owner' },
      relations: { user: true },
      order: { createdAt: 'ASC' },
    });
    const owners = new Map<string, AgencyOwnerDto>();
    for (const membership of memberships) {
      if (membership.user && !owners.has(membership.agencyId)) {
        owners.set(membership.agencyId, { name: membership.user.name, email: membership.user.email });
      }
    }
    return owners;
  }

  private entry(operator: OperatorContext, agencyId: string, action: string, details: Record<string, unknown>) {
    return {
      action,
      agencyId,
      actorUserId: null,
      targetType: 'agency',
      targetId: agencyId,
      meta: operator,
      details: { ...operatorDetails({ id: operator.operatorId, email: operator.email }), ...details },
    };
  }
}
