import type { AgencyRole, ClientPermission, ClientRole } from '@atrium/shared';
import type { AgencyScope, ClientScope } from '../tenancy/tenant-scope';

/** Where a request came from; recorded in the audit log and used for per-IP rate limits. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /**
   * The agency's custom domain the request arrived on (resolved from its Host once per request);
   * null or absent: the installation's own address. Sign-in there is for that agency's client
   * users only, and a session is accepted only on the host that made it.
   */
  portalHost?: PortalHost | null;
}

/** An active custom domain and the agency whose portal it serves. */
export interface PortalHost {
  hostname: string;
  agencyId: string;
}

/**
 * The caller as read on this request, with the rest of the context: what `/me`, the portal's header
 * and time-zone aware pages need, so that they ask the database nothing more.
 */
export interface CallerProfile {
  name: string;
  email: string;
  /** IANA time zone the caller's calendars and dates are drawn in. */
  timezone: string;
  emailConfirmed: boolean;
  pendingEmail: string | null;
  avatarAssetId: string | null;
  agencyName: string;
  /** The agency's plan (what it is entitled to: see entitlementsOf). */
  agencyPlan: string;
}

interface BaseContext extends RequestMeta {
  userId: string;
  sessionId: string;
  agencyId: string;
  profile: CallerProfile;
  /** Every write is refused (403) by the global guard: set for "View as client" sessions. */
  readOnly?: true;
}

/** The agency user behind a "View as client" session, re-checked as an active member on every request. */
export interface ViewAsViewer {
  userId: string;
  name: string;
}

export interface AgencyContext extends BaseContext {
  audience: 'agency';
  agencyRole: AgencyRole;
  /** The whole agency: what every service call of this request is bounded by. */
  scope: AgencyScope;
}

export interface ClientMembershipSummary {
  clientId: string;
  clientName: string;
  role: ClientRole;
  /** Effective permissions: the client's, narrowed by the role. */
  permissions: ClientPermission[];
}

export interface ClientContext extends BaseContext {
  audience: 'client';
  /** The client this request acts for (chosen with the X-Atrium-Client header, else the first). */
  client: ClientMembershipSummary;
  memberships: ClientMembershipSummary[];
  /** The client the request asked for with X-Atrium-Client, when it is not one of the user's. */
  unknownRequestedClient?: string;
  /** The chosen client: what every service call of this request is bounded by. */
  scope: ClientScope;
  /** Set when an agency user views the portal as this user ("View as client"); `readOnly` is then set too. */
  viewer?: ViewAsViewer;
}

/**
 * Built fresh from the database on every authenticated request (never from token claims), and
 * passed as the first argument to services that touch tenant data. It is an `Actor`: its `scope`
 * bounds every query, its user and meta go to the audit log.
 */
export type RequestContext = AgencyContext | ClientContext;

/**
 * A platform operator on an admin route (`OperatorRoute`). Not a RequestContext: an operator has no
 * agency and no tenant scope, and services that take a RequestContext can never be handed one.
 */
export interface OperatorContext extends RequestMeta {
  audience: 'operator';
  operatorId: string;
  sessionId: string;
  email: string;
  name: string;
}
