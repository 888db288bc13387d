import type { AgencyRole, ClientRole } from './roles';
import type { ClientPermission } from './permissions';
import type { PlanEntitlements } from './plans';

/** Status of a person in a client's or the agency's user list (SPEC §2). */
export type MemberStatus = 'invited' | 'active' | 'expired' | 'deactivated';

export interface ClientSummary {
  id: string;
  name: string;
  permissions: ClientPermission[];
  counts: { invited: number; joined: number; active: number };
  createdAt: string;
}

export interface CreateClientRequest {
  name: string;
  permissions?: ClientPermission[];
}

export interface UpdateClientRequest {
  name?: string;
  permissions?: ClientPermission[];
}

/** One row of a user list: a person with an account, or a pending/expired invitation. */
export interface MemberRow<Role extends string = ClientRole> {
  /** The user id for people with an account, the invitation id for invitations. */
  id: string;
  kind: 'user' | 'invitation';
  name: string;
  email: string;
  role: Role;
  status: MemberStatus;
  /** Last sign-in or activity; null when never. */
  lastActiveAt: string | null;
  /** For invitations: when the link stops working. */
  expiresAt: string | null;
}

export type ClientMemberRow = MemberRow<ClientRole>;
export type TeamMemberRow = MemberRow<AgencyRole>;

export interface InviteRequest<Role extends string = ClientRole> {
  name: string;
  email: string;
  role: Role;
}

export interface ChangeRoleRequest<Role extends string = ClientRole> {
  role: Role;
}

/** Why the Invite action is not available, in words the UI shows as they are. */
export interface InviteAvailability {
  allowed: boolean;
  reasons: string[];
}

export interface AgencyDashboardResponse {
  agency: { id: string; name: string; plan: string; entitlements: PlanEntitlements };
  portalUrl: string;
  invite: InviteAvailability;
  totals: { clients: number; invited: number; joined: number };
  clients: Array<{ id: string; name: string; invited: number; joined: number }>;
  /** What someone should look at: connections to renew and posts that did not go out. */
  attention: DashboardAttention;
}

export interface DashboardAttention {
  accountsNeedingReconnect: number;
  /** Connections that end within a week and cannot renew themselves. */
  accountsExpiringSoon: number;
  /** Posts that failed in the last 14 days. */
  failedPosts: number;
}

export interface BulkUsersRequest {
  userIds: string[];
}

/** The most people one "login email" request may name (POST /client-users/login-emails). */
export const MAX_LOGIN_EMAILS_PER_REQUEST = 1000;

/** Outcome of a bulk action: how many were done, and which ids were skipped (not found). */
export interface BulkResult {
  done: number;
  skipped: string[];
}

export interface MagicLinkResponse {
  /** The one-time sign-in URL, for the agency to pass on (e.g. by text message). */
  url: string;
  expiresAt: string;
}

/** What the invitation page shows before the person accepts. */
export interface InvitationPreview {
  status: 'pending' | 'expired' | 'revoked' | 'accepted';
  agencyName: string;
  clientName: string | null;
  audience: 'agency' | 'client';
  name: string;
  email: string;
  role: string;
  /** The email already has an account: accepting asks for its password instead of a new one. */
  existingAccount: boolean;
  expiresAt: string;
}

export interface AcceptInvitationRequest {
  token: string;
  name: string;
  password: string;
}

export interface TeamResponse {
  members: TeamMemberRow[];
  invite: InviteAvailability;
}

export interface PortalTeamResponse {
  client: { id: string; name: string };
  members: ClientMemberRow[];
}
