import { Injectable } from '@nestjs/common';
import type { PortalOverviewResponse } from '@atrium/shared';
import type { ClientContext } from '../../core/auth/request-context';

/** The portal home: who the caller is, for which client of which agency (all read with the request's context). */
@Injectable()
export class PortalOverviewService {
  overview(ctx: ClientContext): PortalOverviewResponse {
    const { client, profile } = ctx;
    return {
      agency: { name: profile.agencyName },
      client: {
        id: client.clientId,
        name: client.clientName,
        role: client.role,
        permissions: client.permissions,
      },
      user: { name: profile.name, timezone: profile.timezone },
    };
  }
}
