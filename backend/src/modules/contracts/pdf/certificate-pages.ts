/**
 * The signing certificate: the pages that say what was signed (title, id, both fingerprints), by
 * whom, how and when, and where to check it. Everything a person needs to trust the contract
 * without Atrium at hand; the file's digital signature then vouches that none of it changed.
 */
import { rgb, type PDFDocument } from '@cantoo/pdf-lib';
import { PageFlow, RULE, MUTED, type TextStyle } from './page-flow';
import { measureWith, type DocumentFonts } from './pdf-fonts';
import { fitPicture, type EmbedPicture } from './picture-cache';
import type { SealRecipient } from './seal-input';
import { fitText, LINE_HEIGHT } from './text-fitting';
import { formatUtc } from './utc-time';

export interface CertificateContent {
  brandName: string;
  title: string;
  contractId: string;
  completedAt: Date;
  originalSha256: string;
  filledSha256: string;
  verificationUrl: string;
  recipients: readonly SealRecipient[];
}

const SUMMARY_LABEL_WIDTH = 150;
const DETAIL_LABEL_WIDTH = 80;
const PICTURE_BOX = { width: 160, height: 60 };
const COLUMN_GAP = 16;
const BLOCK_PADDING = 10;
/** A user agent is evidence, but three lines of it are enough to recognise the browser. */
const USER_AGENT_LINES = 3;

export async function addCertificatePages(
  doc: PDFDocument,
  fonts: DocumentFonts,
  embedPicture: EmbedPicture,
  content: CertificateContent,
): Promise<void> {
  const flow = new PageFlow(doc, fonts, { brand: content.brandName, section: 'Signing certificate' });
  const { regular, bold } = fonts;
  flow.paragraph('Signing certificate', { font: bold, size: 18 });
  flow.moveDown(4);
  flow.paragraph(content.title, { font: bold, size: 13 }, { maxLines: 4 });
  flow.moveDown(8);

  const summary: Array<[string, string]> = [
    ['Contract ID', content.contractId],
    ['Completed', formatUtc(content.completedAt)],
    ['Original document (SHA-256)', content.originalSha256],
    ['Signed document (SHA-256)', content.filledSha256],
    ['Verify at', content.verificationUrl],
  ];
  for (const [label, value] of summary) {
    labelledRow(flow, label, value, SUMMARY_LABEL_WIDTH, flow.width, { font: regular, size: 8.5 });
  }
  flow.moveDown(4);
  flow.paragraph(
    'The signed document fingerprint is taken of the completed contract as filled in, before these pages ' +
      'were added. The whole file, these pages included, carries a digital signature: any later change ' +
      'to it shows as a broken signature in a PDF reader.',
    { font: regular, size: 7.5, color: MUTED },
  );
  flow.moveDown(10);
  flow.paragraph('Recipients', { font: bold, size: 12 });
  flow.rule(4);
  for (const recipient of content.recipients) await recipientBlock(flow, embedPicture, recipient);
  flow.finish(`${content.title} · ${content.contractId} · signing certificate`);
}

async function recipientBlock(flow: PageFlow, embedPicture: EmbedPicture, recipient: SealRecipient): Promise<void> {
  const { regular, bold } = flow.fonts;
  const textWidth = flow.width - PICTURE_BOX.width - COLUMN_GAP;
  const nameStyle = { font: bold, size: 11 };
  const emailStyle = { font: regular, size: 9, color: MUTED };
  const detailStyle = { font: regular, size: 8.5 };
  const name = flow.lines(recipient.name, nameStyle, textWidth, 2);
  const email = flow.lines(recipient.email, emailStyle, textWidth, 2);
  const details = recipientDetails(recipient).map(([label, value, maxLines]) => ({
    label,
    lines: flow.lines(value, detailStyle, textWidth - DETAIL_LABEL_WIDTH, maxLines),
  }));
  const line = (style: TextStyle) => style.size * LINE_HEIGHT;
  const textHeight =
    name.length * line(nameStyle) +
    email.length * line(emailStyle) +
    4 +
    details.reduce((sum, detail) => sum + detail.lines.length * line(detailStyle), 0);
  const showsSignature = recipient.role !== 'copy' || recipient.signatureImage !== null;
  const height = Math.max(textHeight, showsSignature ? PICTURE_BOX.height + 14 : 0) + BLOCK_PADDING;

  flow.ensure(height);
  const top = flow.cursor;
  let y = top;
  for (const text of name) {
    flow.textAt(text, flow.left, y, nameStyle);
    y -= line(nameStyle);
  }
  for (const text of email) {
    flow.textAt(text, flow.left, y, emailStyle);
    y -= line(emailStyle);
  }
  y -= 4;
  for (const detail of details) {
    flow.textAt(detail.label, flow.left, y, { ...detailStyle, color: MUTED });
    for (const text of detail.lines) {
      flow.textAt(text, flow.left + DETAIL_LABEL_WIDTH, y, detailStyle);
      y -= line(detailStyle);
    }
  }
  if (showsSignature) await signatureBox(flow, embedPicture, recipient, flow.left + textWidth + COLUMN_GAP, top);
  flow.moveDown(height);
  flow.rule(4);
}

/** The recipient's signature picture (or typed words) in a framed box at the block's right. */
async function signatureBox(
  flow: PageFlow,
  embedPicture: EmbedPicture,
  recipient: SealRecipient,
  x: number,
  top: number,
): Promise<void> {
  const page = flow.page;
  const bottom = top - PICTURE_BOX.height;
  page.drawRectangle({ x, y: bottom, ...PICTURE_BOX, borderColor: RULE, borderWidth: 0.5, color: rgb(1, 1, 1) });
  const inner = { width: PICTURE_BOX.width - 8, height: PICTURE_BOX.height - 8 };
  const picture = recipient.signatureImage ? await embedPicture(recipient.signatureImage) : null;
  if (picture) {
    const size = fitPicture(picture, inner);
    page.drawImage(picture, {
      x: x + (PICTURE_BOX.width - size.width) / 2,
      y: bottom + (PICTURE_BOX.height - size.height) / 2,
      ...size,
    });
  } else {
    // No script fonts here: typed words print in the text face, a missing picture says so.
    const words = recipient.typedText ?? 'No signature picture';
    const font = flow.fonts.regular;
    const fitted = fitText(words, measureWith(font), inner, {
      maxSize: recipient.typedText ? 18 : 9,
      minSize: 5,
      minReadable: 7,
    });
    const color = recipient.typedText ? undefined : MUTED;
    const blockHeight = fitted.lines.length * fitted.size * LINE_HEIGHT;
    let lineTop = bottom + (PICTURE_BOX.height + blockHeight) / 2;
    for (const text of fitted.lines) {
      flow.textAt(text, x + 4, lineTop, { font, size: fitted.size, color });
      lineTop -= fitted.size * LINE_HEIGHT;
    }
  }
  flow.textAt(captionFor(recipient), x, bottom - 2, { font: flow.fonts.regular, size: 7, color: MUTED });
}

function captionFor(recipient: SealRecipient): string {
  const method = recipient.method ? ` (${recipient.method})` : '';
  return recipient.role === 'approver' ? `Approval${method}` : `Signature${method}`;
}

/** Label, value and how many lines the value may take. */
function recipientDetails(recipient: SealRecipient): Array<[string, string, number]> {
  const acted = recipient.status === 'declined' ? 'Declined' : ACTED_LABEL[recipient.role];
  return [
    ['Role', `${ROLE_LABEL[recipient.role]}, step ${recipient.step}`, 1],
    ['Status', recipient.status, 1],
    ['Method', recipient.method ? METHOD_LABEL[recipient.method] : '—', 1],
    ['IP address', recipient.ip ?? '—', 1],
    ['Browser', recipient.userAgent ?? '—', USER_AGENT_LINES],
    ['Time zone', recipient.timeZone ?? '—', 1],
    ['Sent', formatUtc(recipient.sentAt), 1],
    ['Viewed', formatUtc(recipient.viewedAt), 1],
    [acted, formatUtc(recipient.actedAt), 1],
  ];
}

const ROLE_LABEL: Record<SealRecipient['role'], string> = {
  signer: 'Signer',
  approver: 'Approver',
  copy: 'Receives a copy',
};
const ACTED_LABEL: Record<SealRecipient['role'], string> = { signer: 'Signed', approver: 'Approved', copy: 'Copied' };
const METHOD_LABEL: Record<NonNullable<SealRecipient['method']>, string> = {
  typed: 'Typed',
  drawn: 'Drawn',
  uploaded: 'Uploaded picture',
};

/** A label in its column and its value wrapped beside it, as one unit that does not split across pages. */
function labelledRow(
  flow: PageFlow,
  label: string,
  value: string,
  labelWidth: number,
  width: number,
  style: TextStyle,
): void {
  const lines = flow.lines(value, style, width - labelWidth);
  const labelLines = flow.lines(label, { ...style, color: MUTED }, labelWidth - 8);
  const height = Math.max(lines.length, labelLines.length) * style.size * LINE_HEIGHT + 3;
  flow.ensure(height);
  let top = flow.cursor;
  labelLines.forEach((text, index) =>
    flow.textAt(text, flow.left, top - index * style.size * LINE_HEIGHT, { ...style, color: MUTED }),
  );
  for (const text of lines) {
    flow.textAt(text, flow.left + labelWidth, top, style);
    top -= style.size * LINE_HEIGHT;
  }
  flow.moveDown(height);
}
