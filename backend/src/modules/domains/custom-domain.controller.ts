import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AgencyCtx } from '../../core/auth/context.decorator';
import type { AgencyContext } from '../../core/auth/request-context';
import { AgencyRoute } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import { CustomDomainsService } from './custom-domains.service';
import { CustomDomainViewDto, SetCustomDomainDto } from './dto/custom-domain.dto';

/**
 * The agency's own portal domain (plan entitlement `customDomain`): every agency user reads it;
 * owners and admins set, check and remove it.
 */
@ApiTags('branding')
@ApiExtraModels(CustomDomainViewDto)
@ApiForbiddenResponse({
  type: ApiErrorDto,
  description: 'The plan has no custom domain, or the role may not change it',
})
@Controller('v1/branding/domain')
export class CustomDomainController {
  constructor(private readonly domains: CustomDomainsService) {}

  @Get()
  @AgencyRoute()
  @ApiOperation({ summary: 'The custom domain, its two DNS records and its status; null when none is set' })
  @ApiOkResponse({ schema: { nullable: true, allOf: [{ $ref: getSchemaPath(CustomDomainViewDto) }] } })
  async view(@AgencyCtx() ctx: AgencyContext, @Res() response: FastifyReply): Promise<void> {
    // Written as JSON even when null (a returned null would be sent as an empty body).
    const view = await this.domains.view(ctx.scope);
    await response.type('application/json; charset=utf-8').send(JSON.stringify(view));
  }

  @Put()
  @AgencyRoute('owner', 'admin')
  @ApiOperation({
    summary: 'Set the custom domain: a new TXT token, status pending until the records are checked',
  })
  @ApiOkResponse({ type: CustomDomainViewDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Not a domain name, an IP address, a public suffix, a path or port, or this installation itself',
  })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Another agency has proved this domain' })
  set(@AgencyCtx() ctx: AgencyContext, @Body() dto: SetCustomDomainDto): Promise<CustomDomainViewDto> {
    return this.domains.claim(ctx, dto.hostname);
  }

  @Delete()
  @AgencyRoute('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove the custom domain; the portal goes back to the sign-in address at once' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No custom domain is set' })
  async remove(@AgencyCtx() ctx: AgencyContext): Promise<void> {
    await this.domains.remove(ctx);
  }

  @Post('check')
  @AgencyRoute('owner', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Look at the DNS records now instead of at the next periodic check' })
  @ApiOkResponse({ type: CustomDomainViewDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No custom domain is set' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Another agency proved this domain first; the claim is gone' })
  check(@AgencyCtx() ctx: AgencyContext): Promise<CustomDomainViewDto> {
    return this.domains.checkNow(ctx.scope);
  }
}
