import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import {
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  type AcceptInvitationRequest,
  type InvitationPreview,
} from '@atrium/shared';
import { Meta } from '../../core/auth/context.decorator';
import type { RequestMeta } from '../../core/auth/request-context';
import { Public } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { TokenDto } from '../auth/dto/auth.dto';
import { ApiSignInOkResponse, SessionDto, TwoFactorChallengeDto } from '../auth/dto/session.dto';
import { SessionResponder } from '../auth/session-responder.service';
import { InvitationsService } from './invitations.service';

class InvitationPreviewDto implements InvitationPreview {
  @ApiProperty({ enum: ['pending', 'expired', 'revoked', 'accepted'] }) status!: InvitationPreview['status'];
  @ApiProperty() agencyName!: string;
  @ApiProperty({ nullable: true, type: String }) clientName!: string | null;
  @ApiProperty({ enum: ['agency', 'client'] }) audience!: 'agency' | 'client';
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ description: 'Accepting asks for the current password of this account' }) existingAccount!: boolean;
  @ApiProperty() expiresAt!: string;
}

class AcceptInvitationDto implements AcceptInvitationRequest {
  @ApiProperty({ description: 'The token from the emailed link' })
  @IsString()
  @Length(20, 200)
  token!: string;

  @ApiProperty({ maxLength: NAME_MAX_LENGTH, description: 'The name to use (the invitation may have it wrong)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, NAME_MAX_LENGTH, { message: `name must be between 1 and ${NAME_MAX_LENGTH} characters` })
  name!: string;

  @ApiProperty({ description: 'A new password, or the current one when the email already has an account' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password!: string;
}

/** The invitation page (public): look at the invitation, then accept it and be signed in. */
@ApiTags('invitations')
@Controller('v1/invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly session: SessionResponder,
  ) {}

  @Post('preview')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'What an invitation is for (does not spend it)' })
  @ApiOkResponse({ type: InvitationPreviewDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown token, or replaced by a newer invitation' })
  preview(@Body() dto: TokenDto, @Meta() meta: RequestMeta): Promise<InvitationPreviewDto> {
    return this.invitations.preview(dto.token, meta);
  }

  @Post('accept')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Accept: set a password (or prove the current one), join, and be signed in (or get a two-factor challenge)',
  })
  @ApiSignInOkResponse()
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'The new password is not acceptable' })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Wrong current password for an existing account' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiGoneResponse({ type: ApiErrorDto, description: 'Expired, revoked or already accepted' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The email has an account elsewhere' })
  async accept(
    @Body() dto: AcceptInvitationDto,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<SessionDto | TwoFactorChallengeDto> {
    return this.session.respond(await this.invitations.accept(dto.token, dto.name, dto.password, meta), response);
  }
}
