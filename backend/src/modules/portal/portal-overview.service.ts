import { Injectable } from '@nestjs/common';
import type { PortalOverviewResponse } from '@atrium/shared';
import type { ClientContext } from '../../core/auth/request-context';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope } from '../../core/tenancy/tenant-scope';

/** The portal home: who the caller is, for which client of which agency. */
@Injectable()
export class PortalOverviewService {
  constructor(private readonly tenant: TenantData) {}

  async overview(ctx: ClientContext): Promise<PortalOverviewResponse> {
    // The agency and the caller's own account belong to the agency as a whole, which the client
    // scope cannot read: both are read by id within the caller's agency.
    const scope = agencyScope(ctx.agencyId);
    const agency = await this.tenant.findOwned(scope, Agency, ctx.agencyId);
    const user = await this.tenant.findOwned(scope, User, ctx.userId);
    const { client } = ctx;
    return {
      agency: { name: agency.name },
      client: {
        id: client.clientId,
        name: client.clientName,
        role: client.role,
        permissions: client.permissions,
      },
      user: { name: user.name, timezone: user.timezone },
    };
  }
}
