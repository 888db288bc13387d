import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan, Not } from 'typeorm';
import { entitlementsOf, WEB_PATHS, type AgencyDashboardResponse } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { AgencyContext } from '../../core/auth/request-context';
import { Client } from '../../core/tenancy/entities/client.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { Invitation } from '../invitations/entities/invitation.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { Post } from '../posts/entities/post.entity';
import { SocialAccount } from '../social/entities/social-account.entity';
import { SocialAccountsService } from '../social/social-accounts.service';
import { EntitlementsService } from './entitlements.service';
import { Agency } from '../../core/tenancy/entities/agency.entity';

/** The agency dashboard (SPEC §2, seed 003): who was invited and who joined, per client and in total. */
@Injectable()
export class DashboardService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly entitlements: EntitlementsService,
    private readonly socialAccounts: SocialAccountsService,
  ) {}

  async forAgency(ctx: AgencyContext): Promise<AgencyDashboardResponse> {
    const agencyId = ctx.agencyId;
    const agency = await this.db.getRepository(Agency).findOneByOrFail({ id: agencyId });
    const clients = await this.db
      .getRepository(Client)
      .find({ where: { agencyId, deletedAt: IsNull() }, order: { name: 'ASC' } });
    const invitations = await this.db
      .getRepository(Invitation)
      .findBy({ agencyId, audience: 'client', status: 'pending', expiresAt: MoreThan(new Date()) });
    const joined = await this.db
      .getRepository(ClientMembership)
      .createQueryBuilder('m')
      .innerJoin(User, 'u', 'u.id = m.userId AND u.agencyId = m.agencyId')
      .innerJoin(Client, 'c', 'c.id = m.clientId AND c.deletedAt IS NULL')
      .select(['m.clientId AS clientId', 'm.userId AS userId'])
      .where('m.agencyId = :agencyId', { agencyId })
      .andWhere("m.status = 'active' AND u.status = 'active' AND u.lastLoginAt IS NOT NULL")
      .getRawMany<{ clientId: string; userId: string }>();
    const liveClientIds = new Set(clients.map((c) => c.id));
    const liveInvitations = invitations.filter((i) => i.clientId && liveClientIds.has(i.clientId));
    return {
      agency: { id: agency.id, name: agency.name, plan: agency.plan, entitlements: entitlementsOf(agency.plan) },
      portalUrl: `${this.config.appUrl}${WEB_PATHS.portalHome}`,
      invite: await this.entitlements.inviteAvailability(agencyId, 'client'),
      totals: {
        clients: clients.length,
        invited: new Set(liveInvitations.map((i) => i.email)).size,
        joined: new Set(joined.map((j) => j.userId)).size,
      },
      clients: clients.map((client) => ({
        id: client.id,
        name: client.name,
        invited: liveInvitations.filter((i) => i.clientId === client.id).length,
        joined: joined.filter((j) => j.clientId === client.id).length,
      })),
      attention: await this.attention(agencyId),
    };
  }

  private async attention(agencyId: string): Promise<AgencyDashboardResponse['attention']> {
    const accounts = await this.db.getRepository(SocialAccount).findBy({ agencyId, status: Not('disconnected') });
    const health = (await this.socialAccounts.views(agencyId, accounts)).map((view) => view.health);
    const failedPosts = await this.db.getRepository(Post).countBy({
      agencyId,
      status: 'failed',
      updatedAt: MoreThan(new Date(Date.now() - 14 * 24 * 3600_000)),
    });
    return {
      accountsNeedingReconnect: health.filter((h) => h === 'needs_reconnect').length,
      accountsExpiringSoon: health.filter((h) => h === 'expiring').length,
      failedPosts,
    };
  }
}
