import { Injectable } from '@nestjs/common';
import type { Invoice } from '../entities/invoice.entity';

/** The invoice as a branded PDF, rendered on the server and stored (re-rendered when it changed). */
@Injectable()
export class InvoicePdfService {
  /** The PDF bytes of a sent (or later) invoice; drafts render as a marked preview. */
  async pdfOf(invoice: Invoice): Promise<Buffer> {
    void invoice;
    throw new Error('InvoicePdfService is being built (issue 17)');
  }
}
