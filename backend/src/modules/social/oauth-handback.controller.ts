import { BadRequestException, Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Meta } from '../../core/auth/context.decorator';
import type { RequestMeta } from '../../core/auth/request-context';
import { Public } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { OAuthHandbackDto, OAuthHandbackResponseDto } from './dto/social.dto';
import { OAuthConnectService } from './oauth-connect.service';

/**
 * Providers return every round trip to APP_URL/oauth/callback. One begun on an agency's custom
 * domain is handed back there (where its session lives) with a one-time code: no session is needed
 * here, the state's secret is the credential, and the only place it can send anyone is the domain
 * the state recorded, while it is the agency's active one.
 */
@ApiTags('social accounts')
@Controller('v1/public/oauth')
@Public()
export class OAuthHandbackController {
  constructor(
    private readonly connect: OAuthConnectService,
    private readonly rateLimits: RateLimitService,
  ) {}

  @Post('handback')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Hand a round trip begun on a custom domain back to it: keeps the provider answer, answers the URL to go to',
  })
  @ApiOkResponse({ type: OAuthHandbackResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Neither a code nor an error' })
  @ApiNotFoundResponse({
    type: ApiErrorDto,
    description: 'Unknown, used or expired state, or one not begun on an active custom domain',
  })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many attempts from this address' })
  async handBack(@Body() dto: OAuthHandbackDto, @Meta() meta: RequestMeta): Promise<OAuthHandbackResponseDto> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.tokenPerIp, subject: meta.ip }]);
    const answer = dto.error ? { error: dto.error } : dto.code ? { code: dto.code } : null;
    if (!answer) throw new BadRequestException('The platform sent neither a code nor an error.');
    return { url: await this.connect.handBack(dto.state, answer) };
  }
}
