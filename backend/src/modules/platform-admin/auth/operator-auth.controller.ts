import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Meta } from '../../../core/auth/context.decorator';
import { CurrentOperator } from '../../../core/auth/operator-authenticator';
import type { OperatorContext, RequestMeta } from '../../../core/auth/request-context';
import { OperatorRoute, Public } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { ApiRateLimited } from '../../../core/rate-limit/api-rate-limited.decorator';
import {
  OperatorChallengeDto,
  OperatorChallengeResponseDto,
  OperatorCodeDto,
  OperatorEnrolledDto,
  OperatorEnrolmentDto,
  OperatorLoginDto,
  OperatorTokenDto,
} from './operator-auth.dto';
import { OperatorSignInService } from './operator-sign-in.service';

@ApiTags('admin: sign-in')
@Controller('v1/admin/auth')
export class OperatorAuthController {
  constructor(private readonly signIn: OperatorSignInService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Operator sign-in, step 1: the password; answers a challenge for the TOTP step' })
  @ApiOkResponse({ type: OperatorChallengeResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Same answer for unknown email and wrong password' })
  @ApiRateLimited('Per-IP and per-email limits, or the growing wait after wrong passwords; see Retry-After')
  login(@Body() dto: OperatorLoginDto, @Meta() meta: RequestMeta): Promise<OperatorChallengeResponseDto> {
    return this.signIn.login(dto.email, dto.password, meta);
  }

  @Post('enrol/start')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'First sign-in: a new TOTP secret with its otpauth URI and QR code (an `enrol` challenge)' })
  @ApiOkResponse({ type: OperatorEnrolmentDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Expired, forged or already used challenge' })
  enrolStart(@Body() dto: OperatorChallengeDto, @Meta() meta: RequestMeta): Promise<OperatorEnrolmentDto> {
    return this.signIn.startEnrolment(dto.challengeToken, meta);
  }

  @Post('enrol/finish')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'First sign-in: confirm TOTP with a code; answers recovery codes (shown once) and a token' })
  @ApiOkResponse({ type: OperatorEnrolledDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Wrong code, or an expired or forged challenge' })
  @ApiRateLimited('Per-IP and per-operator limits on codes; see Retry-After')
  enrolFinish(@Body() dto: OperatorCodeDto, @Meta() meta: RequestMeta): Promise<OperatorEnrolledDto> {
    return this.signIn.finishEnrolment(dto.challengeToken, dto.code, meta);
  }

  @Post('verify')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Operator sign-in, step 2: a TOTP code or a recovery code; answers the operator token' })
  @ApiOkResponse({ type: OperatorTokenDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Wrong, replayed or spent code, or an expired challenge' })
  @ApiRateLimited('Per-IP and per-operator limits on codes; see Retry-After')
  verify(@Body() dto: OperatorCodeDto, @Meta() meta: RequestMeta): Promise<OperatorTokenDto> {
    return this.signIn.verify(dto.challengeToken, dto.code, meta);
  }

  @Post('logout')
  @OperatorRoute()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End this operator session: its token stops working at once' })
  @ApiNoContentResponse()
  logout(@CurrentOperator() operator: OperatorContext): Promise<void> {
    return this.signIn.logout(operator);
  }
}
