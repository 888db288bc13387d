import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { MESSAGE_EMAIL_MODES, type MessageEmailMode, type MessageEmailSettingsView } from '@atrium/shared';
import { Ctx } from '../../../core/auth/context.decorator';
import type { RequestContext } from '../../../core/auth/request-context';
import { SignedIn } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { MessageEmailSettingsService } from './message-email-settings.service';

class MessageEmailSettingsDto implements MessageEmailSettingsView {
  @ApiProperty({
    enum: MESSAGE_EMAIL_MODES,
    description: '`every`: an email a few minutes after a message stays unread; `daily`: one digest a day; `never`',
  })
  @IsIn(MESSAGE_EMAIL_MODES, { message: `mode must be one of ${MESSAGE_EMAIL_MODES.join(', ')}` })
  mode!: MessageEmailMode;
}

/** The signed-in person's choice of emails about unread messages (agency and client users alike). */
@ApiTags('messages')
@Controller('v1/me/message-emails')
export class MessageEmailSettingsController {
  constructor(private readonly settings: MessageEmailSettingsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'How you are emailed about messages you left unread' })
  @ApiOkResponse({ type: MessageEmailSettingsDto })
  get(@Ctx() ctx: RequestContext): Promise<MessageEmailSettingsDto> {
    return this.settings.get(ctx);
  }

  @Put()
  @SignedIn()
  @ApiOperation({ summary: 'Choose how you are emailed about unread messages: every time, a daily digest, or never' })
  @ApiOkResponse({ type: MessageEmailSettingsDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'An unknown mode, or a field other than `mode`' })
  set(@Ctx() ctx: RequestContext, @Body() dto: MessageEmailSettingsDto): Promise<MessageEmailSettingsDto> {
    return this.settings.set(ctx, dto.mode);
  }
}
