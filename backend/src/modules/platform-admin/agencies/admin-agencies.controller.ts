import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentOperator } from '../../../core/auth/operator-authenticator';
import type { OperatorContext } from '../../../core/auth/request-context';
import { OperatorRoute } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import {
  AdminAgencyDto,
  AdminAgencyPageDto,
  AdminAgencyQueryDto,
  AgencyPlanDto,
  SuspendAgencyDto,
} from './admin-agencies.dto';
import { AdminAgenciesService } from './admin-agencies.service';

const AGENCY_ID = { name: 'id', format: 'uuid', example: '0b6f6d0e-4c55-4c1e-9a57-3c7f8a0f2d11' };
const uuid = new ParseUUIDPipe();

@ApiTags('admin: agencies')
@Controller('v1/admin/agencies')
@OperatorRoute()
export class AdminAgenciesController {
  constructor(private readonly agencies: AdminAgenciesService) {}

  @Get()
  @ApiOperation({ summary: 'List agencies, newest first, with plan, owner, status and usage counts' })
  @ApiOkResponse({ type: AdminAgencyPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  list(@Query() query: AdminAgencyQueryDto): Promise<AdminAgencyPageDto> {
    return this.agencies.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One agency with its owner and usage counts' })
  @ApiParam(AGENCY_ID)
  @ApiOkResponse({ type: AdminAgencyDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'The id is not a UUID' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@Param('id', uuid) id: string): Promise<AdminAgencyDto> {
    return this.agencies.get(id);
  }

  @Put(':id/plan')
  @ApiOperation({ summary: "Change an agency's plan (what it is entitled to)" })
  @ApiParam(AGENCY_ID)
  @ApiOkResponse({ type: AdminAgencyDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Unknown plan' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  changePlan(
    @CurrentOperator() operator: OperatorContext,
    @Param('id', uuid) id: string,
    @Body() dto: AgencyPlanDto,
  ): Promise<AdminAgencyDto> {
    return this.agencies.changePlan(operator, id, dto.plan);
  }

  @Post(':id/suspend')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Suspend an agency: its users are refused, its posts and emails wait; nothing is deleted',
  })
  @ApiParam(AGENCY_ID)
  @ApiOkResponse({ type: AdminAgencyDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'No reason given' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Already suspended' })
  suspend(
    @CurrentOperator() operator: OperatorContext,
    @Param('id', uuid) id: string,
    @Body() dto: SuspendAgencyDto,
  ): Promise<AdminAgencyDto> {
    return this.agencies.suspend(operator, id, dto.reason);
  }

  @Post(':id/restore')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Restore a suspended agency: sign-in works again, held posts and emails go' })
  @ApiParam(AGENCY_ID)
  @ApiOkResponse({ type: AdminAgencyDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not suspended' })
  restore(@CurrentOperator() operator: OperatorContext, @Param('id', uuid) id: string): Promise<AdminAgencyDto> {
    return this.agencies.restore(operator, id);
  }
}
