import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { effectiveClientPermissions, type AgencyRole, type ClientRole } from '@atrium/shared';
import type { ClientContext, ClientMembershipSummary, RequestContext, RequestMeta } from '../auth/request-context';
import { preparedRead } from '../database/prepared-read';
import { rawDate } from '../database/raw-values';
import type { AgencyStatus } from './entities/agency.entity';
import { Client } from './entities/client.entity';
import { ClientMembership } from './entities/client-membership.entity';
import { Session } from './entities/session.entity';
import { TenantData } from './tenant-data';
import { agencyScope, clientScope } from './tenant-scope';

/** The caller's columns: the user, their agency, and their active membership(s) — one row per client. */
const CALLER_COLUMNS = `u.id AS userId, u.kind AS kind, u.agencyId AS agencyId, u.name AS name, u.email AS email,
  u.timezone AS timezone, u.emailConfirmedAt AS emailConfirmedAt, u.pendingEmail AS pendingEmail,
  u.avatarAssetId AS avatarAssetId, ag.name AS agencyName, ag.plan AS agencyPlan, ag.status AS agencyStatus,
  am.role AS agencyRole,
  c.id AS clientId, c.name AS clientName, c.permissions AS clientPermissions, cm.role AS clientRole`;

/**
 * Only active memberships and clients not deleted count; the rest join to NULL. A suspended agency
 * is read too, so that its users can be told why they are refused (see `suspendedAudience`).
 */
const CALLER_JOINS = `JOIN agencies ag ON ag.id = u.agencyId
  LEFT JOIN agency_memberships am
    ON u.kind = 'agency' AND am.userId = u.id AND am.agencyId = u.agencyId AND am.status = 'active'
  LEFT JOIN client_memberships cm
    ON u.kind = 'client' AND cm.userId = u.id AND cm.agencyId = u.agencyId AND cm.status = 'active'
  LEFT JOIN clients c ON c.id = cm.clientId AND c.agencyId = u.agencyId AND c.deletedAt IS NULL`;

const USER_SQL = `SELECT ${CALLER_COLUMNS}
  FROM users u ${CALLER_JOINS}
  WHERE u.id = ? AND u.status = 'active'
  ORDER BY c.name ASC`;

/** The session, its user as above, and for "View as client" the agency user viewing and their membership. */
const SESSION_SQL = `SELECT ${CALLER_COLUMNS}, s.expiresAt AS expiresAt, s.host AS host,
  s.viewerUserId AS viewerUserId, s.viewedClientId AS viewedClientId,
  v.agencyId AS viewerAgencyId, v.name AS viewerName, vm.id AS viewerMembershipId
  FROM sessions s
  JOIN users u ON u.id = s.userId AND u.status = 'active'
  ${CALLER_JOINS}
  LEFT JOIN users v ON v.id = s.viewerUserId AND v.kind = 'agency' AND v.status = 'active'
  LEFT JOIN agency_memberships vm ON vm.userId = v.id AND vm.agencyId = v.agencyId AND vm.status = 'active'
  WHERE s.id = ? AND s.userId = ? AND s.revokedAt IS NULL
  ORDER BY c.name ASC`;

interface CallerRow {
  userId: string;
  kind: 'agency' | 'client';
  agencyId: string;
  name: string;
  email: string;
  timezone: string;
  emailConfirmedAt: Date | string | null;
  pendingEmail: string | null;
  avatarAssetId: string | null;
  agencyName: string;
  agencyPlan: string;
  agencyStatus: AgencyStatus;
  agencyRole: AgencyRole | null;
  clientId: string | null;
  clientName: string | null;
  clientPermissions: string | null;
  clientRole: ClientRole | null;
}

interface SessionRow extends CallerRow {
  expiresAt: Date | string;
  host: string | null;
  viewerUserId: string | null;
  viewedClientId: string | null;
  viewerAgencyId: string | null;
  viewerName: string | null;
  viewerMembershipId: string | null;
}

/**
 * Rebuilds the caller's context from the database on every request: the session must be live, the
 * user active, the agency active and the membership active. Roles and permissions come from here,
 * never from the token, so removals, deactivations, client deletion and role changes apply on the
 * next request.
 *
 * All of it is one round trip (the context is read on every authenticated request, so it is the
 * hottest query there is): a hand-written join over the few columns a context needs, in SQL both
 * dialects read alike. It carries the caller's profile too (name, time zone, ...), so `/me` and
 * time-zone aware pages need no query of their own.
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
    const read = await this.readSession(userId, sessionId, meta, requestedClientId);
    return read.suspended ? null : read.context;
  }

  /** The context of a user without a session yet (sign-in, invitation acceptance) or of its own. */
  async forUser(
    userId: string,
    sessionId: string,
    meta: RequestMeta,
    requestedClientId?: string,
  ): Promise<RequestContext | null> {
    const rows = await preparedRead<CallerRow>(this.db, USER_SQL, [userId]);
    return isSuspended(rows) ? null : contextOf(rows, sessionId, meta, requestedClientId);
  }

  /**
   * Why `load` (with a session id) or `forUser` (without) refused a caller, when the only reason is
   * that their agency is suspended: the audience to word the refusal for (a "View as client"
   * session counts as its agency user's). Null when they would be refused anyway. Asked only on
   * the refusal path, so the hot path stays one query.
   */
  async suspendedAudience(userId: string, meta: RequestMeta, sessionId?: string): Promise<'agency' | 'client' | null> {
    if (sessionId) {
      const read = await this.readSession(userId, sessionId, meta);
      if (!read.suspended || !read.context) return null;
      return read.context.audience === 'client' && !read.context.viewer ? 'client' : 'agency';
    }
    const rows = await preparedRead<CallerRow>(this.db, USER_SQL, [userId]);
    return isSuspended(rows) ? (contextOf(rows, 'pending', meta)?.audience ?? null) : null;
  }

  private async readSession(
    userId: string,
    sessionId: string,
    meta: RequestMeta,
    requestedClientId?: string,
  ): Promise<{ context: RequestContext | null; suspended: boolean }> {
    const rows = await preparedRead<SessionRow>(this.db, SESSION_SQL, [sessionId, userId]);
    const session = rows[0];
    const suspended = isSuspended(rows);
    if (!session || (rawDate(session.expiresAt)?.getTime() ?? 0) <= Date.now()) return { context: null, suspended };
    // A session works only on the host that made it: an agency's custom domain, or the installation (null).
    if ((session.host ?? null) !== (meta.portalHost?.hostname ?? null)) return { context: null, suspended };
    const context = session.viewerUserId
      ? this.forViewAs(rows, sessionId, meta, requestedClientId)
      : contextOf(rows, sessionId, meta, requestedClientId);
    return { context, suspended };
  }

  /**
   * "View as client": the client user's own context (so the portal shows exactly what they see),
   * pinned to the one client viewed and read-only, and only while the agency user who opened it is
   * still an active member of that same agency.
   */
  private forViewAs(
    rows: SessionRow[],
    sessionId: string,
    meta: RequestMeta,
    requestedClientId?: string,
  ): ClientContext | null {
    const [session] = rows;
    const viewedClientId = session.viewedClientId;
    if (!session.viewerUserId || !viewedClientId || !session.viewerMembershipId || !session.viewerName) return null;

    const context = contextOf(rows, sessionId, meta, viewedClientId);
    if (context?.audience !== 'client' || context.agencyId !== session.viewerAgencyId) return null;
    // The viewed client gone, or the person no longer in it: the view ends.
    if (context.client.clientId !== viewedClientId) return null;
    return {
      ...context,
      memberships: [context.client],
      // Portal routes answer 404 for any other client, as they do for a client that is not the user's.
      unknownRequestedClient: requestedClientId && requestedClientId !== viewedClientId ? requestedClientId : undefined,
      readOnly: true,
      viewer: { userId: session.viewerUserId, name: session.viewerName },
    };
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

function isSuspended(rows: CallerRow[]): boolean {
  return rows.length > 0 && rows[0].agencyStatus !== 'active';
}

/**
 * The context the caller's rows describe; null when the user or every membership is inactive (the
 * agency's status is the callers' to check: see isSuspended).
 */
function contextOf(
  rows: CallerRow[],
  sessionId: string,
  meta: RequestMeta,
  requestedClientId?: string,
): RequestContext | null {
  const [user] = rows;
  if (!user) return null;
  // On an agency's custom domain only that agency's client users are anyone.
  if (meta.portalHost && (user.kind !== 'client' || user.agencyId !== meta.portalHost.agencyId)) return null;
  const base = {
    userId: user.userId,
    sessionId,
    agencyId: user.agencyId,
    profile: {
      name: user.name,
      email: user.email,
      timezone: user.timezone,
      emailConfirmed: user.emailConfirmedAt !== null,
      pendingEmail: user.pendingEmail,
      avatarAssetId: user.avatarAssetId,
      agencyName: user.agencyName,
      agencyPlan: user.agencyPlan,
    },
    ...meta,
  };

  if (user.kind === 'agency') {
    if (!user.agencyRole) return null;
    return {
      audience: 'agency',
      ...base,
      agencyRole: user.agencyRole,
      scope: agencyScope(user.agencyId, user.agencyRole),
    };
  }

  const memberships: ClientMembershipSummary[] = [];
  for (const row of rows) {
    if (!row.clientId || !row.clientRole || row.clientPermissions === null) continue;
    memberships.push({
      clientId: row.clientId,
      clientName: row.clientName ?? '',
      role: row.clientRole,
      permissions: effectiveClientPermissions(JSON.parse(row.clientPermissions) as never[], row.clientRole),
    });
  }
  if (memberships.length === 0) return null;
  const requested = requestedClientId ? memberships.find((m) => m.clientId === requestedClientId) : undefined;
  const client = requested ?? memberships[0];
  const context: ClientContext = {
    audience: 'client',
    ...base,
    client,
    memberships,
    scope: clientScope(user.agencyId, client.clientId, client.permissions, client.role),
  };
  // Portal routes answer 404 for a client that is not (or no longer) the user's; /me still works.
  if (requestedClientId && !requested) context.unknownRequestedClient = requestedClientId;
  return context;
}
