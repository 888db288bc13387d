import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { entitlementsOf, InviteAvailability, PlanEntitlements } from '@atrium/shared';
import { Client } from '../../core/tenancy/entities/client.entity';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { Agency } from '../../core/tenancy/entities/agency.entity';

/**
 * What the agency's plan allows, and whether inviting is possible right now (SPEC §2, seed 001):
 * inviting needs client management and multi-user entitlements and a confirmed owner email.
 * The reasons are worded for the person who pressed Invite.
 */
@Injectable()
export class EntitlementsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(agencyId: string): Promise<PlanEntitlements> {
    const agency = await this.db.getRepository(Agency).findOneByOrFail({ id: agencyId });
    return entitlementsOf(agency.plan);
  }

  async inviteAvailability(agencyId: string, audience: 'client' | 'agency'): Promise<InviteAvailability> {
    const entitlements = await this.of(agencyId);
    const reasons: string[] = [];
    if (audience === 'client' && !entitlements.clientManagement) {
      reasons.push('Your plan does not include client management. Upgrade to invite client users.');
    }
    if (!entitlements.multiUser) reasons.push('Your plan does not include multiple users. Upgrade to invite people.');
    if (!(await this.ownerEmailConfirmed(agencyId))) {
      reasons.push("Confirm the agency owner's email address first (check the inbox for the confirmation link).");
    }
    return { allowed: reasons.length === 0, reasons };
  }

  async assertCanInvite(agencyId: string, audience: 'client' | 'agency'): Promise<void> {
    const availability = await this.inviteAvailability(agencyId, audience);
    if (!availability.allowed) throw new ForbiddenException(availability.reasons.join(' '));
  }

  async assertCanCreateClient(agencyId: string): Promise<void> {
    const entitlements = await this.of(agencyId);
    if (entitlements.maxClients === null) return;
    const count = await this.db.getRepository(Client).countBy({ agencyId, deletedAt: IsNull() });
    if (count >= entitlements.maxClients) {
      throw new ForbiddenException(
        `Your plan allows ${entitlements.maxClients} client${entitlements.maxClients === 1 ? '' : 's'}. Upgrade to add more.`,
      );
    }
  }

  private async ownerEmailConfirmed(agencyId: string): Promise<boolean> {
    const owner = await this.db
      .getRepository(AgencyMembership)
      .findOneBy({ agencyId, role: 'owner', status: 'active' });
    if (!owner) return false;
    const user = await this.db.getRepository(User).findOneBy({ id: owner.userId, agencyId });
    return Boolean(user?.emailConfirmedAt);
  }
}
