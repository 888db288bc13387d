/**
 * The mark on every page of a voided contract: a large translucent "VOID" across the page, so no
 * printout or screenshot of any page passes for a live contract, and a footer line saying when and
 * why. Drawn in the displayed page's own upright space, so it reads right on rotated pages too.
 */
import { degrees, rgb, type PDFPage } from '@cantoo/pdf-lib';
import { displayedPage, inBox, placeBox } from './page-geometry';
import { measureWith, type DocumentFonts } from './pdf-fonts';
import { fitText, LINE_HEIGHT } from './text-fitting';

const VOID_COLOR = rgb(0.8, 0.1, 0.1);
const VOID_OPACITY = 0.2;
/** The word spans this share of the page's diagonal. */
const VOID_SPAN = 0.65;
/** DejaVu Sans Bold's capital height, as a share of the font size (for centring the word). */
const CAP_HEIGHT = 0.73;
const FOOTER_HEIGHT = 18;
const FOOTER_MARGIN = 8;

export function drawVoidMark(page: PDFPage, fonts: DocumentFonts, footer: string): void {
  const box = placeBox(displayedPage(page), { x: 0, y: 0, width: 1, height: 1 });
  inBox(page, box, () => {
    const angle = Math.atan2(box.height, box.width);
    const size = (VOID_SPAN * Math.hypot(box.width, box.height)) / fonts.bold.widthOfTextAtSize('VOID', 1);
    const textWidth = fonts.bold.widthOfTextAtSize('VOID', size);
    const capHeight = CAP_HEIGHT * size;
    // The word's middle (half its width along the baseline, half its capital height across) at the centre.
    const x = box.width / 2 - (textWidth / 2) * Math.cos(angle) + (capHeight / 2) * Math.sin(angle);
    const y = box.height / 2 - (textWidth / 2) * Math.sin(angle) - (capHeight / 2) * Math.cos(angle);
    page.drawText('VOID', {
      x,
      y,
      size,
      font: fonts.bold,
      color: VOID_COLOR,
      opacity: VOID_OPACITY,
      rotate: degrees((angle * 180) / Math.PI),
    });

    // A light band under the footer keeps it readable over the page's own text.
    page.drawRectangle({ x: 0, y: 0, width: box.width, height: FOOTER_HEIGHT, color: rgb(1, 1, 1), opacity: 0.85 });
    const inner = { width: box.width - 2 * FOOTER_MARGIN, height: FOOTER_HEIGHT - 4 };
    const fitted = fitText(footer, measureWith(fonts.regular), inner, {
      maxSize: 9,
      minSize: 4,
      minReadable: 6,
    });
    const ascent = fonts.regular.heightAtSize(fitted.size, { descender: false });
    let top = (FOOTER_HEIGHT + fitted.lines.length * fitted.size * LINE_HEIGHT) / 2;
    for (const line of fitted.lines) {
      page.drawText(line, {
        x: FOOTER_MARGIN,
        y: top - ascent,
        size: fitted.size,
        font: fonts.regular,
        color: VOID_COLOR,
      });
      top -= fitted.size * LINE_HEIGHT;
    }
  });
}
