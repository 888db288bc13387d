import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AgencyOverviewResponse } from '@atrium/shared';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { AgencyOverviewService } from './agency-overview.service';
import { DashboardService } from './dashboard.service';
import { AgencyDashboardDto } from './dto/dashboard.dto';

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
    private readonly overviews: AgencyOverviewService,
    private readonly dashboards: DashboardService,
  ) {}

  @Get('dashboard')
  @AgencyRoute()
  @ApiOperation({
    summary: 'Invited and joined client users, in total and per client; invite availability; portal URL',
  })
  @ApiOkResponse({ type: AgencyDashboardDto })
  dashboard(@AgencyCtx() context: AgencyContext): Promise<AgencyDashboardDto> {
    return this.dashboards.forAgency(context.scope);
  }

  @Get('overview')
  @AgencyRoute()
  @ApiOperation({
    summary: "The caller's agency at a glance: plan, owner, counts, portal URL",
  })
  @ApiOkResponse({ type: AgencyOverviewDto })
  overview(@AgencyCtx() context: AgencyContext): Promise<AgencyOverviewDto> {
    return this.overviews.overview(context.scope);
  }
}
