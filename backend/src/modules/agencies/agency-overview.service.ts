import { Injectable, NotFoundException } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { WEB_PATHS, type AgencyOverviewResponse } from '@atrium/shared';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { PortalAddressService } from '../domains/portal-address.service';
import type { AgencyScope } from '../../core/tenancy/tenant-scope';

/** The caller's agency at a glance: plan, owner, counts, portal URL. */
@Injectable()
export class AgencyOverviewService {
  constructor(
    private readonly addresses: PortalAddressService,
    private readonly tenant: TenantData,
  ) {}

  async overview(scope: AgencyScope): Promise<AgencyOverviewResponse> {
    const agency = await this.tenant.findOwned(scope, Agency, scope.agencyId, { notFound: 'Agency not found' });
    const ownership = await this.tenant.findOneOwned(scope, AgencyMembership, { where: { role: 'owner' } });
    // Every agency has an owner from sign-up on; without one there is nothing to show.
    if (!ownership) throw new NotFoundException('Agency owner not found');
    const owner = await this.tenant.findOwned(scope, User, ownership.userId, { notFound: 'Agency owner not found' });
    const [clients, agencyUsers, clientUsers] = await Promise.all([
      this.tenant.countOwned(scope, Client, { deletedAt: IsNull() }),
      this.tenant.countOwned(scope, AgencyMembership, { status: 'active' }),
      this.tenant
        .query(scope, ClientMembership, 'm')
        .select('COUNT(DISTINCT m.userId)', 'count')
        .andWhere("m.status = 'active'")
        .getRawOne<{ count: string | number }>()
        .then((row) => Number(row?.count ?? 0)),
    ]);
    return {
      agency: {
        id: agency.id,
        name: agency.name,
        plan: agency.plan,
        createdAt: agency.createdAt.toISOString(),
      },
      owner: {
        name: owner.name,
        email: owner.email,
        emailConfirmed: owner.emailConfirmedAt !== null,
      },
      counts: { clients, agencyUsers, clientUsers },
      // Where the agency's clients sign in: its custom domain when active, else its slug address.
      portalUrl: await this.addresses.link(scope.agencyId, WEB_PATHS.login),
    };
  }
}
