import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { TeamResponse } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import type { Actor, TenantScope } from '../../core/tenancy/tenant-scope';
import { EntitlementsService } from '../agencies/entitlements.service';
import { SessionService } from '../auth/session.service';
import type { TeamInviteRole } from '../clients/dto/clients.dto';
import { type AnyMemberRow, MemberDirectoryService } from '../members/member-directory.service';

/** The agency's own people (SPEC §2 Team): owner and admins manage admins and members. */
@Injectable()
export class TeamService {
  constructor(
    private readonly tenant: TenantData,
    private readonly directory: MemberDirectoryService,
    private readonly entitlements: EntitlementsService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async list(scope: TenantScope): Promise<TeamResponse> {
    return {
      members: (await this.directory.teamMembers(scope)) as TeamResponse['members'],
      invite: await this.entitlements.inviteAvailability(scope, 'agency'),
    };
  }

  async changeRole(actor: Actor, userId: string, role: TeamInviteRole): Promise<AnyMemberRow> {
    const membership = await this.changeable(actor, userId);
    await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(actor.scope, AgencyMembership, { id: membership.id }, { role });
      await this.audit.recordFor(
        actor,
        {
          action: 'team.role_changed',
          targetType: 'user',
          targetId: userId,
          details: { from: membership.role, to: role },
        },
        tx,
      );
    });
    const row = await this.directory.teamMember(actor.scope, userId);
    if (!row) throw new NotFoundException('User not found');
    return row;
  }

  async remove(actor: Actor, userId: string): Promise<void> {
    const membership = await this.changeable(actor, userId);
    await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(actor.scope, AgencyMembership, { id: membership.id }, { status: 'deactivated' });
      await this.sessions.revokeAllForUser(userId, 'access_removed', tx);
      await this.audit.recordFor(actor, { action: 'team.removed', targetType: 'user', targetId: userId }, tx);
    });
  }

  private async changeable(actor: Actor, userId: string): Promise<AgencyMembership> {
    const membership = await this.tenant.findOneOwned(actor.scope, AgencyMembership, {
      where: { userId, status: 'active' },
    });
    if (!membership) throw new NotFoundException('User not found');
    if (membership.role === 'owner') throw new ForbiddenException('The owner cannot be changed or removed.');
    if (userId === actor.userId) throw new ConflictException('You cannot change or remove yourself.');
    return membership;
  }
}
