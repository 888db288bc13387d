import {
  MAX_LOGIN_EMAILS_PER_REQUEST,
  type BulkResult,
  type InviteRequest,
  type MagicLinkResponse,
  type MemberRow,
} from '@atrium/shared';
import type { Observable } from 'rxjs';

export type AnyMemberRow = MemberRow<string>;

export interface RoleOption {
  readonly value: string;
  readonly label: string;
  /** One line on what the role may do, shown under the role picker. */
  readonly description: string;
}

/** Roles inside a client (seed 002): an admin never exceeds the client's permissions. */
export const CLIENT_ROLE_OPTIONS: readonly RoleOption[] = [
  {
    value: 'member',
    label: 'Member',
    description: 'Uses the portal pages this client has. Cannot invite or remove people.',
  },
  {
    value: 'admin',
    label: 'Admin',
    description: 'Also invites and removes people, when the client allows it.',
  },
];

/** Roles an agency owner or admin can give (the owner role is never given by invitation). */
export const TEAM_ROLE_OPTIONS: readonly RoleOption[] = [
  { value: 'member', label: 'Member', description: 'Daily work: clients, posts, media and invitations.' },
  { value: 'admin', label: 'Admin', description: 'Everything but the plan and the ownership of the agency.' },
];

/**
 * Where a list of people comes from and what can be done with it. The agency's client users, the
 * agency team and the portal's Team page share one list component and differ only here; the
 * optional actions exist for client users managed by the agency.
 */
export interface MemberSource {
  readonly list: () => Observable<AnyMemberRow[]>;
  readonly invite: (request: InviteRequest<string>) => Observable<AnyMemberRow>;
  readonly resend: (row: AnyMemberRow) => Observable<AnyMemberRow>;
  readonly revoke: (row: AnyMemberRow) => Observable<void>;
  readonly changeRole: (row: AnyMemberRow, role: string) => Observable<AnyMemberRow>;
  readonly remove: (row: AnyMemberRow) => Observable<void>;
  /** Rows nobody may touch here (the owner, yourself). Everything is manageable when absent. */
  readonly canManage?: (row: AnyMemberRow) => boolean;
  readonly magicLink?: (row: AnyMemberRow) => Observable<MagicLinkResponse>;
  readonly revokeMagicLinks?: (row: AnyMemberRow) => Observable<void>;
  readonly loginEmails?: (rows: readonly AnyMemberRow[]) => Observable<BulkResult>;
  readonly bulkRemove?: (rows: readonly AnyMemberRow[]) => Observable<BulkResult>;
}

export function sameRow(a: AnyMemberRow, b: AnyMemberRow): boolean {
  return a.id === b.id && a.kind === b.kind;
}

/** "2 people" / "1 person". */
export function people(count: number): string {
  return `${count} ${count === 1 ? 'person' : 'people'}`;
}

/**
 * Why a login email cannot go to `count` people in one go, or null when it can: the server takes
 * at most MAX_LOGIN_EMAILS_PER_REQUEST, and saying so here beats its generic "Invalid input".
 */
export function loginEmailSelectionProblem(count: number): string | null {
  if (count <= MAX_LOGIN_EMAILS_PER_REQUEST) {
    return null;
  }
  const most = MAX_LOGIN_EMAILS_PER_REQUEST.toLocaleString('en');
  return `A login email goes to at most ${most} people at a time, and ${count.toLocaleString('en')} are selected. Select fewer and send again.`;
}
