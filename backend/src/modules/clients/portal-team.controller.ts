import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { PortalTeamResponse } from '@atrium/shared';
import { ClientCtx } from '../../core/auth/context.decorator';
import type { ClientContext } from '../../core/auth/request-context';
import { PortalRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { InvitationsService, type InvitationTarget } from '../invitations/invitations.service';
import { type AnyMemberRow, MemberDirectoryService } from '../members/member-directory.service';
import { ClientMembersService } from './client-members.service';
import { ChangeClientRoleDto, InviteClientUserDto } from './dto/clients.dto';
import { MemberRowDto } from './dto/clients-responses.dto';
import { ApiRateLimited } from '../../core/rate-limit/api-rate-limited.decorator';

class PortalTeamClientDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}
class PortalTeamDto implements PortalTeamResponse {
  @ApiProperty({ type: PortalTeamClientDto }) client!: PortalTeamClientDto;
  @ApiProperty({ type: [MemberRowDto] }) members!: PortalTeamResponse['members'];
}

const uuid = new ParseUUIDPipe();
/** The caller's own client: their client scope reaches nothing else. */
const ownClient = (ctx: ClientContext): InvitationTarget => ({ audience: 'client', clientId: ctx.scope.clientId });

/**
 * The portal Team page (SPEC §3): a client admin whose client allows users.manage manages the
 * people of their own client only. Members never get users.manage, so they never reach it. The
 * same services as the agency's Settings > Clients, called with the admin's client scope.
 */
@ApiTags('portal')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id outside your client' })
@Controller('v1/portal/team')
@PortalRoute('users.manage')
export class PortalTeamController {
  constructor(
    private readonly directory: MemberDirectoryService,
    private readonly invitations: InvitationsService,
    private readonly members: ClientMembersService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The active client's people and open invitations" })
  @ApiOkResponse({ type: PortalTeamDto })
  async list(@ClientCtx() ctx: ClientContext): Promise<PortalTeamDto> {
    return {
      client: { id: ctx.client.clientId, name: ctx.client.clientName },
      members: (await this.directory.clientMembers(ctx.scope, ctx.scope.clientId)) as PortalTeamResponse['members'],
    };
  }

  @Post('invitations')
  @ApiRateLimited('Too many invitations to this address or from this agency; wait the Retry-After seconds')
  @ApiOperation({ summary: 'Invite a person to this client (Admin or Member)' })
  @ApiCreatedResponse({ type: MemberRowDto })
  @ApiConflictResponse({ type: ApiErrorDto })
  invite(@ClientCtx() ctx: ClientContext, @Body() dto: InviteClientUserDto): Promise<AnyMemberRow> {
    return this.invitations.invite(ctx, ownClient(ctx), dto);
  }

  @Post('invitations/:invitationId/resend')
  @ApiRateLimited('Too many invitations to this address or from this agency; wait the Retry-After seconds')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send a new link (the old one dies)' })
  @ApiOkResponse({ type: MemberRowDto })
  resend(@ClientCtx() ctx: ClientContext, @Param('invitationId', uuid) invitationId: string): Promise<AnyMemberRow> {
    return this.invitations.resend(ctx, ownClient(ctx), invitationId);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Cancel a pending invitation' })
  @ApiNoContentResponse()
  revoke(@ClientCtx() ctx: ClientContext, @Param('invitationId', uuid) invitationId: string): Promise<void> {
    return this.invitations.revoke(ctx, ownClient(ctx), invitationId);
  }

  @Patch(':userId')
  @ApiOperation({ summary: "Change a person's role in this client" })
  @ApiOkResponse({ type: MemberRowDto })
  changeRole(
    @ClientCtx() ctx: ClientContext,
    @Param('userId', uuid) userId: string,
    @Body() dto: ChangeClientRoleDto,
  ): Promise<AnyMemberRow> {
    this.refuseSelf(ctx, userId);
    return this.members.changeRole(ctx, ctx.scope.clientId, userId, dto.role);
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a person from this client' })
  @ApiNoContentResponse()
  remove(@ClientCtx() ctx: ClientContext, @Param('userId', uuid) userId: string): Promise<void> {
    this.refuseSelf(ctx, userId);
    return this.members.remove(ctx, ctx.scope.clientId, userId);
  }

  /** A client admin demoting or removing themselves would lock the client out of its own Team page. */
  private refuseSelf(ctx: ClientContext, userId: string): void {
    if (userId === ctx.userId) throw new ConflictException('You cannot change or remove yourself.');
  }
}
