import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { entitlementsOf, WEB_PATHS, type AgencyDashboardResponse } from '@atrium/shared';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { PortalAddressService } from '../domains/portal-address.service';
import type { AgencyScope } from '../../core/tenancy/tenant-scope';
import { InvitationsService } from '../invitations/invitations.service';
import { PostsService } from '../posts/posts.service';
import { SocialAccountsService } from '../social/social-accounts.service';
import { EntitlementsService } from './entitlements.service';

const FAILED_POSTS_WINDOW_MS = 14 * 24 * 3600_000;

/** The agency dashboard (SPEC §2, seed 003): who was invited and who joined, per client and in total. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly addresses: PortalAddressService,
    private readonly tenant: TenantData,
    private readonly entitlements: EntitlementsService,
    private readonly invitations: InvitationsService,
    private readonly socialAccounts: SocialAccountsService,
    private readonly posts: PostsService,
  ) {}

  async forAgency(scope: AgencyScope): Promise<AgencyDashboardResponse> {
    const agency = await this.tenant.findOwned(scope, Agency, scope.agencyId, { notFound: 'Agency not found' });
    const clients = await this.tenant.listOwned(scope, Client, {
      where: { deletedAt: IsNull() },
      order: { name: 'ASC' },
    });
    const invitees = await this.invitations.openInvitees(
      scope,
      clients.map((c) => c.id),
    );
    const joined = await this.tenant
      .query(scope, ClientMembership, 'm')
      .innerJoin(User, 'u', 'u.id = m.userId AND u.agencyId = m.agencyId')
      .innerJoin(Client, 'c', 'c.id = m.clientId AND c.deletedAt IS NULL')
      .select(['m.clientId AS clientId', 'm.userId AS userId'])
      .andWhere("m.status = 'active' AND u.status = 'active' AND u.lastLoginAt IS NOT NULL")
      .getRawMany<{ clientId: string; userId: string }>();
    return {
      agency: { id: agency.id, name: agency.name, plan: agency.plan, entitlements: entitlementsOf(agency.plan) },
      // Where the agency's clients sign in: its custom domain when active, else its slug address.
      portalUrl: await this.addresses.link(scope.agencyId, WEB_PATHS.login),
      invite: await this.entitlements.inviteAvailability(scope, 'client'),
      totals: {
        clients: clients.length,
        invited: new Set(invitees.map((i) => i.email)).size,
        joined: new Set(joined.map((j) => j.userId)).size,
      },
      clients: clients.map((client) => ({
        id: client.id,
        name: client.name,
        invited: invitees.filter((i) => i.clientId === client.id).length,
        joined: joined.filter((j) => j.clientId === client.id).length,
      })),
      attention: await this.attention(scope),
    };
  }

  private async attention(scope: AgencyScope): Promise<AgencyDashboardResponse['attention']> {
    const health = (await this.socialAccounts.list(scope)).map((view) => view.health);
    const failedPosts = await this.posts.countFailedSince(scope, new Date(Date.now() - FAILED_POSTS_WINDOW_MS));
    return {
      accountsNeedingReconnect: health.filter((h) => h === 'needs_reconnect').length,
      accountsExpiringSoon: health.filter((h) => h === 'expiring').length,
      failedPosts,
    };
  }
}
