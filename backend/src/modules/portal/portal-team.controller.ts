import type { AnyMemberRow } from '../members/member-directory.service';
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
import { ClientMembersService } from '../clients/client-members.service';
import { ChangeClientRoleDto, InviteClientUserDto } from '../clients/dto/clients.dto';
import { MemberRowDto } from '../clients/dto/clients-responses.dto';
import { InvitationsService } from '../invitations/invitations.service';
import { MemberDirectoryService } from '../members/member-directory.service';

class PortalTeamClientDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}
class PortalTeamDto implements PortalTeamResponse {
  @ApiProperty({ type: PortalTeamClientDto }) client!: PortalTeamClientDto;
  @ApiProperty({ type: [MemberRowDto] }) members!: PortalTeamResponse['members'];
}

const uuid = new ParseUUIDPipe();
const scope = (ctx: ClientContext) => ({
  actor: { agencyId: ctx.agencyId, userId: ctx.userId, meta: ctx },
  target: { audience: 'client' as const, clientId: ctx.client.clientId },
});

/**
 * The portal Team page (SPEC §3): a client admin whose client allows users.manage manages the
 * people of their own client only. Members never get users.manage, so they never reach it.
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
      members: (await this.directory.clientMembers(ctx.agencyId, ctx.client.clientId)) as PortalTeamResponse['members'],
    };
  }

  @Post('invitations')
  @ApiOperation({ summary: 'Invite a person to this client (Admin or Member)' })
  @ApiCreatedResponse({ type: MemberRowDto })
  @ApiConflictResponse({ type: ApiErrorDto })
  invite(@ClientCtx() ctx: ClientContext, @Body() dto: InviteClientUserDto): Promise<AnyMemberRow> {
    const { actor, target } = scope(ctx);
    return this.invitations.invite(actor, target, dto);
  }

  @Post('invitations/:invitationId/resend')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send a new link (the old one dies)' })
  @ApiOkResponse({ type: MemberRowDto })
  resend(@ClientCtx() ctx: ClientContext, @Param('invitationId', uuid) invitationId: string): Promise<AnyMemberRow> {
    const { actor, target } = scope(ctx);
    return this.invitations.resend(actor, target, invitationId);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Cancel a pending invitation' })
  @ApiNoContentResponse()
  revoke(@ClientCtx() ctx: ClientContext, @Param('invitationId', uuid) invitationId: string): Promise<void> {
    const { actor, target } = scope(ctx);
    return this.invitations.revoke(actor, target, invitationId);
  }

  @Patch(':userId')
  @ApiOperation({ summary: "Change a person's role in this client" })
  @ApiOkResponse({ type: MemberRowDto })
  changeRole(
    @ClientCtx() ctx: ClientContext,
    @Param('userId', uuid) userId: string,
    @Body() dto: ChangeClientRoleDto,
  ): Promise<AnyMemberRow> {
    const { actor, target } = scope(ctx);
    this.refuseSelf(ctx, userId);
    return this.members.changeRole(actor, target.clientId, userId, dto.role);
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a person from this client' })
  @ApiNoContentResponse()
  remove(@ClientCtx() ctx: ClientContext, @Param('userId', uuid) userId: string): Promise<void> {
    const { actor, target } = scope(ctx);
    this.refuseSelf(ctx, userId);
    return this.members.remove(actor, target.clientId, userId);
  }

  /** A client admin demoting or removing themselves would lock the client out of its own Team page. */
  private refuseSelf(ctx: ClientContext, userId: string): void {
    if (userId === ctx.userId) throw new ConflictException('You cannot change or remove yourself.');
  }
}
