/**
 * Writes what the recipients filled in onto the pages, where the agency placed each field. Each
 * field is drawn in its own upright coordinate system (see page-geometry), so pictures and text
 * read the right way up on rotated pages and stay inside their box on cropped ones.
 */
import { LineCapStyle, rgb, type PDFDocument, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { displayedPage, inBox, placeBox, type DisplayedPage, type PlacedBox } from './page-geometry';
import { measureWith } from './pdf-fonts';
import { fitPicture, type EmbedPicture } from './picture-cache';
import type { SealField } from './seal-input';
import { fitText, LINE_HEIGHT } from './text-fitting';

const INK = rgb(0.05, 0.05, 0.2);
/** Field text never prints larger than this, however tall the box. */
const MAX_TEXT_SIZE = 16;
const MIN_TEXT_SIZE = 4;
/** Below this a single line is wrapped instead of shrunk further. */
const MIN_READABLE_SIZE = 7;
/** Breathing room between a box's edge and its text, as a share of the box height (capped). */
const TEXT_INSET = 0.1;

export async function stampFields(
  doc: PDFDocument,
  fields: readonly SealField[],
  font: PDFFont,
  embedPicture: EmbedPicture,
): Promise<void> {
  const pages = doc.getPages();
  const geometry = new Map<number, DisplayedPage>();
  for (const field of fields) {
    const page = pages[field.page];
    if (!page)
      throw new Error(`A ${field.kind} field is on page ${field.page + 1}, but the document has ${pages.length}.`);
    let displayed = geometry.get(field.page);
    if (!displayed) {
      displayed = displayedPage(page);
      geometry.set(field.page, displayed);
    }
    const box = placeBox(displayed, field);
    if (box.width <= 0 || box.height <= 0) continue;
    await stampField(page, box, field, font, embedPicture);
  }
}

async function stampField(
  page: PDFPage,
  box: PlacedBox,
  field: SealField,
  font: PDFFont,
  embedPicture: EmbedPicture,
): Promise<void> {
  switch (field.kind) {
    case 'signature':
    case 'initials': {
      const picture = field.image ? await embedPicture(field.image) : null;
      if (picture) {
        const size = fitPicture(picture, box);
        inBox(page, box, () =>
          page.drawImage(picture, {
            x: (box.width - size.width) / 2,
            y: (box.height - size.height) / 2,
            ...size,
          }),
        );
      } else if (field.value) {
        // A typed signature without its picture: the words themselves.
        inBox(page, box, () => drawFittedText(page, box, field.value ?? '', font));
      }
      return;
    }
    case 'name':
    case 'date':
    case 'text':
      if (field.value) inBox(page, box, () => drawFittedText(page, box, field.value ?? '', font));
      return;
    case 'checkbox':
      if (field.value === 'true') inBox(page, box, () => drawTick(page, box));
      return;
  }
}

/** Text as large as fits, left-aligned and centred vertically, inside the box. */
function drawFittedText(page: PDFPage, box: { width: number; height: number }, text: string, font: PDFFont): void {
  const inset = Math.min(box.height * TEXT_INSET, 2);
  const inner = { width: box.width - 2 * inset, height: box.height - 2 * inset };
  if (inner.width <= 0 || inner.height <= 0) return;
  const fitted = fitText(text, measureWith(font), inner, {
    maxSize: MAX_TEXT_SIZE,
    minSize: MIN_TEXT_SIZE,
    minReadable: MIN_READABLE_SIZE,
  });
  const lineHeight = fitted.size * LINE_HEIGHT;
  const blockHeight = fitted.lines.length * lineHeight;
  // Each line's glyphs (ascent + descent) centred in its line height, the block centred in the box.
  const ascent = font.heightAtSize(fitted.size, { descender: false });
  const glyphHeight = font.heightAtSize(fitted.size);
  let baseline = (box.height + blockHeight) / 2 - (lineHeight - glyphHeight) / 2 - ascent;
  for (const line of fitted.lines) {
    page.drawText(line, { x: inset, y: baseline, size: fitted.size, font, color: INK });
    baseline -= lineHeight;
  }
}

/** A hand-drawn-looking tick in the middle of the box. */
function drawTick(page: PDFPage, box: { width: number; height: number }): void {
  const side = Math.min(box.width, box.height);
  const left = (box.width - side) / 2;
  const bottom = (box.height - side) / 2;
  const at = (u: number, v: number) => ({ x: left + u * side, y: bottom + v * side });
  const line = { thickness: Math.max(side * 0.1, 0.75), color: INK, lineCap: LineCapStyle.Round };
  page.drawLine({ start: at(0.2, 0.52), end: at(0.42, 0.26), ...line });
  page.drawLine({ start: at(0.42, 0.26), end: at(0.8, 0.78), ...line });
}
