import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest, FastifyReply } from 'fastify';
import { Meta } from '../../core/auth/context.decorator';
import { asDatabaseFault } from '../../core/database/database-faults';
import type { RequestMeta } from '../../core/auth/request-context';
import { Public } from '../../core/auth/route-policy';
import { ApiErrorDto, MessageDto } from '../../core/http/api-error.dto';
import { ApiRateLimited } from '../../core/rate-limit/api-rate-limited.decorator';
import { AuthService } from './auth.service';
import { EmailDto, LoginDto, ResetPasswordDto, SignupDto, TokenDto } from './dto/auth.dto';
import { ApiSignInOkResponse, SessionDto, TwoFactorChallengeDto } from './dto/session.dto';
import { SessionResponder } from './session-responder.service';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly session: SessionResponder,
  ) {}

  @Post('signup')
  @Public()
  @ApiOperation({
    summary: 'Create an agency and its owner; emails a confirmation link',
  })
  @ApiCreatedResponse({
    type: MessageDto,
    description: 'Same answer whether or not the email already has an account',
  })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiRateLimited()
  signup(@Body() dto: SignupDto, @Meta() meta: RequestMeta): Promise<MessageDto> {
    return this.auth.signup(dto, meta);
  }

  @Post('confirm-email')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Spend an email-confirmation token' })
  @ApiOkResponse({ type: MessageDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Unknown, expired or used token',
  })
  confirmEmail(@Body() dto: TokenDto, @Meta() meta: RequestMeta): Promise<MessageDto> {
    return this.auth.confirmEmail(dto.token, meta);
  }

  @Post('resend-confirmation')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Email a new confirmation link' })
  @ApiAcceptedResponse({
    type: MessageDto,
    description: 'Same answer for every address',
  })
  @ApiRateLimited()
  resendConfirmation(@Body() dto: EmailDto, @Meta() meta: RequestMeta): Promise<MessageDto> {
    return this.auth.resendConfirmation(dto.email, meta);
  }

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in; sets the refresh-token cookie and returns an access token, or a two-factor challenge',
  })
  @ApiSignInOkResponse()
  @ApiUnauthorizedResponse({
    type: ApiErrorDto,
    description: 'Same answer for unknown email and wrong password',
  })
  @ApiRateLimited('Per-IP limit, or the growing wait after wrong passwords for this address; see Retry-After')
  async login(
    @Body() dto: LoginDto,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<SessionDto | TwoFactorChallengeDto> {
    return this.session.respond(await this.auth.login(dto, meta), response);
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiCookieAuth('refresh-cookie')
  @ApiOperation({
    summary: 'Rotate the refresh-token cookie and get a new access token',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({
    type: ApiErrorDto,
    description: 'No, expired, revoked or reused refresh token (reuse ends the session)',
  })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description: 'The database is not answering: the cookie is kept; retry after the `Retry-After` seconds',
  })
  async refresh(
    @Req() request: FastifyRequest,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<SessionDto> {
    try {
      return this.session.respondWithSession(
        await this.auth.refresh(this.session.refreshTokenOf(request), meta),
        response,
      );
    } catch (error) {
      // A database fault (503, retry later) says nothing about the cookie: keep it, or the retry signs out.
      if (!asDatabaseFault(error)) this.session.clear(response);
      throw error;
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiCookieAuth('refresh-cookie')
  @ApiOperation({
    summary: 'End this session and clear the refresh-token cookie',
  })
  @ApiNoContentResponse()
  async logout(
    @Req() request: FastifyRequest,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(this.session.refreshTokenOf(request), meta);
    this.session.clear(response);
  }

  @Post('forgot-password')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Email a password-reset link (valid 1 hour)' })
  @ApiAcceptedResponse({
    type: MessageDto,
    description: 'Same answer for every address',
  })
  @ApiRateLimited()
  forgotPassword(@Body() dto: EmailDto, @Meta() meta: RequestMeta): Promise<MessageDto> {
    return this.auth.forgotPassword(dto.email, meta);
  }

  @Post('reset-password')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Spend a reset token and set a new password; ends every session',
  })
  @ApiOkResponse({ type: MessageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  resetPassword(@Body() dto: ResetPasswordDto, @Meta() meta: RequestMeta): Promise<MessageDto> {
    return this.auth.resetPassword(dto, meta);
  }
}
