import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AgencyCtx } from '../../../core/auth/context.decorator';
import type { AgencyContext } from '../../../core/auth/request-context';
import { AgencyRoute } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { ApiRateLimited } from '../../../core/rate-limit/api-rate-limited.decorator';
import {
  InvoiceDto,
  InvoiceListDto,
  InvoiceListQueryDto,
  InvoiceTotalsDto,
  InvoiceTotalsQueryDto,
  RecordPaymentDto,
  SaveInvoiceDto,
  VoidInvoiceDto,
} from './dto/invoice.dto';
import { InvoiceDraftsService } from './invoice-drafts.service';
import { InvoiceLifecycleService } from './invoice-lifecycle.service';
import { InvoiceTotalsService } from './invoice-totals.service';

const uuid = new ParseUUIDPipe();

/**
 * The agency's invoices. Every agency role reads them and drafts (members may draft); sending,
 * voiding, payments and reminders are for owners and admins.
 */
@ApiTags('billing')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an id of another agency' })
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid input (nothing was changed)' })
@Controller('v1/invoices')
export class InvoicesController {
  constructor(
    private readonly drafts: InvoiceDraftsService,
    private readonly lifecycle: InvoiceLifecycleService,
    private readonly totals: InvoiceTotalsService,
  ) {}

  @Get()
  @AgencyRoute()
  @ApiOperation({ summary: 'Invoices, newest first; filter by client, status, or overdue=true' })
  @ApiOkResponse({ type: InvoiceListDto })
  list(@AgencyCtx() ctx: AgencyContext, @Query() query: InvoiceListQueryDto): Promise<InvoiceListDto> {
    return this.drafts.list(ctx.scope, query);
  }

  @Get('totals')
  @AgencyRoute()
  @ApiOperation({
    summary: 'Outstanding, overdue and paid this month, per currency: over all clients and per client',
    description: 'Amounts of different currencies are never added together. "This month" is the UTC calendar month.',
  })
  @ApiOkResponse({ type: InvoiceTotalsDto })
  totalsOf(@AgencyCtx() ctx: AgencyContext, @Query() query: InvoiceTotalsQueryDto): Promise<InvoiceTotalsDto> {
    return this.totals.totals(ctx.scope, query.clientId);
  }

  @Post()
  @AgencyRoute()
  @ApiOperation({
    summary: 'Draft an invoice for a client',
    description:
      'Totals (line amounts, discount, tax per rate, total) are computed on the server with `computeInvoiceTotals` and stored. A draft has no number until it is sent.',
  })
  @ApiCreatedResponse({ type: InvoiceDto })
  create(@AgencyCtx() ctx: AgencyContext, @Body() dto: SaveInvoiceDto): Promise<InvoiceDto> {
    return this.drafts.create(ctx, dto);
  }

  @Get(':invoiceId')
  @AgencyRoute()
  @ApiOperation({ summary: 'One invoice with its lines, taxes and payments' })
  @ApiOkResponse({ type: InvoiceDto })
  get(@AgencyCtx() ctx: AgencyContext, @Param('invoiceId', uuid) invoiceId: string): Promise<InvoiceDto> {
    return this.drafts.view(ctx.scope, invoiceId);
  }

  @Put(':invoiceId')
  @AgencyRoute()
  @ApiOperation({ summary: 'Save a draft (lines replaced whole)' })
  @ApiOkResponse({ type: InvoiceDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not a draft any more' })
  save(
    @AgencyCtx() ctx: AgencyContext,
    @Param('invoiceId', uuid) invoiceId: string,
    @Body() dto: SaveInvoiceDto,
  ): Promise<InvoiceDto> {
    return this.drafts.update(ctx, invoiceId, dto);
  }

  @Delete(':invoiceId')
  @AgencyRoute()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a draft (sent invoices are voided instead)' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not a draft' })
  async remove(@AgencyCtx() ctx: AgencyContext, @Param('invoiceId', uuid) invoiceId: string): Promise<void> {
    await this.drafts.remove(ctx, invoiceId);
  }

  @Post(':invoiceId/send')
  @AgencyRoute('owner', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Send a draft: number it, freeze it and email the client',
    description:
      "Takes the agency's next number (gapless, prefix + at least 4 digits: INV-0001) under a lock, freezes who it is made out to (the billing profile) and from (the agency and its brand), and emails the client's billing admins. The invoice can no longer be changed.",
  })
  @ApiOkResponse({ type: InvoiceDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not a draft, or no line / a zero total' })
  send(@AgencyCtx() ctx: AgencyContext, @Param('invoiceId', uuid) invoiceId: string): Promise<InvoiceDto> {
    return this.lifecycle.send(ctx, invoiceId);
  }

  @Post(':invoiceId/void')
  @AgencyRoute('owner', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Void an open invoice, with a reason',
    description:
      'Terminal: a void invoice keeps its number and its payments but has no balance. Issuing a credit note (to refund a payment) is out of scope: refunds happen outside the app.',
  })
  @ApiOkResponse({ type: InvoiceDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not open (a draft, paid, or void already)' })
  void(
    @AgencyCtx() ctx: AgencyContext,
    @Param('invoiceId', uuid) invoiceId: string,
    @Body() dto: VoidInvoiceDto,
  ): Promise<InvoiceDto> {
    return this.lifecycle.void(ctx, invoiceId, dto);
  }

  @Post(':invoiceId/payments')
  @AgencyRoute('owner', 'admin')
  @ApiOperation({
    summary: 'Record a payment received outside the app (bank transfer, cash, card, other)',
    description: 'A partial payment makes the invoice partially paid; the last one makes it paid and sends a receipt.',
  })
  @ApiCreatedResponse({ type: InvoiceDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'More than the balance left, or the invoice is not open' })
  recordPayment(
    @AgencyCtx() ctx: AgencyContext,
    @Param('invoiceId', uuid) invoiceId: string,
    @Body() dto: RecordPaymentDto,
  ): Promise<InvoiceDto> {
    return this.lifecycle.recordPayment(ctx, invoiceId, dto);
  }

  @Post(':invoiceId/remind')
  @AgencyRoute('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Email the client a reminder now (open invoices with a balance; once an hour at most)' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not open, or nothing left to pay' })
  @ApiRateLimited('A reminder for this invoice was sent less than an hour ago')
  async remind(@AgencyCtx() ctx: AgencyContext, @Param('invoiceId', uuid) invoiceId: string): Promise<void> {
    await this.lifecycle.remind(ctx, invoiceId);
  }
}
