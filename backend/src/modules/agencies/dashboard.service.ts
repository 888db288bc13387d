import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { entitlementsOf, WEB_PATHS, type AgencyDashboardResponse } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { AgencyContext } from '../../core/auth/request-context';
import { Client } from '../clients/entities/client.entity';
import { ClientMembership } from '../clients/entities/client-membership.entity';
import { Invitation } from '../invitations/entities/invitation.entity';
import { User } from '../users/entities/user.entity';
import { EntitlementsService } from './entitlements.service';
import { Agency } from './entities/agency.entity';

/** The agency dashboard (SPEC §2, seed 003): who was invited and who joined, per client and in total. */
@Injectable()
export class DashboardService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly entitlements: EntitlementsService,
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
    };
  }
}
