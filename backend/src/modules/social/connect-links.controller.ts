import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { ConnectLinkDto, CreateConnectLinkDto } from './dto/social.dto';
import { ConnectLinksService } from './connect-links.service';

const uuid = new ParseUUIDPipe();

/** Client Connect Links, managed by the agency. */
@ApiTags('connect links')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id of another agency' })
@Controller('v1')
@AgencyRoute()
export class ConnectLinksController {
  constructor(private readonly links: ConnectLinksService) {}

  @Get('clients/:clientId/connect-links')
  @ApiOperation({ summary: "A client's connect links, newest first, with status and accounts connected" })
  @ApiOkResponse({ type: [ConnectLinkDto] })
  list(@AgencyCtx() ctx: AgencyContext, @Param('clientId', uuid) clientId: string): Promise<ConnectLinkDto[]> {
    return this.links.list(ctx.scope, clientId);
  }

  @Post('clients/:clientId/connect-links')
  @ApiOperation({ summary: 'Create a connect link for a client (valid 1–30 days, 7 by default)' })
  @ApiCreatedResponse({ type: ConnectLinkDto })
  create(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Body() dto: CreateConnectLinkDto,
  ): Promise<ConnectLinkDto> {
    return this.links.create(ctx, clientId, dto.validForDays);
  }

  @Delete('connect-links/:linkId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a connect link at once' })
  @ApiNoContentResponse()
  revoke(@AgencyCtx() ctx: AgencyContext, @Param('linkId', uuid) linkId: string): Promise<void> {
    return this.links.revoke(ctx, linkId);
  }
}
