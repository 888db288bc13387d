import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOperator } from '../../../core/auth/operator-authenticator';
import type { OperatorContext } from '../../../core/auth/request-context';
import { OperatorRoute } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { OutboxAdminService } from './outbox-admin.service';
import { AffectedDto, FailedEmailsDto, FailedListQueryDto, OutboxDto } from './queues.dto';

/** The email outbox: its backlog, the emails given up on, and sending them again. */
@ApiTags('admin: queues and outbox')
@Controller('v1/admin/outbox')
@OperatorRoute()
export class OutboxController {
  constructor(private readonly outbox: OutboxAdminService) {}

  @Get()
  @ApiOperation({ summary: 'Emails per state and the age of the oldest one waiting' })
  @ApiOkResponse({ type: OutboxDto })
  summary(): Promise<OutboxDto> {
    return this.outbox.summary();
  }

  @Get('failed')
  @ApiOperation({ summary: 'Emails given up on, most recent first, with their last error' })
  @ApiOkResponse({ type: FailedEmailsDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  async failed(@Query() query: FailedListQueryDto): Promise<FailedEmailsDto> {
    return { emails: await this.outbox.failed(query.limit ?? 50) };
  }

  @Post('failed/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send every failed email again (up to 1000 per call; each gets one more attempt)' })
  @ApiOkResponse({ type: AffectedDto })
  async retryAll(@CurrentOperator() operator: OperatorContext): Promise<AffectedDto> {
    return { count: await this.outbox.retry(operator) };
  }

  @Post('failed/:id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send one failed email again (one more attempt)' })
  @ApiOkResponse({ type: AffectedDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'The id is not a UUID' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No failed email has this id' })
  async retryOne(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentOperator() operator: OperatorContext,
  ): Promise<AffectedDto> {
    return { count: await this.outbox.retry(operator, id) };
  }
}
