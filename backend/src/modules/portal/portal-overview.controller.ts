import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PortalOverviewResponse } from '@atrium/shared';
import { ClientCtx } from '../../core/auth/context.decorator';
import type { ClientContext } from '../../core/auth/request-context';
import { PortalRoute } from '../../core/auth/route-policy';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { MeClientDto } from '../auth/dto/session.dto';
import { User } from '../../core/tenancy/entities/user.entity';

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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('overview')
  @PortalRoute()
  @ApiOperation({
    summary: 'The portal home for the active client (pick it with the X-Atrium-Client header)',
  })
  @ApiOkResponse({ type: PortalOverviewDto })
  async overview(@ClientCtx() context: ClientContext): Promise<PortalOverviewDto> {
    const agency = await this.db.getRepository(Agency).findOneByOrFail({ id: context.agencyId });
    const user = await this.db.getRepository(User).findOneByOrFail({ id: context.userId, agencyId: context.agencyId });
    const { client } = context;
    return {
      agency: { name: agency.name },
      client: {
        id: client.clientId,
        name: client.clientName,
        role: client.role,
        permissions: client.permissions,
      },
      user: { name: user.name, timezone: user.timezone },
    };
  }
}
