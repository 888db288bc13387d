import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { VIEW_AS_PATHS, type ViewAsResponse } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import type { Actor, AgencyScope } from '../../core/tenancy/tenant-scope';
import { SessionService } from '../auth/session.service';

/**
 * "View as client": an agency user opens one client's portal as one of its users sees it. What it
 * hands out is a short, read-only session of that user, bound to the agency user who asked (the
 * view ends when they leave the agency) and written to the audit log.
 */
@Injectable()
export class ViewAsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  /** `actor` is an agency user (any role sees every client); a client or person out of reach is a 404. */
  async start(
    actor: Actor & { scope: AgencyScope; userId: string },
    clientId: string,
    userId: string,
  ): Promise<ViewAsResponse> {
    await this.tenant.liveClient(actor.scope, clientId);
    const membership = await this.tenant.findOneOwned(actor.scope, ClientMembership, {
      where: { clientId, userId, status: 'active' },
    });
    const user = membership
      ? await this.tenant.findOwnedOrNull(actor.scope, User, userId, { where: { status: 'active', kind: 'client' } })
      : null;
    if (!user) throw new NotFoundException('User not found');

    const view = await this.tenant.transaction(async (tx) => {
      const started = await this.sessions.startViewAs(
        tx,
        { userId: user.id, viewerUserId: actor.userId, clientId },
        { ip: actor.ip, userAgent: actor.userAgent },
      );
      await this.audit.recordFor(
        actor,
        {
          action: 'portal.viewed_as_client',
          targetType: 'user',
          targetId: user.id,
          details: { clientId, sessionId: started.sessionId, expiresAt: started.expiresAt.toISOString() },
        },
        tx,
      );
      return started;
    });
    return {
      accessToken: view.accessToken,
      expiresIn: view.expiresIn,
      // The agency user opens it, on the installation's host where their workspace is: the session is
      // made for this host, and the portal shows the agency's brand to signed-in client users there.
      portalUrl: `${this.config.appUrl}${VIEW_AS_PATHS.web}`,
    };
  }
}
