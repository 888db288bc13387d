import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { PortalOverviewResponse } from '@atrium/shared';
import { ClientCtx } from '../../core/auth/context.decorator';
import type { ClientContext } from '../../core/auth/request-context';
import { PortalRoute } from '../../core/auth/route-policy';
import { MeClientDto } from '../auth/dto/session.dto';
import { PortalOverviewService } from './portal-overview.service';

class PortalAgencyDto {
  @ApiProperty() name!: string;
}
class PortalUserDto {
  @ApiProperty() name!: string;
  @ApiProperty() timezone!: string;
}
class PortalOverviewDto implements PortalOverviewResponse {
  @ApiProperty({ type: PortalAgencyDto }) agency!: PortalAgencyDto;
  @ApiProperty({ type: MeClientDto }) client!: MeClientDto;
  @ApiProperty({ type: PortalUserDto }) user!: PortalUserDto;
}

@ApiTags('portal')
@Controller('v1/portal')
export class PortalOverviewController {
  constructor(private readonly portal: PortalOverviewService) {}

  @Get('overview')
  @PortalRoute()
  @ApiOperation({
    summary: 'The portal home for the active client (pick it with the X-Atrium-Client header)',
  })
  @ApiOkResponse({ type: PortalOverviewDto })
  overview(@ClientCtx() context: ClientContext): PortalOverviewDto {
    return this.portal.overview(context);
  }
}
