/**
 * How contract PDFs are read. pdf-lib's default parse speed yields to the event loop every 100
 * objects and waits a timer tick each time, which on a large file is most of the time spent; a few
 * thousand objects parse (or write) in milliseconds, short enough not to hold up other requests.
 * Metadata stays as it was: reading a file must not change it.
 */
import { PDFDocument } from '@cantoo/pdf-lib';

/** Objects parsed or written between two turns of the event loop. */
export const OBJECTS_PER_TICK = 2000;

/** Loads a PDF; throws pdf-lib's errors (EncryptedPDFError for an encrypted file). */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { parseSpeed: OBJECTS_PER_TICK, updateMetadata: false });
}
