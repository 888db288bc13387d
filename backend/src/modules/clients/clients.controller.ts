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
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
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
import { InvitationsService } from '../invitations/invitations.service';
import { type AnyMemberRow, MemberDirectoryService } from '../members/member-directory.service';
import { ClientMembersService } from './client-members.service';
import { ClientsService } from './clients.service';
import {
  BulkUsersDto,
  ChangeClientRoleDto,
  CreateClientDto,
  InviteClientUserDto,
  ListQueryDto,
  UpdateClientDto,
} from './dto/clients.dto';
import { BulkResultDto, ClientPageDto, ClientSummaryDto, MemberRowDto } from './dto/clients-responses.dto';
import { ApiRateLimited } from '../../core/rate-limit/api-rate-limited.decorator';

const uuid = new ParseUUIDPipe();

/** Settings > Clients: the agency's clients and each client's users and invitations (any agency role). */
@ApiTags('clients')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id of another agency' })
@Controller('v1/clients')
@AgencyRoute()
export class ClientsController {
  constructor(
    private readonly clients: ClientsService,
    private readonly members: ClientMembersService,
    private readonly directory: MemberDirectoryService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List clients by name, with user counts (cursor pagination)' })
  @ApiOkResponse({ type: ClientPageDto })
  list(@AgencyCtx() ctx: AgencyContext, @Query() query: ListQueryDto): Promise<ClientPageDto> {
    return this.clients.list(ctx.scope, query.limit, query.cursor);
  }

  @Post()
  @ApiOperation({ summary: 'Create a client' })
  @ApiCreatedResponse({ type: ClientSummaryDto })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'The plan does not allow another client' })
  create(@AgencyCtx() ctx: AgencyContext, @Body() dto: CreateClientDto): Promise<ClientSummaryDto> {
    return this.clients.create(ctx, dto);
  }

  @Get(':clientId')
  @ApiOperation({ summary: 'One client with its user counts' })
  @ApiOkResponse({ type: ClientSummaryDto })
  get(@AgencyCtx() ctx: AgencyContext, @Param('clientId', uuid) clientId: string): Promise<ClientSummaryDto> {
    return this.clients.summary(ctx.scope, clientId);
  }

  @Patch(':clientId')
  @ApiOperation({ summary: 'Rename a client and/or set its portal permissions' })
  @ApiOkResponse({ type: ClientSummaryDto })
  update(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Body() dto: UpdateClientDto,
  ): Promise<ClientSummaryDto> {
    return this.clients.update(ctx, clientId, dto);
  }

  @Delete(':clientId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a client: its users are deactivated at once and its open invitations revoked' })
  @ApiNoContentResponse()
  remove(@AgencyCtx() ctx: AgencyContext, @Param('clientId', uuid) clientId: string): Promise<void> {
    return this.clients.remove(ctx, clientId);
  }

  @Get(':clientId/users')
  @ApiOperation({ summary: "The client's people and open invitations, with status and last activity" })
  @ApiOkResponse({ type: [MemberRowDto] })
  users(@AgencyCtx() ctx: AgencyContext, @Param('clientId', uuid) clientId: string): Promise<AnyMemberRow[]> {
    return this.directory.clientMembers(ctx.scope, clientId);
  }

  @Post(':clientId/invitations')
  @ApiRateLimited('Too many invitations to this address or from this agency; wait the Retry-After seconds')
  @ApiOperation({
    summary: 'Invite a person to the client portal (needs client management, multi-user and a confirmed owner email)',
  })
  @ApiCreatedResponse({ type: MemberRowDto })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Inviting is not possible; the message says why' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Already a user of this client, or an account elsewhere' })
  invite(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Body() dto: InviteClientUserDto,
  ): Promise<AnyMemberRow> {
    return this.invitations.invite(ctx, { audience: 'client', clientId }, dto);
  }

  @Post(':clientId/invitations/:invitationId/resend')
  @ApiRateLimited('Too many invitations to this address or from this agency; wait the Retry-After seconds')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send a new link for a pending or expired invitation (the old link dies)' })
  @ApiOkResponse({ type: MemberRowDto })
  resend(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Param('invitationId', uuid) invitationId: string,
  ): Promise<AnyMemberRow> {
    return this.invitations.resend(ctx, { audience: 'client', clientId }, invitationId);
  }

  @Delete(':clientId/invitations/:invitationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a pending invitation' })
  @ApiNoContentResponse()
  revoke(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Param('invitationId', uuid) invitationId: string,
  ): Promise<void> {
    return this.invitations.revoke(ctx, { audience: 'client', clientId }, invitationId);
  }

  @Patch(':clientId/users/:userId')
  @ApiOperation({ summary: "Change a client user's role (applies on their next request)" })
  @ApiOkResponse({ type: MemberRowDto })
  changeRole(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Param('userId', uuid) userId: string,
    @Body() dto: ChangeClientRoleDto,
  ): Promise<AnyMemberRow> {
    return this.members.changeRole(ctx, clientId, userId, dto.role);
  }

  @Delete(':clientId/users/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a client user (immediate, no notification)' })
  @ApiNoContentResponse()
  removeUser(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Param('userId', uuid) userId: string,
  ): Promise<void> {
    return this.members.remove(ctx, clientId, userId);
  }

  @Post(':clientId/users/bulk-remove')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Remove several client users at once' })
  @ApiOkResponse({ type: BulkResultDto })
  bulkRemove(
    @AgencyCtx() ctx: AgencyContext,
    @Param('clientId', uuid) clientId: string,
    @Body() dto: BulkUsersDto,
  ): Promise<BulkResultDto> {
    return this.members.bulkRemove(ctx, clientId, dto.userIds);
  }
}
