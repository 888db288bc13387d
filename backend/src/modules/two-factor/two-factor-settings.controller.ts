import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx } from '../../core/auth/context.decorator';
import type { RequestContext } from '../../core/auth/request-context';
import { SignedIn } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { ApiRateLimited } from '../../core/rate-limit/api-rate-limited.decorator';
import {
  RecoveryCodesDto,
  TwoFactorConfirmDto,
  TwoFactorEnableDto,
  TwoFactorSetupDto,
  TwoFactorStatusDto,
} from './dto/two-factor.dto';
import { TwoFactorSettings } from './two-factor-settings.service';

const RATE_LIMITED = 'Too many code attempts for your account; see Retry-After';

/** The signed-in person's own two-factor (agency and client users alike). */
@ApiTags('me')
@Controller('v1/me/two-factor')
export class TwoFactorSettingsController {
  constructor(private readonly settings: TwoFactorSettings) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Whether two-factor is on, recovery codes left, and whether the agency requires it' })
  @ApiOkResponse({ type: TwoFactorStatusDto })
  status(@Ctx() ctx: RequestContext): Promise<TwoFactorStatusDto> {
    return this.settings.status(ctx);
  }

  @Post('setup')
  @SignedIn()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start setup: a new TOTP secret, its otpauth URI and QR code (replaces an unfinished setup)',
  })
  @ApiOkResponse({ type: TwoFactorSetupDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Two-factor is already on' })
  setup(@Ctx() ctx: RequestContext): Promise<TwoFactorSetupDto> {
    return this.settings.setup(ctx);
  }

  @Post('enable')
  @SignedIn()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Turn two-factor on with the first code from the app; answers the recovery codes once' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Wrong code, or no setup started' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Two-factor is already on' })
  @ApiRateLimited(RATE_LIMITED)
  enable(@Ctx() ctx: RequestContext, @Body() dto: TwoFactorEnableDto): Promise<RecoveryCodesDto> {
    return this.settings.enable(ctx, dto.code);
  }

  @Post('disable')
  @SignedIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn two-factor off: the password (when the account has one) and a code are required' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Wrong password or code' })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: 'Two-factor is not on, or the agency requires it for this account',
  })
  @ApiRateLimited(RATE_LIMITED)
  disable(@Ctx() ctx: RequestContext, @Body() dto: TwoFactorConfirmDto): Promise<void> {
    return this.settings.disable(ctx, dto);
  }

  @Post('recovery-codes')
  @SignedIn()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'New recovery codes in place of all the old ones (password, when the account has one, and a code)',
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Wrong password or code' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Two-factor is not on' })
  @ApiRateLimited(RATE_LIMITED)
  regenerateRecoveryCodes(@Ctx() ctx: RequestContext, @Body() dto: TwoFactorConfirmDto): Promise<RecoveryCodesDto> {
    return this.settings.regenerateRecoveryCodes(ctx, dto);
  }
}
