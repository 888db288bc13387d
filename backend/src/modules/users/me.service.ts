import { Injectable, NotFoundException } from '@nestjs/common';
import type { MeResponse } from '@atrium/shared';
import type { RequestContext } from '../../core/auth/request-context';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope } from '../../core/tenancy/tenant-scope';
import { ProfilePicturesService } from '../media/profile-pictures.service';

@Injectable()
export class MeService {
  constructor(
    private readonly tenant: TenantData,
    private readonly pictures: ProfilePicturesService,
  ) {}

  async describe(context: RequestContext): Promise<MeResponse> {
    // The caller's own row: people belong to the agency as a whole, whichever client they act for.
    const scope = agencyScope(context.agencyId);
    const user = await this.tenant.findOwnedOrNull(scope, User, context.userId);
    const agency = await this.tenant.findOwnedOrNull(scope, Agency, context.agencyId);
    if (!user || !agency) throw new NotFoundException('Account not found');
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      emailConfirmed: user.emailConfirmedAt !== null,
      timezone: user.timezone,
      avatarUrl: await this.pictures.url(scope, user),
      pendingEmail: user.pendingEmail,
      audience: context.audience,
      agency: { id: agency.id, name: agency.name },
      agencyRole: context.audience === 'agency' ? context.agencyRole : null,
      clients:
        context.audience === 'client'
          ? context.memberships.map((m) => ({
              id: m.clientId,
              name: m.clientName,
              role: m.role,
              permissions: m.permissions,
            }))
          : [],
      // Only during "View as client": the portal shows whose eyes these are.
      ...(context.audience === 'client' && context.viewer ? { viewAs: { viewerName: context.viewer.name } } : {}),
    };
  }
}
