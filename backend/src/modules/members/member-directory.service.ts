import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MemberRow, MemberStatus } from '@atrium/shared';
import { Session } from '../../core/tenancy/entities/session.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { Invitation } from '../invitations/entities/invitation.entity';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';

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
 * The user lists of a client (its people and its open invitations) and of the agency's team,
 * always read within one agency. Status follows SPEC §2: Invited, Active, Expired, Deactivated.
 */
@Injectable()
export class MemberDirectoryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async clientMembers(agencyId: string, clientId: string): Promise<AnyMemberRow[]> {
    const people = await this.db
      .getRepository(ClientMembership)
      .createQueryBuilder('m')
      .innerJoin(User, 'u', 'u.id = m.userId AND u.agencyId = m.agencyId')
      .select(this.personColumns())
      .addSelect(this.lastSeen(), 'lastSeenAt')
      .where('m.agencyId = :agencyId AND m.clientId = :clientId', { agencyId, clientId })
      .getRawMany<PersonRow>();
    const invitations = await this.db.getRepository(Invitation).findBy({ agencyId, clientId, status: 'pending' });
    return sortRows([...people.map(toPersonRow), ...invitations.map(toInvitationRow)]);
  }

  async teamMembers(agencyId: string): Promise<AnyMemberRow[]> {
    const people = await this.db
      .getRepository(AgencyMembership)
      .createQueryBuilder('m')
      .innerJoin(User, 'u', 'u.id = m.userId AND u.agencyId = m.agencyId')
      .select(this.personColumns())
      .addSelect(this.lastSeen(), 'lastSeenAt')
      .where('m.agencyId = :agencyId', { agencyId })
      .getRawMany<PersonRow>();
    const invitations = await this.db
      .getRepository(Invitation)
      .findBy({ agencyId, audience: 'agency', status: 'pending' });
    return sortRows([...people.map(toPersonRow), ...invitations.map(toInvitationRow)]);
  }

  /** One row, for answers to actions on a single person. */
  async clientMember(agencyId: string, clientId: string, userId: string): Promise<AnyMemberRow | null> {
    return (
      (await this.clientMembers(agencyId, clientId)).find((row) => row.kind === 'user' && row.id === userId) ?? null
    );
  }

  async teamMember(agencyId: string, userId: string): Promise<AnyMemberRow | null> {
    return (await this.teamMembers(agencyId)).find((row) => row.kind === 'user' && row.id === userId) ?? null;
  }

  private personColumns(): string[] {
    return [
      'u.id AS userId',
      'u.name AS name',
      'u.email AS email',
      'm.role AS role',
      'm.status AS membershipStatus',
      'u.status AS userStatus',
      'u.lastLoginAt AS lastLoginAt',
    ];
  }

  /** Sessions record their last use at every refresh: the best "last active" without a write per request. */
  private lastSeen(): string {
    return `(SELECT MAX(s.lastUsedAt) FROM ${this.db.getMetadata(Session).tableName} s WHERE s.userId = u.id)`;
  }
}

export function invitationStatus(invitation: Invitation, now = Date.now()): MemberStatus {
  return invitation.expiresAt.getTime() <= now ? 'expired' : 'invited';
}

export function toInvitationRow(invitation: Invitation): AnyMemberRow {
  return {
    id: invitation.id,
    kind: 'invitation',
    name: invitation.name,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation),
    lastActiveAt: null,
    expiresAt: invitation.expiresAt.toISOString(),
  };
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
