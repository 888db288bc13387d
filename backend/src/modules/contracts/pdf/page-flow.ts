/**
 * A small flowing layout for the pages we add (certificate, audit log): text runs down A4 pages,
 * a new page starts when the next line or block would not fit, and every page carries the same
 * header (the agency's portal name and what the pages are) and a numbered footer. Enough layout for
 * a record; not a general typesetter.
 */
import { PageSizes, rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from '@cantoo/pdf-lib';
import { measureWith, type DocumentFonts } from './pdf-fonts';
import { LINE_HEIGHT, printable, truncate, wrapText } from './text-fitting';

export const PAGE_MARGIN = 50;
const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const HEADER_SIZE = 11;
const FOOTER_SIZE = 7.5;
/** Where content starts, below the header and its rule. */
const CONTENT_TOP = PAGE_HEIGHT - PAGE_MARGIN - 34;
/** Where content must end, above the footer. */
const CONTENT_BOTTOM = PAGE_MARGIN + 18;

export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.4, 0.42, 0.46);
export const RULE = rgb(0.82, 0.83, 0.86);

export interface TextStyle {
  font: PDFFont;
  size: number;
  color?: RGB;
}

export class PageFlow {
  readonly pages: PDFPage[] = [];
  /** The usable width between the margins. */
  readonly width = PAGE_WIDTH - 2 * PAGE_MARGIN;
  readonly left = PAGE_MARGIN;
  private current: PDFPage | null = null;
  /** The top of the next thing to draw, in points from the page's bottom. */
  private top = CONTENT_TOP;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: DocumentFonts,
    private readonly header: { brand: string; section: string },
    /** Drawn at the top of every page after the first, e.g. a table's column headings. */
    private readonly continuation: ((flow: PageFlow) => void) | null = null,
  ) {}

  get page(): PDFPage {
    return this.current ?? this.newPage();
  }

  /** The top of the next thing to draw. */
  get cursor(): number {
    if (!this.current) this.newPage();
    return this.top;
  }

  /** Starts a new page unless `height` points still fit on this one (or this one is still empty). */
  ensure(height: number): void {
    if (!this.current || (this.top - height < CONTENT_BOTTOM && this.top < CONTENT_TOP)) {
      this.newPage(this.current !== null);
    }
  }

  moveDown(height: number): void {
    this.top -= height;
  }

  /** Wrapped text at the cursor, across pages if need be, at most `maxLines` lines. */
  paragraph(text: string, style: TextStyle, options: { indent?: number; maxLines?: number } = {}): void {
    const indent = options.indent ?? 0;
    for (const line of this.lines(text, style, this.width - indent, options.maxLines)) {
      this.ensure(style.size * LINE_HEIGHT);
      this.textAt(line, this.left + indent, this.top, style);
      this.moveDown(style.size * LINE_HEIGHT);
    }
  }

  /** A horizontal rule across the usable width at the cursor. */
  rule(spacing = 6): void {
    this.ensure(2 * spacing);
    this.moveDown(spacing);
    this.page.drawLine({
      start: { x: this.left, y: this.top },
      end: { x: this.left + this.width, y: this.top },
      thickness: 0.5,
      color: RULE,
    });
    this.moveDown(spacing);
  }

  /** One line of text whose top is at `top` (no wrapping, no page break: the caller measured). */
  textAt(text: string, x: number, top: number, style: TextStyle): void {
    const ascent = style.font.heightAtSize(style.size, { descender: false });
    const glyphHeight = style.font.heightAtSize(style.size);
    const baseline = top - (style.size * LINE_HEIGHT - glyphHeight) / 2 - ascent;
    this.page.drawText(text, { x, y: baseline, size: style.size, font: style.font, color: style.color ?? INK });
  }

  /** `text` broken into lines of at most `width`, the last of `maxLines` ending in an ellipsis if cut. */
  lines(text: string, style: TextStyle, width: number, maxLines = Infinity): string[] {
    const measure = measureWith(style.font);
    const lines = wrapText(printable(text, true), measure, style.size, width);
    if (lines.length <= maxLines) return lines;
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = truncate(`${kept[maxLines - 1]}…`, measure, style.size, width);
    return kept;
  }

  /** Numbers the pages: "left text · page 2 of 3" in every footer. */
  finish(footer: string): void {
    const style = { font: this.fonts.regular, size: FOOTER_SIZE, color: MUTED };
    const measure = measureWith(style.font);
    this.pages.forEach((page, index) => {
      const numbering = `page ${index + 1} of ${this.pages.length}`;
      const numberingWidth = style.font.widthOfTextAtSize(numbering, style.size);
      const text = truncate(printable(footer), measure, style.size, this.width - numberingWidth - 12);
      page.drawText(text, { x: this.left, y: PAGE_MARGIN - 4, ...style });
      page.drawText(numbering, { x: this.left + this.width - numberingWidth, y: PAGE_MARGIN - 4, ...style });
    });
  }

  private newPage(continued = false): PDFPage {
    const page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.current = page;
    this.pages.push(page);
    this.top = CONTENT_TOP;
    const { bold, regular } = this.fonts;
    const headerTop = PAGE_HEIGHT - PAGE_MARGIN;
    const section = printable(this.header.section);
    const sectionWidth = regular.widthOfTextAtSize(section, HEADER_SIZE);
    const brand = truncate(
      printable(this.header.brand),
      measureWith(bold),
      HEADER_SIZE,
      this.width - sectionWidth - 24,
    );
    this.textAt(brand, this.left, headerTop, { font: bold, size: HEADER_SIZE });
    this.textAt(section, this.left + this.width - sectionWidth, headerTop, {
      font: regular,
      size: HEADER_SIZE,
      color: MUTED,
    });
    const ruleY = headerTop - HEADER_SIZE * LINE_HEIGHT - 6;
    page.drawLine({
      start: { x: this.left, y: ruleY },
      end: { x: this.left + this.width, y: ruleY },
      thickness: 0.75,
      color: RULE,
    });
    if (continued && this.continuation) this.continuation(this);
    return page;
  }
}
