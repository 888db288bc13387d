import { Body, Controller, Header, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { ViewAsDto, ViewAsResponseDto } from './dto/view-as.dto';
import { ViewAsService } from './view-as.service';

const uuid = new ParseUUIDPipe();

/** Settings > Clients > View as client (any agency role: everyone in the agency sees every client). */
@ApiTags('clients')
@Controller('v1/clients')
@AgencyRoute()
export class ViewAsController {
  constructor(private readonly viewAs: ViewAsService) {}

  @Post(':clientId/view-as')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: "Open the client's portal as one of its users: a read-only, 15-minute token (recorded in the audit log)",
    description:
      'The token reads the portal exactly as that user would; every request with it other than GET or HEAD answers 403, sign-out and refresh included. It stops working when the agency user who asked leaves the agency, or the person leaves the client.',
  })
  @ApiCreatedResponse({ type: ViewAsResponseDto })
  @ApiNotFoundResponse({
    type: ApiErrorDto,
    description: 'Unknown or deleted client, an id of another agency, or not an active user of this client',
  })
  start(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Body() dto: ViewAsDto,
  ): Promise<ViewAsResponseDto> {
    return this.viewAs.start(ctx, clientId, dto.userId);
  }
}
