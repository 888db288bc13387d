import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { effectiveClientPermissions } from '@atrium/shared';
import type { ClientContext, ClientMembershipSummary, RequestContext, RequestMeta } from '../auth/request-context';
import { Agency } from './entities/agency.entity';
import { Client } from './entities/client.entity';
import { ClientMembership } from './entities/client-membership.entity';
import { AgencyMembership } from './entities/agency-membership.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { TenantData } from './tenant-data';
import { agencyScope, clientScope } from './tenant-scope';

/**
 * Rebuilds the caller's context from the database: the session must be live, the user active, the
 * agency active and the membership active. Roles and permissions come from here, never from the
 * token, so removals, deactivations, client deletion and role changes apply on the next request.
 */
@Injectable()
export class ContextLoader {
  private readonly db;

  constructor(tenant: TenantData) {
    this.db = tenant.unscoped('request context: finds who is calling before any tenant is known');
  }

  async load(
    userId: string,
    sessionId: string,
    meta: RequestMeta,
    requestedClientId?: string,
  ): Promise<RequestContext | null> {
    const session = await this.db.getRepository(Session).findOneBy({ id: sessionId, userId, revokedAt: IsNull() });
    if (!session || session.expiresAt.getTime() <= Date.now()) return null;
    // A session works only on the host that made it: an agency's custom domain, or the installation (null).
    if ((session.host ?? null) !== (meta.portalHost?.hostname ?? null)) return null;
    if (session.viewerUserId) return this.forViewAs(session, meta, requestedClientId);
    return this.forUser(userId, session.id, meta, requestedClientId);
  }

  /**
   * "View as client": the client user's own context (so the portal shows exactly what they see),
   * pinned to the one client viewed and read-only, and only while the agency user who opened it is
   * still an active member of that same agency.
   */
  private async forViewAs(
    session: Session,
    meta: RequestMeta,
    requestedClientId?: string,
  ): Promise<ClientContext | null> {
    const viewedClientId = session.viewedClientId;
    if (!session.viewerUserId || !viewedClientId) return null;
    const viewer = await this.db
      .getRepository(User)
      .findOneBy({ id: session.viewerUserId, kind: 'agency', status: 'active' });
    if (!viewer) return null;
    const membership = await this.db
      .getRepository(AgencyMembership)
      .findOneBy({ userId: viewer.id, agencyId: viewer.agencyId, status: 'active' });
    if (!membership) return null;

    const context = await this.forUser(session.userId, session.id, meta, viewedClientId);
    if (context?.audience !== 'client' || context.agencyId !== viewer.agencyId) return null;
    // The viewed client gone, or the person no longer in it: the view ends.
    if (context.client.clientId !== viewedClientId) return null;
    return {
      ...context,
      memberships: [context.client],
      // Portal routes answer 404 for any other client, as they do for a client that is not the user's.
      unknownRequestedClient: requestedClientId && requestedClientId !== viewedClientId ? requestedClientId : undefined,
      readOnly: true,
      viewer: { userId: viewer.id, name: viewer.name },
    };
  }

  async forUser(
    userId: string,
    sessionId: string,
    meta: RequestMeta,
    requestedClientId?: string,
  ): Promise<RequestContext | null> {
    const user = await this.db.getRepository(User).findOneBy({ id: userId, status: 'active' });
    if (!user) return null;
    // On an agency's custom domain only that agency's client users are anyone.
    if (meta.portalHost && (user.kind !== 'client' || user.agencyId !== meta.portalHost.agencyId)) return null;
    const agency = await this.db.getRepository(Agency).findOneBy({ id: user.agencyId, status: 'active' });
    if (!agency) return null;

    if (user.kind === 'agency') {
      const membership = await this.db
        .getRepository(AgencyMembership)
        .findOneBy({ userId, agencyId: agency.id, status: 'active' });
      if (!membership) return null;
      return {
        audience: 'agency',
        userId,
        sessionId,
        agencyId: agency.id,
        agencyRole: membership.role,
        scope: agencyScope(agency.id, membership.role),
        ...meta,
      };
    }

    const memberships = await this.activeClientMemberships(userId, agency.id);
    if (memberships.length === 0) return null;
    const requested = requestedClientId ? memberships.find((m) => m.clientId === requestedClientId) : undefined;
    const client = requested ?? memberships[0];
    const context: RequestContext = {
      audience: 'client',
      userId,
      sessionId,
      agencyId: agency.id,
      client,
      memberships,
      scope: clientScope(agency.id, client.clientId, client.permissions, client.role),
      ...meta,
    };
    // Portal routes answer 404 for a client that is not (or no longer) the user's; /me still works.
    if (requestedClientId && !requested) context.unknownRequestedClient = requestedClientId;
    return context;
  }

  /** Whether a session is a "View as client" one, live or not (its token may never change anything). */
  async isViewAsSession(sessionId: string): Promise<boolean> {
    return (await this.db.getRepository(Session).countBy({ id: sessionId, viewerUserId: Not(IsNull()) })) > 0;
  }

  /** The clients a client user may act for: active membership in a client that still exists. */
  async activeClientMemberships(userId: string, agencyId: string): Promise<ClientMembershipSummary[]> {
    const rows = await this.db
      .getRepository(ClientMembership)
      .createQueryBuilder('membership')
      .innerJoin(Client, 'client', 'client.id = membership.clientId')
      .select(['membership.clientId AS clientId', 'membership.role AS role', 'client.name AS clientName'])
      .addSelect('client.permissions', 'permissions')
      .where('membership.userId = :userId', { userId })
      .andWhere('membership.agencyId = :agencyId', { agencyId })
      .andWhere('client.agencyId = :agencyId', { agencyId })
      .andWhere("membership.status = 'active'")
      .andWhere('client.deletedAt IS NULL')
      .orderBy('client.name', 'ASC')
      .getRawMany<{
        clientId: string;
        role: 'admin' | 'member';
        clientName: string;
        permissions: string;
      }>();
    return rows.map((row) => ({
      clientId: row.clientId,
      clientName: row.clientName,
      role: row.role,
      permissions: effectiveClientPermissions(JSON.parse(row.permissions) as never[], row.role),
    }));
  }
}
