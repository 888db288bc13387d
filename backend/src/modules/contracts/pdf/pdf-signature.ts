/**
 * One PAdES signature over the whole file. We write an empty signature with @cantoo/pdf-lib (a /Sig
 * dictionary whose /ByteRange and /Contents are placeholders, behind an invisible widget) and save
 * without object streams, so the placeholders sit in the file as plain text; then @signpdf measures
 * the byte ranges around /Contents, has them signed (CMS, SHA-256: see pkcs12-signer) and writes
 * the signature into the gap. Our own placeholder routine, because @signpdf/placeholder-pdf-lib is
 * tied to the unmaintained pdf-lib, whose object classes do not mix with the fork's.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDocument } from '@cantoo/pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { Pkcs12Signer } from './pkcs12-signer';
import type { SigningIdentity } from './signing-identity';
import { saveReachable } from './unreachable-objects';

/**
 * Room for the CMS signature, in bytes (written as twice as many hex digits). An RSA-2048 signature
 * with one certificate takes about 1.5 kB; an operator's certificate may bring its chain along.
 */
const SIGNATURE_ROOM_BYTES = 16_384;
/**
 * More room when the signature carries a time-stamp token: a few kB with the authority's
 * certificate, more when the authority sends its chain along.
 */
const TIMESTAMP_ROOM_BYTES = 16_384;
/** Annotation flags: Print (4) + Locked (128), so nothing moves or deletes the widget. */
const WIDGET_FLAGS = 132;
/** AcroForm /SigFlags: SignaturesExist (1) + AppendOnly (2). */
const SIG_FLAGS = 3;

export interface SignatureDetails {
  reason: string;
  /** Who signs, as readers show it (the agency's portal name). */
  name: string;
  signedAt: Date;
}

/**
 * Saves `doc` with a signature placeholder and signs it with `identity`, time-stamped by the RFC 3161
 * authority at `timestampUrl` if one is given (see pkcs12-signer). Call once, last.
 */
export async function signDocument(
  doc: PDFDocument,
  details: SignatureDetails,
  identity: SigningIdentity,
  timestampUrl: string | null = null,
): Promise<Buffer> {
  addSignaturePlaceholder(doc, details, SIGNATURE_ROOM_BYTES + (timestampUrl ? TIMESTAMP_ROOM_BYTES : 0));
  const unsigned = await saveReachable(doc);
  return new SignPdf().sign(Buffer.from(unsigned), new Pkcs12Signer(identity, timestampUrl), details.signedAt);
}

function addSignaturePlaceholder(doc: PDFDocument, details: SignatureDetails, roomBytes: number): void {
  const { context } = doc;
  const placeholder = PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER);
  // @signpdf finds /ByteRange first, then the next "/Contents ": the order of the entries matters.
  const signature = context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    ByteRange: [PDFNumber.of(0), placeholder, placeholder, placeholder],
    Contents: PDFHexString.of('0'.repeat(roomBytes * 2)),
    Reason: PDFHexString.fromText(details.reason),
    Name: PDFHexString.fromText(details.name),
    M: PDFString.fromDate(details.signedAt),
  });
  const signatureRef = context.register(signature);

  const pages = doc.getPages();
  const lastPage = pages[pages.length - 1];
  const acroForm = acroFormOf(doc);
  // Invisible: a zero-size rectangle on the last page; the seal is the certificate pages' business.
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(uniqueFieldName(doc, acroForm, 'Seal')),
    Rect: [0, 0, 0, 0],
    F: WIDGET_FLAGS,
    P: lastPage.ref,
    V: signatureRef,
  });
  const widgetRef = context.register(widget);
  lastPage.node.addAnnot(widgetRef);

  const fields = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray) ?? context.obj([]);
  fields.push(widgetRef);
  acroForm.set(PDFName.of('Fields'), fields);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(SIG_FLAGS));
}

function acroFormOf(doc: PDFDocument): PDFDict {
  const existing = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (existing) return existing;
  const created = doc.context.obj({ Fields: [] });
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.register(created));
  return created;
}

/** A top-level field name not taken yet (a form that could not be flattened keeps its fields). */
function uniqueFieldName(doc: PDFDocument, acroForm: PDFDict, base: string): string {
  const fields = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray);
  const taken = new Set<string>();
  for (let index = 0; fields && index < fields.size(); index++) {
    const field = doc.context.lookupMaybe(fields.get(index), PDFDict);
    const name = field?.lookupMaybe(PDFName.of('T'), PDFString, PDFHexString);
    if (name) taken.add(name.decodeText());
  }
  let candidate = base;
  for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${base} ${suffix}`;
  return candidate;
}
