import { ForbiddenException, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { entitlementsOf, InviteAvailability, PlanEntitlements } from '@atrium/shared';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope, type AgencyScope, type TenantScope } from '../../core/tenancy/tenant-scope';

/**
 * What the agency's plan allows, and whether inviting is possible right now (SPEC §2, seed 001):
 * inviting needs client management and multi-user entitlements and a confirmed owner email.
 * The reasons are worded for the person who pressed Invite.
 *
 * The plan, the owner and the client limit are facts of the whole agency, so a client scope (a
 * portal admin inviting) gets the answers of its agency.
 */
@Injectable()
export class EntitlementsService {
  constructor(private readonly tenant: TenantData) {}

  async of(scope: TenantScope): Promise<PlanEntitlements> {
    const agency = await this.tenant.findOwned(agencyOf(scope), Agency, scope.agencyId, {
      notFound: 'Agency not found',
    });
    return entitlementsOf(agency.plan);
  }

  async inviteAvailability(scope: TenantScope, audience: 'client' | 'agency'): Promise<InviteAvailability> {
    const entitlements = await this.of(scope);
    const reasons: string[] = [];
    if (audience === 'client' && !entitlements.clientManagement) {
      reasons.push('Your plan does not include client management. Upgrade to invite client users.');
    }
    if (!entitlements.multiUser) reasons.push('Your plan does not include multiple users. Upgrade to invite people.');
    if (!(await this.ownerEmailConfirmed(agencyOf(scope)))) {
      reasons.push("Confirm the agency owner's email address first (check the inbox for the confirmation link).");
    }
    return { allowed: reasons.length === 0, reasons };
  }

  async assertCanInvite(scope: TenantScope, audience: 'client' | 'agency'): Promise<void> {
    const availability = await this.inviteAvailability(scope, audience);
    if (!availability.allowed) throw new ForbiddenException(availability.reasons.join(' '));
  }

  async assertCanCreateClient(scope: TenantScope): Promise<void> {
    const entitlements = await this.of(scope);
    if (entitlements.maxClients === null) return;
    const count = await this.tenant.countOwned(agencyOf(scope), Client, { deletedAt: IsNull() });
    if (count >= entitlements.maxClients) {
      throw new ForbiddenException(
        `Your plan allows ${entitlements.maxClients} client${entitlements.maxClients === 1 ? '' : 's'}. Upgrade to add more.`,
      );
    }
  }

  private async ownerEmailConfirmed(scope: AgencyScope): Promise<boolean> {
    const owner = await this.tenant.findOneOwned(scope, AgencyMembership, {
      where: { role: 'owner', status: 'active' },
    });
    if (!owner) return false;
    const user = await this.tenant.findOwnedOrNull(scope, User, owner.userId);
    return Boolean(user?.emailConfirmedAt);
  }
}

/** The agency of a scope as a whole: where the plan and its limits apply. */
function agencyOf(scope: TenantScope): AgencyScope {
  return scope.kind === 'agency' ? scope : agencyScope(scope.agencyId);
}
