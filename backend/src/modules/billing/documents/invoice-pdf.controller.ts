import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AgencyCtx } from '../../../core/auth/context.decorator';
import type { AgencyContext } from '../../../core/auth/request-context';
import { AgencyRoute } from '../../../core/auth/route-policy';
import { ApiErrorDto } from '../../../core/http/api-error.dto';
import { sendPdf } from '../../contracts/contract-downloads';
import { InvoicePdfService } from './invoice-pdf.service';

const uuid = new ParseUUIDPipe();

/** The agency's invoice PDFs (every agency role): a sent invoice as the client gets it, a draft as a marked preview. */
@ApiTags('billing')
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown id, or an invoice of another agency' })
@Controller('v1/invoices')
@AgencyRoute()
export class InvoicePdfController {
  constructor(private readonly pdfs: InvoicePdfService) {}

  @Get(':invoiceId/pdf')
  @ApiOperation({
    summary: 'Download the invoice as a PDF',
    description: 'Drafts download as a preview marked DRAFT. Served as an attachment named after the invoice number.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF, as an attachment', schema: { type: 'string', format: 'binary' } })
  async pdf(
    @AgencyCtx() ctx: AgencyContext,
    @Param('invoiceId', uuid) invoiceId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.pdfs.download(ctx.scope, invoiceId, 'preview');
    sendPdf(reply, file.bytes, file.filename);
  }
}
