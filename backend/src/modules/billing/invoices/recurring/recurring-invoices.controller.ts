import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AgencyCtx } from '../../../../core/auth/context.decorator';
import type { AgencyContext } from '../../../../core/auth/request-context';
import { AgencyRoute } from '../../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../../core/http/api-error.dto';
import { RecurringInvoiceDto, RecurringInvoiceListDto, SaveRecurringInvoiceDto } from '../dto/recurring-invoice.dto';
import { RecurringInvoicesService } from './recurring-invoices.service';

const uuid = new ParseUUIDPipe();

/**
 * Recurring invoices: a template issued and sent every week, month, quarter or year. Every agency
 * role reads them; owners and admins create, change, pause, resume and end them.
 */
@ApiTags('billing')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id of another agency' })
@Controller('v1/recurring-invoices')
export class RecurringInvoicesController {
  constructor(private readonly recurring: RecurringInvoicesService) {}

  @Get()
  @AgencyRoute()
  @ApiOperation({ summary: 'Recurring invoices, newest first' })
  @ApiOkResponse({ type: RecurringInvoiceListDto })
  list(@AgencyCtx() ctx: AgencyContext): Promise<RecurringInvoiceListDto> {
    return this.recurring.list(ctx.scope);
  }

  @Post()
  @AgencyRoute('owner', 'admin')
  @ApiOperation({
    summary: 'Create a recurring invoice',
    description:
      'The first invoice is issued and sent on `startsOn`, then every interval counted from it (month ends clamp: Jan 31 → Feb 28 → Mar 31), until `endsOn` or until ended by hand.',
  })
  @ApiCreatedResponse({ type: RecurringInvoiceDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid input (nothing was changed)' })
  create(@AgencyCtx() ctx: AgencyContext, @Body() dto: SaveRecurringInvoiceDto): Promise<RecurringInvoiceDto> {
    return this.recurring.create(ctx, dto);
  }

  @Get(':recurringId')
  @AgencyRoute()
  @ApiOperation({ summary: 'One recurring invoice' })
  @ApiOkResponse({ type: RecurringInvoiceDto })
  get(@AgencyCtx() ctx: AgencyContext, @Param('recurringId', uuid) recurringId: string): Promise<RecurringInvoiceDto> {
    return this.recurring.view(ctx.scope, recurringId);
  }

  @Put(':recurringId')
  @AgencyRoute('owner', 'admin')
  @ApiOperation({
    summary: 'Change the template and schedule (invoices already issued stay as they are)',
    description: 'A new start date starts the schedule over from it.',
  })
  @ApiOkResponse({ type: RecurringInvoiceDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid input (nothing was changed)' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Ended' })
  update(
    @AgencyCtx() ctx: AgencyContext,
    @Param('recurringId', uuid) recurringId: string,
    @Body() dto: SaveRecurringInvoiceDto,
  ): Promise<RecurringInvoiceDto> {
    return this.recurring.update(ctx, recurringId, dto);
  }

  @Post(':recurringId/pause')
  @AgencyRoute('owner', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Pause: nothing is issued until resumed' })
  @ApiOkResponse({ type: RecurringInvoiceDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not active' })
  pause(
    @AgencyCtx() ctx: AgencyContext,
    @Param('recurringId', uuid) recurringId: string,
  ): Promise<RecurringInvoiceDto> {
    return this.recurring.pause(ctx, recurringId);
  }

  @Post(':recurringId/resume')
  @AgencyRoute('owner', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Resume a paused schedule (dates missed meanwhile are skipped, not issued late)' })
  @ApiOkResponse({ type: RecurringInvoiceDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not paused' })
  resume(
    @AgencyCtx() ctx: AgencyContext,
    @Param('recurringId', uuid) recurringId: string,
  ): Promise<RecurringInvoiceDto> {
    return this.recurring.resume(ctx, recurringId);
  }

  @Post(':recurringId/end')
  @AgencyRoute('owner', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'End it for good (terminal)' })
  @ApiOkResponse({ type: RecurringInvoiceDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Ended already' })
  end(@AgencyCtx() ctx: AgencyContext, @Param('recurringId', uuid) recurringId: string): Promise<RecurringInvoiceDto> {
    return this.recurring.end(ctx, recurringId);
  }
}
