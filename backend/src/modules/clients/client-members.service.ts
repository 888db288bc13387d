import { Injectable, NotFoundException } from '@nestjs/common';
import { In } from 'typeorm';
import type { BulkResult, ClientRole } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { TenantData, type TenantTransaction } from '../../core/tenancy/tenant-data';
import { agencyScope, type Actor, type TenantScope } from '../../core/tenancy/tenant-scope';
import { OneTimeTokenService } from '../auth/one-time-token.service';
import { SessionService } from '../auth/session.service';
import { InvitationsService } from '../invitations/invitations.service';
import { type AnyMemberRow, MemberDirectoryService } from '../members/member-directory.service';

/**
 * Managing the people of one client: change role, remove. The agency acts with its agency scope
 * (any client of theirs), a client admin with their client scope (their own client only): the
 * same methods, the scope deciding what is reachable. Changes apply on the person's next request
 * because access is re-read from the database every time.
 */
@Injectable()
export class ClientMembersService {
  constructor(
    private readonly tenant: TenantData,
    private readonly directory: MemberDirectoryService,
    private readonly invitations: InvitationsService,
    private readonly sessions: SessionService,
    private readonly tokens: OneTimeTokenService,
    private readonly audit: AuditService,
  ) {}

  async changeRole(actor: Actor, clientId: string, userId: string, role: ClientRole): Promise<AnyMemberRow> {
    const membership = await this.activeMembership(actor.scope, clientId, userId);
    await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(actor.scope, ClientMembership, { id: membership.id }, { role });
      // An admin made a member loses the right to invite: their open invitations die with it.
      if (role === 'member') await this.invitations.revokeSentBy(tx, actor.scope, clientId, userId);
      await this.audit.recordFor(
        actor,
        {
          action: 'client_user.role_changed',
          targetType: 'user',
          targetId: userId,
          details: { clientId, from: membership.role, to: role },
        },
        tx,
      );
    });
    return this.row(actor.scope, clientId, userId);
  }

  /** Immediate and silent (SPEC §2): no email; the person's next request is refused. */
  async remove(actor: Actor, clientId: string, userId: string): Promise<void> {
    const membership = await this.activeMembership(actor.scope, clientId, userId);
    await this.tenant.transaction((tx) => this.deactivate(tx, actor, membership));
  }

  /** Removes the client's people among `userIds`; ids that are not (or not reachable) are skipped. */
  async bulkRemove(actor: Actor, clientId: string, userIds: string[]): Promise<BulkResult> {
    await this.tenant.liveClient(actor.scope, clientId);
    const memberships = await this.tenant.listOwned(actor.scope, ClientMembership, {
      where: { clientId, userId: In(userIds), status: 'active' },
    });
    await this.tenant.transaction(async (tx) => {
      for (const membership of memberships) await this.deactivate(tx, actor, membership);
    });
    const done = new Set(memberships.map((m) => m.userId));
    return { done: done.size, skipped: userIds.filter((id) => !done.has(id)) };
  }

  /**
   * When a person has no active client left, their sessions and outstanding magic links die too,
   * so nothing issued before the change still works.
   */
  async endAccessIfLast(tx: TenantTransaction, scope: TenantScope, userId: string): Promise<void> {
    // Whether they keep a client anywhere in the agency: wider than a client admin's own client.
    const remaining = await tx.countOwned(agencyScope(scope.agencyId), ClientMembership, {
      userId,
      status: 'active',
    });
    if (remaining > 0) return;
    await this.sessions.revokeAllForUser(userId, 'access_removed', tx);
    await this.tokens.spendMagicLinks(tx, userId);
  }

  async row(scope: TenantScope, clientId: string, userId: string): Promise<AnyMemberRow> {
    const row = await this.directory.clientMember(scope, clientId, userId);
    if (!row) throw new NotFoundException('User not found');
    return row;
  }

  private async deactivate(tx: TenantTransaction, actor: Actor, membership: ClientMembership): Promise<void> {
    await tx.updateOwned(actor.scope, ClientMembership, { id: membership.id }, { status: 'deactivated' });
    // Removed, they lose the right to invite too: nobody joins on the authority of someone who no longer has it.
    await this.invitations.revokeSentBy(tx, actor.scope, membership.clientId, membership.userId);
    await this.endAccessIfLast(tx, actor.scope, membership.userId);
    await this.audit.recordFor(
      actor,
      {
        action: 'client_user.removed',
        targetType: 'user',
        targetId: membership.userId,
        details: { clientId: membership.clientId },
      },
      tx,
    );
  }

  /** An active person of a live client of the scope, or 404 (the client's, then the person's). */
  private async activeMembership(scope: TenantScope, clientId: string, userId: string): Promise<ClientMembership> {
    await this.tenant.liveClient(scope, clientId);
    const membership = await this.tenant.findOneOwned(scope, ClientMembership, {
      where: { clientId, userId, status: 'active' },
    });
    if (!membership) throw new NotFoundException('User not found');
    return membership;
  }
}
