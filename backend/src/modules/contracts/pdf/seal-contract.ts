/**
 * Turns a completed contract into its record: the original with every field filled in where it was
 * placed, made inert (no live form, no script), followed by the signing certificate and the audit
 * log, all under one PAdES signature; plus the certificate pages alone as a second signed file.
 * Voided contracts get a signed copy marked VOID instead.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, type PDFFont } from '@cantoo/pdf-lib';
import { addAuditLogPages } from './audit-log-pages';
import { addCertificatePages } from './certificate-pages';
import { stampFields } from './field-stamping';
import { flattenForm, removeActiveContent } from './interactive-content';
import { embedDocumentFonts, embedFont } from './pdf-fonts';
import { signDocument } from './pdf-signature';
import { pictureCache } from './picture-cache';
import type { SealedContract, SealInput, VoidStampInput } from './seal-input';
import { loadPdf } from './pdf-loading';
import { removeUnreachableObjects, saveReachable } from './unreachable-objects';
import { formatUtc } from './utc-time';
import { drawVoidMark } from './void-mark';

export type { SealedContract, SealEvent, SealField, SealInput, SealRecipient, VoidStampInput } from './seal-input';

const PRODUCER = 'Atrium';

export async function sealContract(input: SealInput): Promise<SealedContract> {
  const doc = await loadAsRecord(input.original);
  const fieldFont = await embedFont(doc, 'regular');
  makeInert(doc, fieldFont);
  const pictures = pictureCache(doc);
  await stampFields(doc, input.fields, fieldFont, pictures);
  doc.setTitle(input.title);
  // The fingerprint printed on the certificate: the filled contract, before the certificate exists.
  const filledSha256 = sha256(await saveReachable(doc));

  // Fresh font subsets for the added pages: the saved ones are final (see embedFont).
  const fonts = await embedDocumentFonts(doc);
  const firstAdded = doc.getPageCount();
  await addCertificatePages(doc, fonts, pictures, { ...input, filledSha256 });
  addAuditLogPages(doc, fonts, input);

  // The certificate alone is a copy of those pages, fonts and pictures included: copied objects,
  // not drawn and embedded again. Copying needs them written into the document first (flush).
  await doc.flush();
  const alone = await PDFDocument.create({ updateMetadata: false });
  const indices = Array.from({ length: doc.getPageCount() - firstAdded }, (_, index) => firstAdded + index);
  for (const page of await alone.copyPages(doc, indices)) alone.addPage(page);
  describeRecord(alone, `Signing certificate: ${input.title}`);

  const signature = { reason: 'Completed contract', name: input.brandName, signedAt: new Date() };
  return {
    sealed: await signDocument(doc, signature, input.identity, input.timestampUrl),
    certificate: await signDocument(alone, signature, input.identity, input.timestampUrl),
    filledSha256,
  };
}

export async function stampVoid(input: VoidStampInput): Promise<Buffer> {
  const doc = await loadAsRecord(input.original);
  const fonts = await embedDocumentFonts(doc);
  makeInert(doc, fonts.regular);
  const footer = `Voided on ${formatUtc(input.voidedAt)}: ${input.reason}`;
  for (const page of doc.getPages()) drawVoidMark(page, fonts, footer);
  doc.setTitle(`VOID: ${input.title}`);
  const signature = { reason: 'Voided contract', name: input.brandName, signedAt: new Date() };
  return signDocument(doc, signature, input.identity, input.timestampUrl);
}

async function loadAsRecord(original: Buffer): Promise<PDFDocument> {
  const doc = await loadPdf(original);
  describeRecord(doc, null);
  return doc;
}

/** No live fields, no scripts, nothing unreachable (see interactive-content, unreachable-objects). */
function makeInert(doc: PDFDocument, font: PDFFont): void {
  flattenForm(doc, font);
  removeActiveContent(doc);
  removeUnreachableObjects(doc);
}

function describeRecord(doc: PDFDocument, title: string | null): void {
  if (title) doc.setTitle(title);
  doc.setProducer(PRODUCER);
  doc.setModificationDate(new Date());
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
