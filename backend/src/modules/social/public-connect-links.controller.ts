import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import { Meta } from '../../core/auth/context.decorator';
import type { RequestMeta } from '../../core/auth/request-context';
import { Public } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import {
  ConnectLinkCompleteDto,
  ConnectLinkCompleteResponseDto,
  ConnectLinkPreviewDto,
  ConnectLinkStartDto,
  ConnectLinkStartResponseDto,
  ConnectLinkTokenDto,
} from './dto/social.dto';
import { ConnectLinksService, linkVisitor } from './connect-links.service';
import { OAuthConnectService } from './oauth-connect.service';

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
    const resolved = await this.links.resolve(dto.token);
    const binding = randomBytes(32).toString('base64url');
    const authorizationUrl = await this.connect.start(linkVisitor(resolved, meta), {
      provider: dto.provider,
      purpose: 'connect_link',
      clientId: null,
      sessionId: null,
      connectLinkId: resolved.link.id,
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
      // Re-resolved: the link may have been revoked while the person was at the platform.
      async () => linkVisitor(await this.links.resolve(dto.token), meta),
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
