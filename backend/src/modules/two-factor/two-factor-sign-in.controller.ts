import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Meta } from '../../core/auth/context.decorator';
import type { RequestMeta } from '../../core/auth/request-context';
import { Public } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { ApiRateLimited } from '../../core/rate-limit/api-rate-limited.decorator';
import { SessionDto } from '../auth/dto/session.dto';
import { SessionResponder } from '../auth/session-responder.service';
import {
  TwoFactorEnrolFinishDto,
  TwoFactorEnrolledSessionDto,
  TwoFactorEnrolStartDto,
  TwoFactorSetupDto,
  TwoFactorVerifyDto,
} from './dto/two-factor.dto';
import { TwoFactorSignIn } from './two-factor-sign-in.service';

const BAD_CHALLENGE = 'Expired, tampered or foreign challenge (made on another host), or a wrong or already used code';

/** The second step of a sign-in that answered a two-factor challenge instead of a session. */
@ApiTags('auth')
@Controller('v1/auth/2fa')
export class TwoFactorSignInController {
  constructor(
    private readonly twoFactor: TwoFactorSignIn,
    private readonly session: SessionResponder,
  ) {}

  @Post('verify')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Finish a `code` challenge with a TOTP or recovery code; sets the refresh cookie like sign-in',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: BAD_CHALLENGE })
  @ApiRateLimited('Per-IP or per-user limit on second-factor attempts; see Retry-After')
  async verify(
    @Body() dto: TwoFactorVerifyDto,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<SessionDto> {
    return this.session.respondWithSession(await this.twoFactor.verify(dto.challengeToken, dto.code, meta), response);
  }

  @Post('enrol/start')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'For an `enrol` challenge: a new TOTP secret, its otpauth URI and QR code (replaces an unfinished one)',
  })
  @ApiOkResponse({ type: TwoFactorSetupDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Expired, tampered or foreign challenge' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Two-factor is already on for this user' })
  @ApiRateLimited('Per-IP or per-user limit on second-factor attempts; see Retry-After')
  startEnrolment(@Body() dto: TwoFactorEnrolStartDto, @Meta() meta: RequestMeta): Promise<TwoFactorSetupDto> {
    return this.twoFactor.startEnrolment(dto.challengeToken, meta);
  }

  @Post('enrol/finish')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'For an `enrol` challenge: confirm the first code; turns two-factor on, signs in and answers the recovery codes once',
  })
  @ApiOkResponse({ type: TwoFactorEnrolledSessionDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: `${BAD_CHALLENGE}, or no setup started` })
  @ApiRateLimited('Per-IP or per-user limit on second-factor attempts; see Retry-After')
  async finishEnrolment(
    @Body() dto: TwoFactorEnrolFinishDto,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<TwoFactorEnrolledSessionDto> {
    const { signedIn, recoveryCodes } = await this.twoFactor.finishEnrolment(dto.challengeToken, dto.code, meta);
    return { ...(await this.session.respondWithSession(signedIn, response)), recoveryCodes };
  }
}
