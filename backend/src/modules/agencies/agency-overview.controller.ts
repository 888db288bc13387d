import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AgencyOverviewResponse, WEB_PATHS } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { Client } from '../../core/tenancy/entities/client.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { DashboardService } from './dashboard.service';
import { AgencyDashboardDto } from './dto/dashboard.dto';
import { Agency } from '../../core/tenancy/entities/agency.entity';

class OverviewAgencyDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'full' }) plan!: string;
  @ApiProperty() createdAt!: string;
}
class OverviewOwnerDto {
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty() emailConfirmed!: boolean;
}
class OverviewCountsDto {
  @ApiProperty() clients!: number;
  @ApiProperty() agencyUsers!: number;
  @ApiProperty() clientUsers!: number;
}
class AgencyOverviewDto implements AgencyOverviewResponse {
  @ApiProperty({ type: OverviewAgencyDto }) agency!: OverviewAgencyDto;
  @ApiProperty({ type: OverviewOwnerDto }) owner!: OverviewOwnerDto;
  @ApiProperty({ type: OverviewCountsDto }) counts!: OverviewCountsDto;
  @ApiProperty({ example: 'https://atrium.example.com/portal' })
  portalUrl!: string;
}

@ApiTags('agency')
@Controller('v1/agency')
export class AgencyOverviewController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly dashboards: DashboardService,
  ) {}

  @Get('dashboard')
  @AgencyRoute()
  @ApiOperation({
    summary: 'Invited and joined client users, in total and per client; invite availability; portal URL',
  })
  @ApiOkResponse({ type: AgencyDashboardDto })
  dashboard(@AgencyCtx() context: AgencyContext): Promise<AgencyDashboardDto> {
    return this.dashboards.forAgency(context);
  }

  @Get('overview')
  @AgencyRoute()
  @ApiOperation({
    summary: "The caller's agency at a glance: plan, owner, counts, portal URL",
  })
  @ApiOkResponse({ type: AgencyOverviewDto })
  async overview(@AgencyCtx() context: AgencyContext): Promise<AgencyOverviewDto> {
    const agencyId = context.agencyId;
    const agency = await this.db.getRepository(Agency).findOneByOrFail({ id: agencyId });
    const ownerMembership = await this.db.getRepository(AgencyMembership).findOneByOrFail({ agencyId, role: 'owner' });
    const owner = await this.db.getRepository(User).findOneByOrFail({ id: ownerMembership.userId, agencyId });
    const [clients, agencyUsers, clientUsers] = await Promise.all([
      this.db.getRepository(Client).countBy({ agencyId, deletedAt: IsNull() }),
      this.db.getRepository(AgencyMembership).countBy({ agencyId, status: 'active' }),
      this.db
        .getRepository(ClientMembership)
        .createQueryBuilder('m')
        .select('COUNT(DISTINCT m.userId)', 'count')
        .where('m.agencyId = :agencyId', { agencyId })
        .andWhere("m.status = 'active'")
        .getRawOne<{ count: string | number }>()
        .then((row) => Number(row?.count ?? 0)),
    ]);
    return {
      agency: {
        id: agency.id,
        name: agency.name,
        plan: agency.plan,
        createdAt: agency.createdAt.toISOString(),
      },
      owner: {
        name: owner.name,
        email: owner.email,
        emailConfirmed: owner.emailConfirmedAt !== null,
      },
      counts: { clients, agencyUsers, clientUsers },
      portalUrl: `${this.config.appUrl}${WEB_PATHS.portalHome}`,
    };
  }
}
