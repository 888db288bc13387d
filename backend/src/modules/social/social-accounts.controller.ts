import {
  Body,
  Controller,
  Delete,
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
import {
  AccountListQueryDto,
  AssignAccountDto,
  CompleteConnectDto,
  CompleteConnectResponseDto,
  CompleteHandbackDto,
  SocialAccountDto,
  SocialAccountListDto,
  StartConnectDto,
  StartConnectResponseDto,
} from './dto/social.dto';
import { OAuthConnectService } from './oauth-connect.service';
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
    return { items: await this.accounts.list(ctx.scope, { clientId: query.clientId }) };
  }

  @Post('connect')
  @AgencyRoute()
  @ApiOperation({
    summary: 'Start connecting an account: answers the platform consent URL (state bound to this session, PKCE)',
  })
  @ApiCreatedResponse({ type: StartConnectResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'The platform is not offered here' })
  async start(@AgencyCtx() ctx: AgencyContext, @Body() dto: StartConnectDto): Promise<StartConnectResponseDto> {
    const authorizationUrl = await this.connect.start(ctx, {
      provider: dto.provider,
      purpose: 'agency',
      clientId: dto.clientId ?? null,
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
      (state) => this.connect.sessionActor(ctx, state),
      ctx,
    );
    return { accounts: finished.accounts, returnTo: finished.state.purpose };
  }

  @Post('oauth/complete-handback')
  @SignedIn()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Finish, on a custom domain, a connection begun there: the one-time code of the hand-back stands for the state and the platform code',
  })
  @ApiOkResponse({ type: CompleteConnectResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Unknown, expired, used or foreign code; code refused' })
  @ApiConflictResponse({ type: ApiErrorDto, description: "The account is already another client's" })
  async completeHandback(
    @Ctx() ctx: RequestContext,
    @Body() dto: CompleteHandbackDto,
  ): Promise<CompleteConnectResponseDto> {
    const finished = await this.connect.finishHandedBack(
      dto.code,
      { kind: 'session', userId: ctx.userId, sessionId: ctx.sessionId },
      (state) => this.connect.sessionActor(ctx, state),
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
    return this.accounts.assign(ctx, accountId, dto.clientId);
  }

  @Delete(':accountId')
  @AgencyRoute()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Disconnect: tokens are erased; posts still waiting for the account fail with a reason' })
  @ApiNoContentResponse()
  disconnect(@AgencyCtx() ctx: AgencyContext, @Param('accountId', uuid) accountId: string): Promise<void> {
    return this.accounts.disconnect(ctx, accountId);
  }
}
