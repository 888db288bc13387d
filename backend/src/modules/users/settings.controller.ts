import { Body, Controller, Delete, HttpCode, HttpStatus, Patch, Post, Put } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Upload, type UploadExchange } from '../media/upload-exchange';
import type {
  ChangeEmailRequest,
  ChangePasswordRequest,
  ConfirmEmailChangeRequest,
  MessageResponse,
  UpdateProfileRequest,
} from '@atrium/shared';
import { Ctx, Meta } from '../../core/auth/context.decorator';
import type { RequestContext, RequestMeta } from '../../core/auth/request-context';
import { Public, SignedIn } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { MeDto } from '../auth/dto/session.dto';
import { MeService } from './me.service';
import { SettingsService } from './settings.service';

class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional({ maxLength: 120 }) @IsOptional() @IsString() @Length(1, 120) name?: string;
  @ApiPropertyOptional({ example: 'Europe/Berlin' }) @IsOptional() @IsString() @MaxLength(64) timezone?: string;
}

class ChangeEmailDto implements ChangeEmailRequest {
  @ApiProperty() @IsEmail() @MaxLength(254) newEmail!: string;
  @ApiProperty() @IsString() @MaxLength(128) currentPassword!: string;
}

class ConfirmEmailChangeDto implements ConfirmEmailChangeRequest {
  @ApiProperty() @IsString() @Length(1, 200) token!: string;
}

class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty() @IsString() @MaxLength(128) currentPassword!: string;
  @ApiProperty() @IsString() @MaxLength(256) newPassword!: string;
}

class MessageDto implements MessageResponse {
  @ApiProperty() message!: string;
}

class AvatarBodyDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'An image (JPEG, PNG, GIF, WebP, AVIF)' })
  file!: unknown;
}

/** The signed-in person's own settings (portal Settings, agency profile). */
@ApiTags('me')
@Controller('v1/me')
export class SettingsController {
  constructor(
    private readonly settings: SettingsService,
    private readonly me: MeService,
  ) {}

  @Patch()
  @SignedIn()
  @ApiOperation({ summary: 'Change your name and/or time zone (used by the calendar and every date shown)' })
  @ApiOkResponse({ type: MeDto })
  async update(@Ctx() ctx: RequestContext, @Body() dto: UpdateProfileDto): Promise<MeDto> {
    await this.settings.updateProfile(ctx, dto);
    return this.me.describeAfterChange(ctx);
  }

  @Post('email')
  @SignedIn()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Start an email change: a link goes to the new address; the change happens when it is opened',
  })
  @ApiAcceptedResponse({ type: MessageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Wrong current password, or the same address' })
  async changeEmail(@Ctx() ctx: RequestContext, @Body() dto: ChangeEmailDto): Promise<MessageDto> {
    const to = await this.settings.requestEmailChange(ctx, dto.newEmail, dto.currentPassword);
    return { message: `We sent a link to ${to}. Your email changes when you open it.` };
  }

  @Post('email/confirm')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Confirm an email change with the token from the link (no sign-in needed)' })
  @ApiOkResponse({ type: MessageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Unknown, used or expired link' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The address belongs to another account' })
  async confirmEmail(@Body() dto: ConfirmEmailChangeDto, @Meta() meta: RequestMeta): Promise<MessageDto> {
    await this.settings.confirmEmailChange(dto.token, meta);
    return { message: 'Your email address is changed. Use it to sign in from now on.' };
  }

  @Post('password')
  @SignedIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Change your password (current one required); your other sessions end' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Wrong current password, or a weak new one' })
  changePassword(@Ctx() ctx: RequestContext, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.settings.changePassword(ctx, dto.currentPassword, dto.newPassword);
  }

  @Put('avatar')
  @SignedIn()
  @ApiOperation({ summary: 'Set your profile picture (multipart, one image in a part named "file")' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: AvatarBodyDto })
  @ApiOkResponse({ type: MeDto })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description:
      'The server is restarting: the upload was ended and nothing of it kept; upload again (see Retry-After)',
  })
  async setAvatar(@Ctx() ctx: RequestContext, @Upload() upload: UploadExchange): Promise<MeDto> {
    await this.settings.setAvatar(ctx, upload);
    return this.me.describeAfterChange(ctx);
  }

  @Delete('avatar')
  @SignedIn()
  @ApiOperation({ summary: 'Remove your profile picture' })
  @ApiOkResponse({ type: MeDto })
  async removeAvatar(@Ctx() ctx: RequestContext): Promise<MeDto> {
    await this.settings.removeAvatar(ctx);
    return this.me.describeAfterChange(ctx);
  }
}
