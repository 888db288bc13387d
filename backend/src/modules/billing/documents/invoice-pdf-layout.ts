/**
 * Draws an InvoiceDocument on A4 pages: the issuer's logo (or name) and brand colour, the title
 * and facts, bill-to, the lines table (descriptions wrap, rows continue on the next page with the
 * headings repeated), the totals, notes and terms, and "Page n of m" in every footer. Text goes
 * through an embedded DejaVu subset, so any name (Łódź, Δέλτα, Дмитрий) prints as written.
 */
import {
  degrees,
  PageSizes,
  PDFDocument,
  rgb,
  type PDFFont,
  type PDFImage,
  type PDFPage,
  type RGB,
} from '@cantoo/pdf-lib';
import { embedDocumentFonts, measureWith, type DocumentFonts } from '../../contracts/pdf/pdf-fonts';
import { LINE_HEIGHT, printable, truncate, wrapText } from '../../contracts/pdf/text-fitting';
import type { InvoiceDocument } from './invoice-document';

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN = 50;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const CONTENT_BOTTOM = MARGIN + 24;
const BODY = 9.5;
const SMALL = 8;

const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.42, 0.46);
const RULE = rgb(0.82, 0.83, 0.86);
const STAMP_COLORS: Record<string, RGB> = {
  PAID: rgb(0.1, 0.5, 0.25),
  VOID: rgb(0.72, 0.12, 0.12),
  DRAFT: rgb(0.45, 0.45, 0.5),
  'PARTIALLY PAID': rgb(0.7, 0.42, 0.05),
};
/** Atrium's own colour, for an issuer without a (valid) brand colour. */
const DEFAULT_BRAND = '#3f51b5';

/** The lines table: widths add up to the content width; numbers are right-aligned. */
export const TABLE_COLUMNS = [
  { key: 'description', heading: 'Description', width: 215, align: 'left' },
  { key: 'quantity', heading: 'Qty', width: 50, align: 'right' },
  { key: 'unitPrice', heading: 'Unit price', width: 85, align: 'right' },
  { key: 'taxRate', heading: 'Tax', width: 55, align: 'right' },
  { key: 'amount', heading: 'Amount', width: 90, align: 'right' },
] as const;
const CELL_GAP = 8;

export interface InvoicePdfInput {
  document: InvoiceDocument;
  /** The issuer's logo as PNG bytes, or null to print its name instead. */
  logoPng: Uint8Array | null;
  /** When the invoice was last changed: the PDF's dates, so a re-render of the same state matches. */
  changedAt: Date;
}

export async function renderInvoicePdf(input: InvoicePdfInput): Promise<Buffer> {
  const { document } = input;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(document.title, { showInWindowTitleBar: true });
  doc.setAuthor(printable(document.issuer.name));
  doc.setSubject(`${document.title} from ${printable(document.issuer.name)}`);
  doc.setCreator('Atrium');
  doc.setProducer('Atrium');
  doc.setLanguage('en');
  doc.setCreationDate(input.changedAt);
  doc.setModificationDate(input.changedAt);
  const fonts = await embedDocumentFonts(doc);
  const logo = input.logoPng ? await embedLogo(doc, input.logoPng) : null;
  const pages = new InvoicePages(doc, fonts, brandColor(document.issuer.primaryColor));
  pages.drawHeader(document, logo);
  pages.drawParties(document);
  pages.drawStamp(document);
  pages.drawLines(document);
  pages.drawTotals(document);
  pages.drawText('Notes', document.notes);
  pages.drawText('Terms', document.terms);
  pages.finish(document);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A brand colour as given ("#1a73e8"), or Atrium's when it is not a 6-digit hex colour. */
export function brandColor(hex: string | null): RGB {
  const value = hex && /^#[0-9a-fA-F]{6}$/.test(hex) ? hex : DEFAULT_BRAND;
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(value.slice(at, at + 2), 16) / 255);
  return rgb(r, g, b);
}

/** Whether white text reads on `color` (WCAG contrast of at least 4.5:1); else ink is used. */
export function whiteReadsOn(color: RGB): boolean {
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(color.red) + 0.7152 * linear(color.green) + 0.0722 * linear(color.blue);
  return 1.05 / (luminance + 0.05) >= 4.5;
}

/** The logo, or null when the bytes are not a PNG pdf-lib can read (the name is printed instead). */
async function embedLogo(doc: PDFDocument, png: Uint8Array): Promise<PDFImage | null> {
  try {
    return await doc.embedPng(png);
  } catch {
    return null;
  }
}

/** Where the next thing goes, and a new page (with the table's headings, if in the table) when it does not fit. */
class InvoicePages {
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private top = 0;
  /** Set while the lines table runs: a page break repeats its headings. */
  private inTable = false;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: DocumentFonts,
    private readonly brand: RGB,
  ) {
    this.newPage();
  }

  drawHeader(document: InvoiceDocument, logo: PDFImage | null): void {
    const { bold, regular } = this.fonts;
    const titleSize = 22;
    const title = document.draft ? 'DRAFT INVOICE' : 'INVOICE';
    const titleWidth = bold.widthOfTextAtSize(title, titleSize);
    const nameWidth = CONTENT_WIDTH - titleWidth - 24;
    let leftBottom = this.top;
    if (logo) {
      const scale = Math.min(160 / logo.width, 56 / logo.height, 1);
      const width = logo.width * scale;
      const height = logo.height * scale;
      this.page.drawImage(logo, { x: MARGIN, y: this.top - height, width, height });
      leftBottom = this.top - height - 6;
      this.line(this.fit(document.issuer.name, regular, BODY, nameWidth), MARGIN, leftBottom, regular, BODY, MUTED);
      leftBottom -= BODY * LINE_HEIGHT;
    } else {
      this.line(this.fit(document.issuer.name, bold, 16, nameWidth), MARGIN, this.top, bold, 16, INK);
      leftBottom = this.top - 16 * LINE_HEIGHT;
    }
    const titleColor = whiteReadsOn(this.brand) ? this.brand : INK;
    this.line(title, MARGIN + CONTENT_WIDTH - titleWidth, this.top, bold, titleSize, titleColor);
    let rightBottom = this.top - titleSize * LINE_HEIGHT;
    if (document.number) {
      const width = regular.widthOfTextAtSize(document.number, 12);
      this.line(document.number, MARGIN + CONTENT_WIDTH - width, rightBottom, regular, 12, INK);
      rightBottom -= 12 * LINE_HEIGHT;
    }
    this.top = Math.min(leftBottom, rightBottom) - 18;
  }

  /** Bill-to on the left, the invoice's facts on the right. */
  drawParties(document: InvoiceDocument): void {
    const { bold, regular } = this.fonts;
    const start = this.top;
    const half = CONTENT_WIDTH / 2 - 12;
    let left = start;
    this.line('BILL TO', MARGIN, left, bold, SMALL, MUTED);
    left -= SMALL * LINE_HEIGHT + 2;
    document.billTo.forEach((text, index) => {
      for (const wrapped of this.wrap(text, index === 0 ? bold : regular, BODY, half)) {
        this.line(wrapped, MARGIN, left, index === 0 ? bold : regular, BODY, INK);
        left -= BODY * LINE_HEIGHT;
      }
    });
    let right = start;
    const labelX = MARGIN + CONTENT_WIDTH / 2 + 12;
    for (const fact of document.facts) {
      const font = fact.strong ? bold : regular;
      this.line(fact.label, labelX, right, regular, BODY, MUTED);
      this.rightAligned(fact.value, MARGIN + CONTENT_WIDTH, right, font, BODY, INK);
      right -= BODY * LINE_HEIGHT + 2;
    }
    this.top = Math.min(left, right) - 16;
  }

  /** The status (PAID, VOID + reason, PARTIALLY PAID + balance, DRAFT) in a coloured band; a draft also gets a watermark. */
  drawStamp(document: InvoiceDocument): void {
    if (!document.stamp) return;
    const { bold, regular } = this.fonts;
    const color = STAMP_COLORS[document.stamp.label] ?? INK;
    const labelWidth = bold.widthOfTextAtSize(document.stamp.label, 12);
    const details = this.wrap(document.stamp.detail, regular, BODY, CONTENT_WIDTH - labelWidth - 36);
    const height = Math.max(12 * LINE_HEIGHT, details.length * BODY * LINE_HEIGHT) + 12;
    this.page.drawRectangle({
      x: MARGIN,
      y: this.top - height,
      width: CONTENT_WIDTH,
      height,
      borderColor: color,
      borderWidth: 1.25,
    });
    this.line(document.stamp.label, MARGIN + 10, this.top - 6, bold, 12, color);
    details.forEach((text, index) => {
      this.line(text, MARGIN + labelWidth + 26, this.top - 6 - index * BODY * LINE_HEIGHT, regular, BODY, INK);
    });
    this.top -= height + 16;
  }

  drawLines(document: InvoiceDocument): void {
    this.tableHeadings();
    this.inTable = true;
    const { regular } = this.fonts;
    const rowLine = BODY * LINE_HEIGHT;
    for (const row of document.lines) {
      const description = this.wrap(row.description, regular, BODY, TABLE_COLUMNS[0].width - CELL_GAP);
      // A row starts where at least its first line (with its figures) fits; its description may go on overleaf.
      this.ensure(rowLine + 6);
      this.top -= 3;
      description.forEach((text, index) => {
        this.ensure(rowLine);
        this.line(text, MARGIN, this.top, regular, BODY, INK);
        if (index === 0) this.figures(row);
        this.top -= rowLine;
      });
      if (description.length === 0) {
        this.figures(row);
        this.top -= rowLine;
      }
      this.top -= 3;
      this.rule(0.5);
    }
    this.inTable = false;
    this.top -= 10;
  }

  drawTotals(document: InvoiceDocument): void {
    const { bold, regular } = this.fonts;
    const labelX = MARGIN + CONTENT_WIDTH * 0.42;
    const labelWidth = CONTENT_WIDTH * 0.58 - 110;
    for (const row of document.totals) {
      const font = row.strong ? bold : regular;
      const size = row.strong ? BODY + 1 : BODY;
      this.ensure(size * LINE_HEIGHT + 4);
      if (row.strong) {
        this.page.drawLine({
          start: { x: labelX, y: this.top + 1 },
          end: { x: MARGIN + CONTENT_WIDTH, y: this.top + 1 },
          thickness: 0.75,
          color: this.brand,
        });
        this.top -= 3;
      }
      this.line(this.fit(row.label, font, size, labelWidth), labelX, this.top, font, size, INK);
      this.rightAligned(row.value, MARGIN + CONTENT_WIDTH, this.top, font, size, INK);
      this.top -= size * LINE_HEIGHT + 3;
    }
    this.top -= 12;
  }

  /** A titled block of free text (notes, terms), wrapped across pages; nothing when empty. */
  drawText(heading: string, text: string): void {
    if (!text) return;
    const { bold, regular } = this.fonts;
    this.ensure(SMALL * LINE_HEIGHT + BODY * LINE_HEIGHT * 2);
    this.line(heading.toUpperCase(), MARGIN, this.top, bold, SMALL, MUTED);
    this.top -= SMALL * LINE_HEIGHT + 2;
    for (const wrapped of this.wrap(text, regular, BODY, CONTENT_WIDTH, true)) {
      this.ensure(BODY * LINE_HEIGHT);
      this.line(wrapped, MARGIN, this.top, regular, BODY, INK);
      this.top -= BODY * LINE_HEIGHT;
    }
    this.top -= 12;
  }

  /** Footer on every page, "Page n of m"; a draft's pages get a diagonal DRAFT watermark. */
  finish(document: InvoiceDocument): void {
    const { regular, bold } = this.fonts;
    const measure = measureWith(regular);
    this.pages.forEach((page, index) => {
      const numbering = `Page ${index + 1} of ${this.pages.length}`;
      const numberingWidth = regular.widthOfTextAtSize(numbering, SMALL);
      const footer = truncate(printable(document.footer), measure, SMALL, CONTENT_WIDTH - numberingWidth - 12);
      page.drawText(footer, { x: MARGIN, y: MARGIN - 10, size: SMALL, font: regular, color: MUTED });
      page.drawText(numbering, {
        x: MARGIN + CONTENT_WIDTH - numberingWidth,
        y: MARGIN - 10,
        size: SMALL,
        font: regular,
        color: MUTED,
      });
      if (document.draft) {
        page.drawText('DRAFT', {
          x: 150,
          y: 260,
          size: 120,
          font: bold,
          color: rgb(0.6, 0.6, 0.65),
          opacity: 0.15,
          rotate: degrees(40),
        });
      }
    });
  }

  private tableHeadings(): void {
    const { bold } = this.fonts;
    this.ensure(SMALL * LINE_HEIGHT + 40);
    const height = SMALL * LINE_HEIGHT + 8;
    const fill = whiteReadsOn(this.brand) ? this.brand : rgb(0.93, 0.94, 0.96);
    const ink = whiteReadsOn(this.brand) ? rgb(1, 1, 1) : INK;
    this.page.drawRectangle({ x: MARGIN, y: this.top - height, width: CONTENT_WIDTH, height, color: fill });
    let x = MARGIN;
    for (const column of TABLE_COLUMNS) {
      if (column.align === 'left') this.line(column.heading, x + 4, this.top - 4, bold, SMALL, ink);
      else this.rightAligned(column.heading, x + column.width - 4, this.top - 4, bold, SMALL, ink);
      x += column.width;
    }
    this.top -= height + 2;
  }

  /** The numbers of a row (everything but the description), on its first line. */
  private figures(row: InvoiceDocument['lines'][number]): void {
    const { regular } = this.fonts;
    let x = MARGIN + TABLE_COLUMNS[0].width;
    for (const column of TABLE_COLUMNS.slice(1)) {
      const text = row[column.key];
      this.rightAligned(text, x + column.width - 4, this.top, regular, BODY, INK);
      x += column.width;
    }
  }

  private rule(thickness: number): void {
    this.page.drawLine({
      start: { x: MARGIN, y: this.top },
      end: { x: MARGIN + CONTENT_WIDTH, y: this.top },
      thickness,
      color: RULE,
    });
  }

  private ensure(height: number): void {
    if (this.top - height >= CONTENT_BOTTOM) return;
    this.newPage();
    if (this.inTable) this.tableHeadings();
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    // A band of the brand colour across the top of every page.
    this.page.drawRectangle({ x: 0, y: PAGE_HEIGHT - 8, width: PAGE_WIDTH, height: 8, color: this.brand });
    this.top = PAGE_HEIGHT - MARGIN;
  }

  private wrap(text: string, font: PDFFont, size: number, width: number, keepLineBreaks = false): string[] {
    const clean = printable(text, keepLineBreaks);
    return clean ? wrapText(clean, measureWith(font), size, width) : [];
  }

  private fit(text: string, font: PDFFont, size: number, width: number): string {
    return truncate(printable(text), measureWith(font), size, width);
  }

  /** One line of text whose top is at `top`. */
  private line(text: string, x: number, top: number, font: PDFFont, size: number, color: RGB): void {
    if (!text) return;
    const ascent = font.heightAtSize(size, { descender: false });
    const glyphHeight = font.heightAtSize(size);
    const baseline = top - (size * LINE_HEIGHT - glyphHeight) / 2 - ascent;
    this.page.drawText(text, { x, y: baseline, size, font, color });
  }

  private rightAligned(text: string, right: number, top: number, font: PDFFont, size: number, color: RGB): void {
    this.line(text, right - font.widthOfTextAtSize(text, size), top, font, size, color);
  }
}
