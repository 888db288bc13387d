import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import { AgencyCtx, Meta } from '../../core/auth/context.decorator';
import type { AgencyContext, RequestMeta } from '../../core/auth/request-context';
import { AgencyRoute, Public } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import {
  ConnectLinkCompleteDto,
  ConnectLinkCompleteResponseDto,
  ConnectLinkDto,
  ConnectLinkPreviewDto,
  ConnectLinkStartDto,
  ConnectLinkStartResponseDto,
  ConnectLinkTokenDto,
  CreateConnectLinkDto,
} from './dto/social.dto';
import { ConnectLinksService } from './connect-links.service';
import { OAuthConnectService } from './oauth-connect.service';

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
    return this.links.list(ctx.agencyId, clientId);
  }

  @Post('clients/:clientId/connect-links')
  @ApiOperation({ summary: 'Create a connect link for a client (valid 1–30 days, 7 by default)' })
  @ApiCreatedResponse({ type: ConnectLinkDto })
  create(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Body() dto: CreateConnectLinkDto,
  ): Promise<ConnectLinkDto> {
    return this.links.create({ agencyId: ctx.agencyId, userId: ctx.userId, meta: ctx }, clientId, dto.validForDays);
  }

  @Delete('connect-links/:linkId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a connect link at once' })
  @ApiNoContentResponse()
  revoke(@AgencyCtx() ctx: AgencyContext, @Param('linkId', uuid) linkId: string): Promise<void> {
    return this.links.revoke({ agencyId: ctx.agencyId, userId: ctx.userId, meta: ctx }, linkId);
  }
}

/**
 * The public side of a connect link: no Atrium login, the token is the credential. The OAuth round
 * trip is bound to the link and to a secret the starting browser keeps (`binding`).
 */
@ApiTags('connect links')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'The link is unknown, expired or revoked' })
@ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many attempts from this address' })
@Controller('v1/connect-links')
@Public()
export class PublicConnectLinksController {
  constructor(
    private readonly links: ConnectLinksService,
    private readonly connect: OAuthConnectService,
    private readonly rateLimits: RateLimitService,
  ) {}

  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'What the connect page shows: agency, client, offered platforms, accounts connected' })
  @ApiOkResponse({ type: ConnectLinkPreviewDto })
  async preview(@Body() dto: ConnectLinkTokenDto, @Meta() meta: RequestMeta): Promise<ConnectLinkPreviewDto> {
    await this.limit(meta);
    return this.links.preview(dto.token);
  }

  @Post('authorize')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start connecting an account onto the link’s client (answers the consent URL and a binding)',
  })
  @ApiOkResponse({ type: ConnectLinkStartResponseDto })
  async start(@Body() dto: ConnectLinkStartDto, @Meta() meta: RequestMeta): Promise<ConnectLinkStartResponseDto> {
    await this.limit(meta);
    const { link } = await this.links.resolve(dto.token);
    const binding = randomBytes(32).toString('base64url');
    const authorizationUrl = await this.connect.start({
      provider: dto.provider,
      agencyId: link.agencyId,
      purpose: 'connect_link',
      clientId: link.clientId,
      userId: null,
      sessionId: null,
      connectLinkId: link.id,
      binding,
    });
    return { authorizationUrl, binding };
  }

  @Post('complete')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Finish a connection started from this link in this browser' })
  @ApiOkResponse({ type: ConnectLinkCompleteResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Unknown, expired, used or foreign state; code refused' })
  async complete(
    @Body() dto: ConnectLinkCompleteDto,
    @Meta() meta: RequestMeta,
  ): Promise<ConnectLinkCompleteResponseDto> {
    await this.limit(meta);
    const { link } = await this.links.resolve(dto.token);
    const finished = await this.connect.finish(
      dto.state,
      dto.code,
      { kind: 'connect_link', connectLinkId: link.id, binding: dto.binding },
      async () => {
        // Re-resolve: the link may have been revoked while the person was at the platform.
        await this.links.resolve(dto.token);
      },
      meta,
    );
    // A visitor without a login learns no more than the connect page shows.
    return {
      accounts: finished.accounts.map(({ id, provider, providerName, displayName, handle }) => ({
        id,
        provider,
        providerName,
        displayName,
        handle,
      })),
    };
  }

  private limit(meta: RequestMeta): Promise<void> {
    return this.rateLimits.consume([{ rule: RATE_LIMITS.connectLinkPerIp, subject: meta.ip }]);
  }
}
