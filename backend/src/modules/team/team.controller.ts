import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
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
import type { TeamResponse } from '@atrium/shared';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { ChangeTeamRoleDto, InviteTeamMemberDto } from '../clients/dto/clients.dto';
import { MemberRowDto } from '../clients/dto/clients-responses.dto';
import { InviteAvailabilityDto } from '../agencies/dto/dashboard.dto';
import { InvitationsService } from '../invitations/invitations.service';
import type { AnyMemberRow } from '../members/member-directory.service';
import { TeamService } from './team.service';
import { ApiRateLimited } from '../../core/rate-limit/api-rate-limited.decorator';

class TeamDto implements TeamResponse {
  @ApiProperty({ type: [MemberRowDto] }) members!: TeamResponse['members'];
  @ApiProperty({ type: InviteAvailabilityDto }) invite!: InviteAvailabilityDto;
}

const uuid = new ParseUUIDPipe();

/** Team: the agency's own users. Owner and admins only. */
@ApiTags('team')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id of another agency' })
@Controller('v1/team')
@AgencyRoute('owner', 'admin')
export class TeamController {
  constructor(
    private readonly team: TeamService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Agency users and open team invitations' })
  @ApiOkResponse({ type: TeamDto })
  list(@AgencyCtx() ctx: AgencyContext): Promise<TeamDto> {
    return this.team.list(ctx.scope);
  }

  @Post('invitations')
  @ApiRateLimited('Too many invitations to this address or from this agency; wait the Retry-After seconds')
  @ApiOperation({ summary: 'Invite an agency user (admin or member)' })
  @ApiCreatedResponse({ type: MemberRowDto })
  @ApiConflictResponse({ type: ApiErrorDto })
  invite(@AgencyCtx() ctx: AgencyContext, @Body() dto: InviteTeamMemberDto): Promise<AnyMemberRow> {
    return this.invitations.invite(ctx, { audience: 'agency' }, dto);
  }

  @Post('invitations/:invitationId/resend')
  @ApiRateLimited('Too many invitations to this address or from this agency; wait the Retry-After seconds')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send a new link (the old one dies)' })
  @ApiOkResponse({ type: MemberRowDto })
  resend(@AgencyCtx() ctx: AgencyContext, @Param('invitationId', uuid) invitationId: string): Promise<AnyMemberRow> {
    return this.invitations.resend(ctx, { audience: 'agency' }, invitationId);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a pending team invitation' })
  @ApiNoContentResponse()
  revoke(@AgencyCtx() ctx: AgencyContext, @Param('invitationId', uuid) invitationId: string): Promise<void> {
    return this.invitations.revoke(ctx, { audience: 'agency' }, invitationId);
  }

  @Patch(':userId')
  @ApiOperation({ summary: "Change an agency user's role (not the owner's, not your own)" })
  @ApiOkResponse({ type: MemberRowDto })
  changeRole(
    @AgencyCtx() ctx: AgencyContext,
    @Param('userId', uuid) userId: string,
    @Body() dto: ChangeTeamRoleDto,
  ): Promise<AnyMemberRow> {
    return this.team.changeRole(ctx, userId, dto.role);
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove an agency user (not the owner, not yourself)' })
  @ApiNoContentResponse()
  remove(@AgencyCtx() ctx: AgencyContext, @Param('userId', uuid) userId: string): Promise<void> {
    return this.team.remove(ctx, userId);
  }
}
