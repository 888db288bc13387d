import type { AgencyRole, ClientPermission, ClientRole } from '@atrium/shared';

/**
 * The tenant a piece of work acts within. Built once per request from the database (never from
 * token claims) and handed to every service method that touches tenant data, which passes it on to
 * `TenantData`: every read and write then carries the tenant condition by construction.
 *
 * - agency scope: the whole agency (its team's requests, and jobs acting for one agency);
 * - client scope: one client of one agency (portal requests, connect links), with what the
 *   client's people may do there.
 */
export type TenantScope = AgencyScope | ClientScope;

export interface AgencyScope {
  readonly kind: 'agency';
  readonly agencyId: string;
  /** The caller's role; null when the system acts for the agency (scheduler, renewals). */
  readonly role: AgencyRole | null;
}

export interface ClientScope {
  readonly kind: 'client';
  readonly agencyId: string;
  readonly clientId: string;
  /** The caller's role in the client; null for a connect link, which has no person behind it. */
  readonly role: ClientRole | null;
  /** Effective permissions: the client's, narrowed by the role. */
  readonly permissions: readonly ClientPermission[];
}

/**
 * Who acts, and within which tenant: the first argument of service methods that change tenant data
 * (the request context is one; jobs and connect links build their own). The user and the request
 * meta go to the audit log; the scope bounds every query.
 */
export interface Actor {
  readonly scope: TenantScope;
  /** Null when no person acts: a job, or a connect link opened by someone without an account. */
  readonly userId: string | null;
  /** Where the request came from (null for jobs), for the audit log. */
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export function agencyScope(agencyId: string, role: AgencyRole | null = null): AgencyScope {
  return { kind: 'agency', agencyId, role };
}

export function clientScope(
  agencyId: string,
  clientId: string,
  permissions: readonly ClientPermission[],
  role: ClientRole | null = null,
): ClientScope {
  return { kind: 'client', agencyId, clientId, role, permissions };
}

/** The system acting within a scope (no person, no request). */
export function systemActor(scope: TenantScope): Actor {
  return { scope, userId: null, ip: null, userAgent: null };
}

/** The client a scope is narrowed to, or null for an agency scope (which sees every client). */
export function clientOf(scope: TenantScope): string | null {
  return scope.kind === 'client' ? scope.clientId : null;
}
