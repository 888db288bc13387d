import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOperator } from '../../../core/auth/operator-authenticator';
import type { OperatorContext } from '../../../core/auth/request-context';
import { OperatorRoute } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { QueueAdminService } from './queue-admin.service';
import { AffectedDto, FailedJobsDto, FailedListQueryDto, QueuesDto } from './queues.dto';

/** The background job queues: counts per state, failed jobs with their error, retry and discard. */
@ApiTags('admin: queues and outbox')
@Controller('v1/admin/queues')
@OperatorRoute()
export class QueuesController {
  constructor(private readonly queues: QueueAdminService) {}

  @Get()
  @ApiOperation({ summary: 'Jobs per queue and state (waiting, active, delayed, failed, completed)' })
  @ApiOkResponse({ type: QueuesDto })
  async list(): Promise<QueuesDto> {
    return { queues: await this.queues.counts() };
  }

  @Get(':name/failed')
  @ApiOperation({ summary: "A queue's failed jobs, newest first, with their error" })
  @ApiOkResponse({ type: FailedJobsDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No queue has this name' })
  async failed(@Param('name') name: string, @Query() query: FailedListQueryDto): Promise<FailedJobsDto> {
    return { jobs: await this.queues.failed(name, query.limit ?? 50) };
  }

  @Post(':name/failed/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Run every failed job of a queue again' })
  @ApiOkResponse({ type: AffectedDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No queue has this name' })
  async retryAll(@Param('name') name: string, @CurrentOperator() operator: OperatorContext): Promise<AffectedDto> {
    return { count: await this.queues.retry(operator, name) };
  }

  @Post(':name/failed/:jobId/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Run one failed job again' })
  @ApiOkResponse({ type: AffectedDto })
  @ApiNotFoundResponse({
    type: ApiErrorDto,
    description: 'No queue has this name, or it has no failed job with this id',
  })
  async retryOne(
    @Param('name') name: string,
    @Param('jobId') jobId: string,
    @CurrentOperator() operator: OperatorContext,
  ): Promise<AffectedDto> {
    return { count: await this.queues.retry(operator, name, jobId) };
  }

  @Delete(':name/failed')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Discard every failed job of a queue' })
  @ApiOkResponse({ type: AffectedDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No queue has this name' })
  async discardAll(@Param('name') name: string, @CurrentOperator() operator: OperatorContext): Promise<AffectedDto> {
    return { count: await this.queues.discard(operator, name) };
  }

  @Delete(':name/failed/:jobId')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Discard one failed job' })
  @ApiOkResponse({ type: AffectedDto })
  @ApiNotFoundResponse({
    type: ApiErrorDto,
    description: 'No queue has this name, or it has no failed job with this id',
  })
  async discardOne(
    @Param('name') name: string,
    @Param('jobId') jobId: string,
    @CurrentOperator() operator: OperatorContext,
  ): Promise<AffectedDto> {
    return { count: await this.queues.discard(operator, name, jobId) };
  }
}
