/**
 * What an uploaded contract PDF is, checked before anyone places fields on it: that it is a PDF we
 * can read and later fill and seal (not encrypted, not damaged, within the page limit), and the
 * size of each page as the browser will display it, so the editor can place fields relative to it.
 * The server only parses; it never renders a PDF.
 */
import {
  EncryptedPDFError,
  PDFArray,
  PDFName,
  PDFRef,
  PDFStream,
  type PDFDocument,
  type PDFPage,
} from '@cantoo/pdf-lib';
import { displayedPage } from './page-geometry';
import { loadPdf } from './pdf-loading';

export interface InspectedPdf {
  pageCount: number;
  /** In PDF points, as displayed: the visible area (CropBox), turned by the page's /Rotate. */
  pages: { width: number; height: number }[];
}

export type PdfRejectionReason = 'not_pdf' | 'encrypted' | 'broken' | 'too_many_pages' | 'no_pages';

/** A PDF we will not take, with a sentence for the person who uploaded it. */
export class PdfRejected extends Error {
  constructor(
    readonly reason: PdfRejectionReason,
    message: string,
  ) {
    super(message);
    this.name = 'PdfRejected';
  }
}

/**
 * Readers look this far into the file for the %PDF- header, and this far from its end for the
 * %%EOF marker (Acrobat's rule); a file without the marker there was cut short.
 */
const MARKER_WINDOW = 1024;

/** `what` is "This PDF" or "Page 3 of this PDF". */
const damaged = (what: string) =>
  new PdfRejected(
    'broken',
    `${what} is damaged and cannot be read. Open it and save or export it as PDF again, then upload the new file.`,
  );

export async function inspectPdf(bytes: Buffer, limits: { maxPages: number }): Promise<InspectedPdf> {
  if (bytes.subarray(0, MARKER_WINDOW).indexOf('%PDF-') === -1) {
    throw new PdfRejected('not_pdf', 'This file is not a PDF. Upload the contract as a PDF document.');
  }
  // pdf-lib reads what it can of a truncated file, and may well find every page of it; but what was
  // cut off (fields, later edits) would then be missing from the contract without anyone noticing.
  if (bytes.subarray(Math.max(0, bytes.length - MARKER_WINDOW)).indexOf('%%EOF') === -1) {
    throw new PdfRejected(
      'broken',
      'This PDF is incomplete: the file seems to have been cut short. Download or export it again, then upload the new file.',
    );
  }
  const doc = await load(bytes);
  // pdf-lib only calls a file encrypted when its /Encrypt dictionary resolves; any /Encrypt means
  // the content may be unreadable to us, and a reader would ask for a password.
  if (doc.isEncrypted || doc.context.trailerInfo.Encrypt !== undefined) throw encrypted();

  let pages: PDFPage[];
  try {
    pages = doc.getPages();
  } catch {
    throw damaged('This PDF');
  }
  if (pages.length === 0)
    throw new PdfRejected('no_pages', 'This PDF has no pages. Upload a PDF with the contract in it.');
  if (pages.length > limits.maxPages) {
    throw new PdfRejected(
      'too_many_pages',
      `This PDF has ${pages.length} pages; a contract can have at most ${limits.maxPages}. ` +
        'Remove some pages or split it, then upload it again.',
    );
  }
  return { pageCount: pages.length, pages: pages.map(readablePageSize) };
}

async function load(bytes: Buffer): Promise<PDFDocument> {
  try {
    return await loadPdf(bytes);
  } catch (error) {
    if (error instanceof EncryptedPDFError) throw encrypted();
    throw damaged('This PDF');
  }
}

/** The displayed size of a page whose content we can reach, or a rejection. */
function readablePageSize(page: PDFPage, index: number): { width: number; height: number } {
  const { context } = page.node;
  // A page is readable when its content streams (if any) exist: a truncated or garbled file loses
  // them first, while its page tree often survives near the start of the file.
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents instanceof PDFRef ? context.lookup(contents) : contents;
  const parts = resolved instanceof PDFArray ? resolved.asArray() : contents instanceof PDFRef ? [contents] : [];
  for (const part of parts) {
    if (!(context.lookup(part) instanceof PDFStream)) throw damaged(`Page ${index + 1} of this PDF`);
  }
  const { width, height } = displayedPage(page);
  return { width: round(width), height: round(height) };
}

function encrypted(): PdfRejected {
  return new PdfRejected('encrypted', 'This PDF is password-protected. Remove the password and upload it again.');
}

/** Points to two decimals: more is noise, and it keeps the stored sizes readable. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
