import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ClientCtx } from '../../core/auth/context.decorator';
import type { ClientContext } from '../../core/auth/request-context';
import { PortalRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { PortalStartConnectDto, SocialAccountListDto, StartConnectResponseDto } from './dto/social.dto';
import { OAuthConnectService } from './oauth-connect.service';
import { SocialAccountsService } from './social-accounts.service';

const uuid = new ParseUUIDPipe();

/** Portal › Accounts: the client's own accounts; connecting assigns to this client at once. */
@ApiTags('portal')
@ApiNotFoundResponse({ type: ApiErrorDto, description: "Unknown id, or an account that is not this client's" })
@Controller('v1/portal/accounts')
@PortalRoute('accounts.manage')
export class PortalAccountsController {
  constructor(
    private readonly accounts: SocialAccountsService,
    private readonly connect: OAuthConnectService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The client's social accounts with their health" })
  @ApiOkResponse({ type: SocialAccountListDto })
  async list(@ClientCtx() ctx: ClientContext): Promise<SocialAccountListDto> {
    return { items: await this.accounts.list(ctx.scope) };
  }

  @Post('connect')
  @ApiOperation({ summary: 'Start connecting an account for this client (answers the platform consent URL)' })
  @ApiCreatedResponse({ type: StartConnectResponseDto })
  async start(@ClientCtx() ctx: ClientContext, @Body() dto: PortalStartConnectDto): Promise<StartConnectResponseDto> {
    const authorizationUrl = await this.connect.start(ctx, {
      provider: dto.provider,
      purpose: 'portal',
      clientId: null,
      sessionId: ctx.sessionId,
      connectLinkId: null,
      binding: null,
    });
    return { authorizationUrl };
  }

  @Delete(':accountId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Remove (disconnect) one of this client's accounts" })
  @ApiNoContentResponse()
  remove(@ClientCtx() ctx: ClientContext, @Param('accountId', uuid) accountId: string): Promise<void> {
    return this.accounts.disconnect(ctx, accountId);
  }
}
