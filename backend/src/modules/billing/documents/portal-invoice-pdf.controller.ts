import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ClientCtx } from '../../../core/auth/context.decorator';
import type { ClientContext } from '../../../core/auth/request-context';
import { PortalRoute } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { sendPdf } from '../../contracts/contract-downloads';
import { InvoicePdfService } from './invoice-pdf.service';

const uuid = new ParseUUIDPipe();

/** Portal › Billing (billing.manage: client admins only): download one of the client's invoices as a PDF. */
@ApiTags('portal')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, another client’s invoice, or a draft' })
@Controller('v1/portal/billing/invoices')
@PortalRoute('billing.manage')
export class PortalInvoicePdfController {
  constructor(private readonly pdfs: InvoicePdfService) {}

  @Get(':invoiceId/pdf')
  @ApiOperation({ summary: 'Download one of our invoices as a PDF (drafts are never shown)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF, as an attachment', schema: { type: 'string', format: 'binary' } })
  async pdf(
    @ClientCtx() ctx: ClientContext,
    @Param('invoiceId', uuid) invoiceId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.pdfs.download(ctx.scope, invoiceId, 'hidden');
    sendPdf(reply, file.bytes, file.filename);
  }
}
