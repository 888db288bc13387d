import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import type { MemberRow, MemberStatus } from '@atrium/shared';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { Session } from '../../core/tenancy/entities/session.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import type { TenantScope } from '../../core/tenancy/tenant-scope';
import { InvitationsService } from '../invitations/invitations.service';

/** A row of either list: client roles or agency roles. */
export type AnyMemberRow = MemberRow<string>;

interface PersonRow {
  userId: string;
  name: string;
  email: string;
  role: string;
  membershipStatus: string;
  userStatus: string;
  lastLoginAt: Date | string | null;
  lastSeenAt: Date | string | null;
}

/**
 * The people lists of a client (its people and its open invitations) and of the agency's team.
 * Status follows SPEC §2: Invited, Active, Expired, Deactivated. The agency reads any client's
 * list with its agency scope; a client admin reads their own client's with their client scope.
 */
@Injectable()
export class MemberDirectoryService {
  constructor(
    private readonly tenant: TenantData,
    private readonly invitations: InvitationsService,
  ) {}

  async clientMembers(scope: TenantScope, clientId: string): Promise<AnyMemberRow[]> {
    await this.tenant.liveClient(scope, clientId);
    const people = await this.people(this.tenant.query(scope, ClientMembership, 'm'))
      .where('m.clientId = :clientId', { clientId })
      .getRawMany<PersonRow>();
    const invitations = await this.invitations.openRows(scope, { audience: 'client', clientId });
    return sortRows([...people.map(toPersonRow), ...invitations]);
  }

  async teamMembers(scope: TenantScope): Promise<AnyMemberRow[]> {
    const people = await this.people(this.tenant.query(scope, AgencyMembership, 'm')).getRawMany<PersonRow>();
    const invitations = await this.invitations.openRows(scope, { audience: 'agency' });
    return sortRows([...people.map(toPersonRow), ...invitations]);
  }

  /** One row, for answers to actions on a single person. */
  async clientMember(scope: TenantScope, clientId: string, userId: string): Promise<AnyMemberRow | null> {
    return (await this.clientMembers(scope, clientId)).find((row) => row.kind === 'user' && row.id === userId) ?? null;
  }

  async teamMember(scope: TenantScope, userId: string): Promise<AnyMemberRow | null> {
    return (await this.teamMembers(scope)).find((row) => row.kind === 'user' && row.id === userId) ?? null;
  }

  /** The person behind each membership (`m`) of the scope, with when they were last seen. */
  private people<T extends ClientMembership | AgencyMembership>(memberships: SelectQueryBuilder<T>) {
    return (
      memberships
        .innerJoin(User, 'u', 'u.id = m.userId AND u.agencyId = m.agencyId')
        .select([
          'u.id AS userId',
          'u.name AS name',
          'u.email AS email',
          'm.role AS role',
          'm.status AS membershipStatus',
          'u.status AS userStatus',
          'u.lastLoginAt AS lastLoginAt',
        ])
        // Sessions record their last use at every refresh: the best "last active" without a write per request.
        // An agency user viewing the portal as the person ("View as client") is not the person being active.
        .addSelect(
          (sessions) =>
            sessions
              .select('MAX(s.lastUsedAt)')
              .from(Session, 's')
              .where('s.userId = u.id')
              .andWhere('s.viewerUserId IS NULL'),
          'lastSeenAt',
        )
    );
  }
}

function toPersonRow(row: PersonRow): AnyMemberRow {
  const lastLogin = toDate(row.lastLoginAt);
  const lastSeen = toDate(row.lastSeenAt);
  const lastActive = lastLogin && lastSeen ? (lastLogin > lastSeen ? lastLogin : lastSeen) : (lastLogin ?? lastSeen);
  return {
    id: row.userId,
    kind: 'user',
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.membershipStatus === 'active' && row.userStatus === 'active' ? 'active' : 'deactivated',
    lastActiveAt: lastActive ? lastActive.toISOString() : null,
    expiresAt: null,
  };
}

/** Raw SQL values: mysql2 gives Date objects, better-sqlite3 gives UTC strings. */
function toDate(value: Date | string | null): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const STATUS_ORDER: Record<MemberStatus, number> = { active: 0, invited: 1, expired: 2, deactivated: 3 };

function sortRows(rows: AnyMemberRow[]): AnyMemberRow[] {
  return rows.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name));
}
