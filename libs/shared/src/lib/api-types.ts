import type { AgencyRole, Audience, ClientRole } from './roles';
import type { ClientPermission } from './permissions';
import type { MeViewAs } from './view-as-api';

/** The one error shape every endpoint answers with (SPEC §7). */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Validation errors: one entry per offending field. */
  details?: ApiFieldError[];
  /**
   * The request's id (also its `X-Request-Id` header), for finding its log lines. Every error the
   * server answers has one; errors made in the browser (no connection) do not.
   */
  requestId?: string;
}

export interface ApiFieldError {
  field: string;
  messages: string[];
}

export interface SignupRequest {
  agencyName: string;
  name: string;
  email: string;
  password: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface TokenRequest {
  token: string;
}

export interface EmailRequest {
  email: string;
}

export interface ResetPasswordRequest {
  token: string;
  password: string;
}

/** A plain acknowledgement; worded so it never reveals whether an account exists. */
export interface MessageResponse {
  message: string;
}

export interface SessionResponse {
  /** Short-lived bearer token; the refresh token travels only in an httpOnly cookie. */
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  me: MeResponse;
}

export interface MeAgency {
  id: string;
  name: string;
  /** Agency users: whether the plan includes contracts (the workspace shows Contracts only then). */
  contracts?: boolean;
}

export interface MeClient {
  id: string;
  name: string;
  role: ClientRole;
  /** Effective permissions: the client's, narrowed by the user's role. */
  permissions: ClientPermission[];
}

export interface MeResponse {
  id: string;
  name: string;
  email: string;
  emailConfirmed: boolean;
  timezone: string;
  /** A short-lived signed URL of the profile picture (square thumbnail); null when none is set. */
  avatarUrl: string | null;
  /** An email change waiting for its confirmation link to be opened. */
  pendingEmail: string | null;
  audience: Audience;
  agency: MeAgency;
  /** Set for agency users. */
  agencyRole: AgencyRole | null;
  /** Set for client users: every client of the agency they belong to. */
  clients: MeClient[];
  /** Set only while an agency user views the portal as this client user ("View as client"). */
  viewAs?: MeViewAs;
}

export interface AgencyOverviewResponse {
  agency: { id: string; name: string; plan: string; createdAt: string };
  owner: { name: string; email: string; emailConfirmed: boolean };
  counts: { clients: number; agencyUsers: number; clientUsers: number };
  portalUrl: string;
}

export interface PortalOverviewResponse {
  agency: { name: string };
  client: MeClient;
  user: { name: string; timezone: string };
}

export interface HealthResponse {
  status: 'ok' | 'error';
  checks?: Record<string, { status: 'up' | 'down'; detail?: string }>;
}

export interface DevMailboxEntry {
  id: string;
  to: string;
  subject: string;
  status: string;
  createdAt: string;
  text: string;
  html: string;
}

export interface Paginated<T> {
  items: T[];
  /** Opaque cursor for the next page, or null on the last page. */
  nextCursor: string | null;
}
