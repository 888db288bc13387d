import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AgencyCtx, Ctx } from '../../core/auth/context.decorator';
import type { AgencyContext, RequestContext } from '../../core/auth/request-context';
import { AgencyRoute, SignedIn } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import type { OAuthConnectState } from './entities/oauth-connect-state.entity';
import {
  AccountListQueryDto,
  AssignAccountDto,
  CompleteConnectDto,
  CompleteConnectResponseDto,
  SocialAccountDto,
  SocialAccountListDto,
  SocialProviderDto,
  StartConnectDto,
  StartConnectResponseDto,
} from './dto/social.dto';
import { OAuthConnectService } from './oauth-connect.service';
import { ProviderRegistry } from './providers/provider-registry';
import { SocialAccountsService } from './social-accounts.service';

const uuid = new ParseUUIDPipe();

/** The agency's social accounts: connect (OAuth 2 + PKCE), health, assignment to clients, disconnect. */
@ApiTags('social accounts')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id of another agency' })
@Controller('v1/social-accounts')
export class SocialAccountsController {
  constructor(
    private readonly accounts: SocialAccountsService,
    private readonly connect: OAuthConnectService,
  ) {}

  @Get()
  @AgencyRoute()
  @ApiOperation({ summary: "The agency's connected accounts with their health (optionally one client's)" })
  @ApiOkResponse({ type: SocialAccountListDto })
  async list(@AgencyCtx() ctx: AgencyContext, @Query() query: AccountListQueryDto): Promise<SocialAccountListDto> {
    if (query.clientId) await this.accounts.liveClient(ctx.agencyId, query.clientId);
    return { items: await this.accounts.list(ctx.agencyId, query.clientId) };
  }

  @Post('connect')
  @AgencyRoute()
  @ApiOperation({
    summary: 'Start connecting an account: answers the platform consent URL (state bound to this session, PKCE)',
  })
  @ApiCreatedResponse({ type: StartConnectResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'The platform is not offered here' })
  async start(@AgencyCtx() ctx: AgencyContext, @Body() dto: StartConnectDto): Promise<StartConnectResponseDto> {
    if (dto.clientId) await this.accounts.liveClient(ctx.agencyId, dto.clientId);
    const authorizationUrl = await this.connect.start({
      provider: dto.provider,
      agencyId: ctx.agencyId,
      purpose: 'agency',
      clientId: dto.clientId ?? null,
      userId: ctx.userId,
      sessionId: ctx.sessionId,
      connectLinkId: null,
      binding: null,
    });
    return { authorizationUrl };
  }

  @Post('oauth/complete')
  @SignedIn()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Finish a connection started by this same session (agency or portal): spends the state, trades the code for tokens',
  })
  @ApiOkResponse({ type: CompleteConnectResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Unknown, expired, used or foreign state; code refused' })
  @ApiConflictResponse({ type: ApiErrorDto, description: "The account is already another client's" })
  async complete(@Ctx() ctx: RequestContext, @Body() dto: CompleteConnectDto): Promise<CompleteConnectResponseDto> {
    const finished = await this.connect.finish(
      dto.state,
      dto.code,
      { kind: 'session', userId: ctx.userId, sessionId: ctx.sessionId },
      (state) => this.stillAllowed(ctx, state),
      ctx,
    );
    return { accounts: finished.accounts, returnTo: finished.state.purpose };
  }

  @Patch(':accountId')
  @AgencyRoute()
  @ApiOperation({
    summary: "Assign the account to a client, or unassign it (null); the old client's waiting posts fail with a reason",
  })
  @ApiOkResponse({ type: SocialAccountDto })
  assign(
    @AgencyCtx() ctx: AgencyContext,
    @Param('accountId', uuid) accountId: string,
    @Body() dto: AssignAccountDto,
  ): Promise<SocialAccountDto> {
    return this.accounts.assign({ agencyId: ctx.agencyId, userId: ctx.userId, meta: ctx }, accountId, dto.clientId);
  }

  @Delete(':accountId')
  @AgencyRoute()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Disconnect: tokens are erased; posts still waiting for the account fail with a reason' })
  @ApiNoContentResponse()
  disconnect(@AgencyCtx() ctx: AgencyContext, @Param('accountId', uuid) accountId: string): Promise<void> {
    return this.accounts.disconnect({ agencyId: ctx.agencyId, userId: ctx.userId, meta: ctx }, accountId);
  }

  /** The starter may have lost the right to connect for that target while at the platform. */
  private async stillAllowed(ctx: RequestContext, state: OAuthConnectState): Promise<void> {
    if (state.agencyId !== ctx.agencyId) throw new ForbiddenException('This connection belongs to another workspace');
    if (state.purpose === 'agency') {
      if (ctx.audience !== 'agency') throw new ForbiddenException('Only agency users can finish this connection');
      if (state.clientId) await this.accounts.liveClient(ctx.agencyId, state.clientId);
      return;
    }
    const allowed =
      ctx.audience === 'client' &&
      ctx.memberships.some((m) => m.clientId === state.clientId && m.permissions.includes('accounts.manage'));
    if (!allowed || !state.clientId) throw new ForbiddenException('You can no longer connect accounts for this client');
    // The context was read when the request began; the client may have been deleted since.
    await this.accounts.liveClient(ctx.agencyId, state.clientId);
  }
}

@ApiTags('social accounts')
@Controller('v1/social')
export class SocialProvidersController {
  constructor(private readonly registry: ProviderRegistry) {}

  @Get('providers')
  @SignedIn()
  @ApiOperation({ summary: 'Platforms this installation offers (those with credentials configured)' })
  @ApiOkResponse({ type: [SocialProviderDto] })
  providers(): SocialProviderDto[] {
    return this.registry.offered();
  }
}
