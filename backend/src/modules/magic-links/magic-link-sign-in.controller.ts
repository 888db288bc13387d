import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Meta } from '../../core/auth/context.decorator';
import type { RequestMeta } from '../../core/auth/request-context';
import { Public } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { TokenDto } from '../auth/dto/auth.dto';
import { ApiSignInOkResponse, SessionDto, TwoFactorChallengeDto } from '../auth/dto/session.dto';
import { SessionResponder } from '../auth/session-responder.service';
import { MagicLinksService } from './magic-links.service';

@ApiTags('auth')
@Controller('v1/auth/magic-link')
export class MagicLinkSignInController {
  constructor(
    private readonly magicLinks: MagicLinksService,
    private readonly session: SessionResponder,
  ) {}

  @Post()
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Spend a magic link and sign in (client users), or get a two-factor challenge' })
  @ApiSignInOkResponse()
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid, expired or used link' })
  async signIn(
    @Body() dto: TokenDto,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<SessionDto | TwoFactorChallengeDto> {
    return this.session.respond(await this.magicLinks.spend(dto.token, meta), response);
  }
}
