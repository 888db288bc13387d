import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { AgencySecurity } from './agency-security.service';
import { AgencySecurityPolicyDto } from './dto/two-factor.dto';

@ApiTags('agency')
@Controller('v1/agency/security')
export class AgencySecurityController {
  constructor(private readonly security: AgencySecurity) {}

  @Get()
  @AgencyRoute()
  @ApiOperation({ summary: 'Whether two-factor is required for the team and for client users' })
  @ApiOkResponse({ type: AgencySecurityPolicyDto })
  get(@AgencyCtx() ctx: AgencyContext): Promise<AgencySecurityPolicyDto> {
    return this.security.get(ctx);
  }

  @Put()
  @AgencyRoute('owner')
  @ApiOperation({
    summary: 'Require two-factor for the team and/or client users (owner only)',
    description:
      "Takes effect at each person's next sign-in: whoever has no second factor then is walked through " +
      'enrolment before the session opens. Sessions already open continue until they end.',
  })
  @ApiOkResponse({ type: AgencySecurityPolicyDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  update(@AgencyCtx() ctx: AgencyContext, @Body() dto: AgencySecurityPolicyDto): Promise<AgencySecurityPolicyDto> {
    return this.security.update(ctx, dto);
  }
}
