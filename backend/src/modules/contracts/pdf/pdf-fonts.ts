/**
 * The fonts everything we print goes through. The PDF standard fonts only know WinAnsi (Western
 * European), so a signer called Łukasz Żółć or Дмитрий would print wrong or not at all; DejaVu
 * covers Latin, Greek and Cyrillic. Embedded as subsets (only the glyphs used).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import type { MeasureText } from './text-fitting';
import { subsettingFontkit } from './fontkit-adapter';

export interface DocumentFonts {
  regular: PDFFont;
  bold: PDFFont;
}

type FontFiles = Record<keyof DocumentFonts, Uint8Array>;

/**
 * Node's own `require`, also inside the webpack bundle (where a plain `require.resolve` becomes a
 * module number): the font files are read from node_modules at run time, not bundled.
 */
declare const __non_webpack_require__: NodeJS.Require | undefined;
const nodeRequire: NodeJS.Require =
  typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : createRequire(__filename);

/** Read once per process: ~1.4 MB that every sealing would otherwise read again. */
let fontFiles: Promise<FontFiles> | null = null;

function loadFontFiles(): Promise<FontFiles> {
  fontFiles ??= Promise.all([
    readFile(nodeRequire.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(nodeRequire.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  // A failed read (a broken install) is reported to this caller and retried by the next.
  fontFiles.catch(() => (fontFiles = null));
  return fontFiles;
}

export type FontFace = keyof DocumentFonts;

/**
 * Embeds one face in `doc`. Embed a face only when it is about to be used: pdf-lib writes a subset
 * once, at the first save, and never adds glyphs to it afterwards.
 */
export async function embedFont(doc: PDFDocument, face: FontFace): Promise<PDFFont> {
  const files = await loadFontFiles();
  doc.registerFontkit(subsettingFontkit);
  return doc.embedFont(files[face], { subset: true });
}

export async function embedDocumentFonts(doc: PDFDocument): Promise<DocumentFonts> {
  const [regular, bold] = await Promise.all([embedFont(doc, 'regular'), embedFont(doc, 'bold')]);
  return { regular, bold };
}

/** Widths already measured, per font: measuring shapes the text (OpenType lookups), which is slow. */
const widths = new WeakMap<PDFFont, Map<string, number>>();
/** Enough for a document's words; a font lives as long as its document. */
const MAX_MEASURED = 20_000;

/** The width of text at size 1 in `font`, remembered (see text-fitting's MeasureText). */
export function measureWith(font: PDFFont): MeasureText {
  let known = widths.get(font);
  if (!known) {
    known = new Map();
    widths.set(font, known);
  }
  const cache = known;
  return (text) => {
    let width = cache.get(text);
    if (width === undefined) {
      width = font.widthOfTextAtSize(text, 1);
      if (cache.size < MAX_MEASURED) cache.set(text, width);
    }
    return width;
  };
}
