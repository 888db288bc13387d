import type { AnyMemberRow } from '../members/member-directory.service';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TeamResponse } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import type { AgencyContext } from '../../core/auth/request-context';
import { EntitlementsService } from '../agencies/entitlements.service';
import { SessionService } from '../auth/session.service';
import { MemberDirectoryService } from '../members/member-directory.service';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import type { TeamInviteRole } from '../clients/dto/clients.dto';

/** The agency's own people (SPEC §2 Team): owner and admins manage admins and members. */
@Injectable()
export class TeamService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: MemberDirectoryService,
    private readonly entitlements: EntitlementsService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: AgencyContext): Promise<TeamResponse> {
    return {
      members: (await this.directory.teamMembers(ctx.agencyId)) as TeamResponse['members'],
      invite: await this.entitlements.inviteAvailability(ctx.agencyId, 'agency'),
    };
  }

  async changeRole(ctx: AgencyContext, userId: string, role: TeamInviteRole): Promise<AnyMemberRow> {
    const membership = await this.changeable(ctx, userId);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(AgencyMembership).update({ id: membership.id }, { role });
      await this.audit.record(
        {
          action: 'team.role_changed',
          agencyId: ctx.agencyId,
          actorUserId: ctx.userId,
          targetType: 'user',
          targetId: userId,
          meta: ctx,
          details: { from: membership.role, to: role },
        },
        manager,
      );
    });
    const row = await this.directory.teamMember(ctx.agencyId, userId);
    if (!row) throw new NotFoundException('User not found');
    return row;
  }

  async remove(ctx: AgencyContext, userId: string): Promise<void> {
    const membership = await this.changeable(ctx, userId);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(AgencyMembership).update({ id: membership.id }, { status: 'deactivated' });
      await this.sessions.revokeAllForUser(userId, 'access_removed', manager);
      await this.audit.record(
        {
          action: 'team.removed',
          agencyId: ctx.agencyId,
          actorUserId: ctx.userId,
          targetType: 'user',
          targetId: userId,
          meta: ctx,
        },
        manager,
      );
    });
  }

  private async changeable(ctx: AgencyContext, userId: string): Promise<AgencyMembership> {
    const membership = await this.db
      .getRepository(AgencyMembership)
      .findOneBy({ agencyId: ctx.agencyId, userId, status: 'active' });
    if (!membership) throw new NotFoundException('User not found');
    if (membership.role === 'owner') throw new ForbiddenException('The owner cannot be changed or removed.');
    if (userId === ctx.userId) throw new ConflictException('You cannot change or remove yourself.');
    return membership;
  }
}
