import { Injectable, NotFoundException } from '@nestjs/common';
import { entitlementsOf, type MeResponse } from '@atrium/shared';
import type { RequestContext } from '../../core/auth/request-context';
import { ContextLoader } from '../../core/tenancy/context-loader.service';
import { agencyScope } from '../../core/tenancy/tenant-scope';
import { ProfilePicturesService } from '../media/profile-pictures.service';

@Injectable()
export class MeService {
  constructor(
    private readonly pictures: ProfilePicturesService,
    private readonly contexts: ContextLoader,
  ) {}

  /** The caller once their own change is written: the request's context was read before it. */
  async describeAfterChange(context: RequestContext): Promise<MeResponse> {
    const { userId, sessionId, ip, userAgent, portalHost } = context;
    const client = context.audience === 'client' ? context.client.clientId : undefined;
    const fresh = await this.contexts.forUser(userId, sessionId, { ip, userAgent, portalHost }, client);
    if (!fresh) throw new NotFoundException('Account not found');
    return this.describe(fresh);
  }

  /** The caller as the request's context read them: no query, unless they have a picture to sign. */
  async describe(context: RequestContext): Promise<MeResponse> {
    const { profile } = context;
    // People belong to the agency as a whole, whichever client they act for: so do their pictures.
    const avatarUrl = await this.pictures.url(agencyScope(context.agencyId), {
      id: context.userId,
      avatarAssetId: profile.avatarAssetId,
    });
    return {
      id: context.userId,
      name: profile.name,
      email: profile.email,
      emailConfirmed: profile.emailConfirmed,
      timezone: profile.timezone,
      avatarUrl,
      pendingEmail: profile.pendingEmail,
      audience: context.audience,
      agency: {
        id: context.agencyId,
        name: profile.agencyName,
        // What the workspace offers (a feature the plan lacks gets no navigation entry).
        ...(context.audience === 'agency' ? { contracts: entitlementsOf(profile.agencyPlan).contracts } : {}),
      },
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
