import { Body, Controller, Delete, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { MagicLinkResponse } from '@atrium/shared';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { BulkResultDto } from '../clients/dto/clients-responses.dto';
import { LoginEmailsDto } from './login-emails.dto';
import { MagicLinksService } from './magic-links.service';

class MagicLinkDto implements MagicLinkResponse {
  @ApiProperty({ example: 'https://atrium.example.com/magic-link?token=…' }) url!: string;
  @ApiProperty() expiresAt!: string;
}

/** Magic links and login emails for the agency's client users (any agency role). */
@ApiTags('clients')
@Controller('v1/client-users')
@AgencyRoute()
export class MagicLinksController {
  constructor(private readonly magicLinks: MagicLinksService) {}

  @Post('login-emails')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Email each selected client user a one-click sign-in link (15 minutes, single use; up to 1,000 people)',
  })
  @ApiOkResponse({ type: BulkResultDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'No one, more than 1,000 people, or an id that is not a UUID',
  })
  loginEmails(@AgencyCtx() ctx: AgencyContext, @Body() dto: LoginEmailsDto): Promise<BulkResultDto> {
    return this.magicLinks.sendLoginEmails(ctx, dto.userIds);
  }

  /**
   * A copyable link lets whoever holds it act as the client user, so only owners and admins may
   * create one; any agency user may email one (it then reaches only the person's own inbox).
   */
  @Post(':userId/magic-link')
  @AgencyRoute('owner', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Create a sign-in link for a client user, to pass on (15 minutes, single use; owner and admin)',
  })
  @ApiOkResponse({ type: MagicLinkDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  issue(@AgencyCtx() ctx: AgencyContext, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<MagicLinkDto> {
    return this.magicLinks.issueLink(ctx, userId);
  }

  @Delete(':userId/magic-links')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Revoke a client user's outstanding sign-in links" })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  revoke(@AgencyCtx() ctx: AgencyContext, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<void> {
    return this.magicLinks.revoke(ctx, userId);
  }
}
