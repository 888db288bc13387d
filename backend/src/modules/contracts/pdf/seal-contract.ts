/**
 * Turns a completed contract into its record: the original with every field filled in where it was
 * placed, made inert (no live form, no script), followed by the signing certificate and the audit
 * log, all under one PAdES signature; plus the certificate pages alone as a second signed file.
 * Voided contracts get a signed copy marked VOID instead.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, type PDFFont } from '@cantoo/pdf-lib';
import { addAuditLogPages, type AuditLogContent } from './audit-log-pages';
import { addCertificatePages, type CertificateContent } from './certificate-pages';
import { stampFields } from './field-stamping';
import { flattenForm, removeActiveContent } from './interactive-content';
import { embedDocumentFonts, embedFont } from './pdf-fonts';
import { signDocument } from './pdf-signature';
import { pictureCache } from './picture-cache';
import type { SealedContract, SealInput, VoidStampInput } from './seal-input';
import { OBJECTS_PER_TICK, removeUnreachableObjects, saveReachable } from './unreachable-objects';
import { formatUtc } from './utc-time';
import { drawVoidMark } from './void-mark';

export type {
  SealedContract,
  SealEvent,
  SealField,
  SealInput,
  SealRecipient,
  VoidStampInput,
} from './seal-input';

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
  const certificate: CertificateContent = { ...input, filledSha256 };
  const auditLog: AuditLogContent = input;
  const fonts = await embedDocumentFonts(doc);
  await addCertificatePages(doc, fonts, pictures, certificate);
  addAuditLogPages(doc, fonts, auditLog);
  const signature = { reason: 'Completed contract', name: input.brandName, signedAt: new Date() };
  const sealed = await signDocument(doc, signature, input.identity);

  const alone = await PDFDocument.create({ updateMetadata: false });
  const aloneFonts = await embedDocumentFonts(alone);
  await addCertificatePages(alone, aloneFonts, pictureCache(alone), certificate);
  addAuditLogPages(alone, aloneFonts, auditLog);
  describe(alone, `Signing certificate: ${input.title}`);
  return { sealed, certificate: await signDocument(alone, signature, input.identity), filledSha256 };
}

export async function stampVoid(input: VoidStampInput): Promise<Buffer> {
  const doc = await loadAsRecord(input.original);
  const fonts = await embedDocumentFonts(doc);
  makeInert(doc, fonts.regular);
  const footer = `Voided on ${formatUtc(input.voidedAt)}: ${input.reason}`;
  for (const page of doc.getPages()) drawVoidMark(page, fonts, footer);
  doc.setTitle(`VOID: ${input.title}`);
  return signDocument(doc, { reason: 'Voided contract', name: input.brandName, signedAt: new Date() }, input.identity);
}

async function loadAsRecord(original: Buffer): Promise<PDFDocument> {
  const doc = await PDFDocument.load(original, { parseSpeed: OBJECTS_PER_TICK, updateMetadata: false });
  describe(doc, null);
  return doc;
}

/** No live fields, no scripts, nothing unreachable (see interactive-content, unreachable-objects). */
function makeInert(doc: PDFDocument, font: PDFFont): void {
  flattenForm(doc, font);
  removeActiveContent(doc);
  removeUnreachableObjects(doc);
}

function describe(doc: PDFDocument, title: string | null): void {
  if (title) doc.setTitle(title);
  doc.setProducer(PRODUCER);
  doc.setModificationDate(new Date());
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
