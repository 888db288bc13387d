import type { AnyMemberRow } from '../members/member-directory.service';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { BulkResult, ClientRole } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import type { RequestMeta } from '../../core/auth/request-context';
import { OneTimeToken } from '../auth/entities/one-time-token.entity';
import { SessionService } from '../auth/session.service';
import { MemberDirectoryService } from '../members/member-directory.service';
import { Invitation } from '../invitations/entities/invitation.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';

export interface MemberActor {
  agencyId: string;
  userId: string;
  meta: RequestMeta;
}

/**
 * Managing the people of one client: change role, remove. Used by the agency (any client of
 * theirs) and by client admins (their own client only). Changes apply on the person's next
 * request because access is re-read from the database every time.
 */
@Injectable()
export class ClientMembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: MemberDirectoryService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async changeRole(actor: MemberActor, clientId: string, userId: string, role: ClientRole): Promise<AnyMemberRow> {
    const membership = await this.activeMembership(actor.agencyId, clientId, userId);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(ClientMembership).update({ id: membership.id }, { role });
      if (role === 'member') await this.revokeInvitationsSentBy(manager, membership);
      await this.audit.record(
        {
          action: 'client_user.role_changed',
          agencyId: actor.agencyId,
          actorUserId: actor.userId,
          targetType: 'user',
          targetId: userId,
          meta: actor.meta,
          details: { clientId, from: membership.role, to: role },
        },
        manager,
      );
    });
    return this.row(actor.agencyId, clientId, userId);
  }

  /** Immediate and silent (SPEC §2): no email; the person's next request is refused. */
  async remove(actor: MemberActor, clientId: string, userId: string): Promise<void> {
    const membership = await this.activeMembership(actor.agencyId, clientId, userId);
    await this.db.transaction((manager) => this.deactivate(manager, actor, membership));
  }

  async bulkRemove(actor: MemberActor, clientId: string, userIds: string[]): Promise<BulkResult> {
    const memberships = await this.db
      .getRepository(ClientMembership)
      .findBy({ agencyId: actor.agencyId, clientId, userId: In(userIds), status: 'active' });
    await this.db.transaction(async (manager) => {
      for (const membership of memberships) await this.deactivate(manager, actor, membership);
    });
    const done = new Set(memberships.map((m) => m.userId));
    return { done: done.size, skipped: userIds.filter((id) => !done.has(id)) };
  }

  /**
   * When a person has no active client left, their sessions and outstanding magic links die too,
   * so nothing issued before the change still works.
   */
  async endAccessIfLast(manager: EntityManager, agencyId: string, userId: string): Promise<void> {
    const remaining = await manager.getRepository(ClientMembership).countBy({ agencyId, userId, status: 'active' });
    if (remaining > 0) return;
    await this.sessions.revokeAllForUser(userId, 'access_removed', manager);
    await manager
      .getRepository(OneTimeToken)
      .update({ userId, purpose: 'magic_link', usedAt: IsNull() }, { usedAt: new Date() });
  }

  async row(agencyId: string, clientId: string, userId: string): Promise<AnyMemberRow> {
    const row = await this.directory.clientMember(agencyId, clientId, userId);
    if (!row) throw new NotFoundException('User not found');
    return row;
  }

  /**
   * Invitations a client admin sent stop working when they lose the right to send them (removed or
   * made a member), so nobody joins on the authority of someone who no longer has it.
   */
  private async revokeInvitationsSentBy(manager: EntityManager, membership: ClientMembership): Promise<void> {
    await manager.getRepository(Invitation).update(
      {
        agencyId: membership.agencyId,
        clientId: membership.clientId,
        invitedByUserId: membership.userId,
        status: 'pending',
      },
      { status: 'revoked' },
    );
  }

  private async deactivate(manager: EntityManager, actor: MemberActor, membership: ClientMembership): Promise<void> {
    await manager.getRepository(ClientMembership).update({ id: membership.id }, { status: 'deactivated' });
    await this.revokeInvitationsSentBy(manager, membership);
    await this.endAccessIfLast(manager, actor.agencyId, membership.userId);
    await this.audit.record(
      {
        action: 'client_user.removed',
        agencyId: actor.agencyId,
        actorUserId: actor.userId,
        targetType: 'user',
        targetId: membership.userId,
        meta: actor.meta,
        details: { clientId: membership.clientId },
      },
      manager,
    );
  }

  private async activeMembership(agencyId: string, clientId: string, userId: string): Promise<ClientMembership> {
    const membership = await this.db
      .getRepository(ClientMembership)
      .findOneBy({ agencyId, clientId, userId, status: 'active' });
    if (!membership) throw new NotFoundException('User not found');
    return membership;
  }
}
