/**
 * Text that fits where it must go: field boxes drawn by the agency (a name must stay inside its box,
 * however long) and table cells of the certificate. Pure functions over a width measure, so the
 * rules are testable without a PDF.
 */

/** The width of `text` at font size 1, in points (PDFFont.widthOfTextAtSize(text, 1)). */
export type MeasureText = (text: string) => number;

export interface FittedText {
  size: number;
  lines: string[];
}

/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.2;
const ELLIPSIS = '…';

/**
 * User text made printable: control characters (which the font has no glyphs for) become spaces,
 * runs of spaces collapse; line breaks are kept only when `keepLineBreaks`.
 */
export function printable(text: string, keepLineBreaks = false): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const clean = lines.map((line) => [...line].map(spaceIfControl).join('').replace(/ {2,}/g, ' ').trim());
  return keepLineBreaks ? clean.join('\n').trim() : clean.filter(Boolean).join(' ');
}

/** C0 and C1 control characters and the Unicode line/paragraph separators, as a space. */
function spaceIfControl(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
  return control ? ' ' : character;
}

/**
 * Breaks `text` into lines no wider than `maxWidth` at `size`: at spaces, and inside a word only
 * when the word alone is too wide (a long email address or URL). Line breaks in the text are kept.
 */
export function wrapText(text: string, measure: MeasureText, size: number, maxWidth: number): string[] {
  // Words are measured one at a time (and a space apart): lines are built from cached word widths
  // rather than measuring every growing line again.
  const space = measure(' ') * size;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(' ').filter(Boolean)) {
      const wordWidth = measure(word) * size;
      if (line && lineWidth + space + wordWidth <= maxWidth) {
        line = `${line} ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      // Whole characters (code points), so a character outside the BMP is never cut in half.
      let rest = [...word];
      let restWidth = wordWidth;
      while (restWidth > maxWidth && rest.length > 1) {
        const cut = longestPrefix(rest, measure, size, maxWidth);
        lines.push(rest.slice(0, cut).join(''));
        rest = rest.slice(cut);
        restWidth = measure(rest.join('')) * size;
      }
      line = rest.join('');
      lineWidth = restWidth;
    }
    lines.push(line);
  }
  return lines;
}

/** `line` shortened with an ellipsis until it fits `maxWidth` (unchanged when it already fits). */
export function truncate(line: string, measure: MeasureText, size: number, maxWidth: number): string {
  return measure(line) * size <= maxWidth ? line : ellipsize(line, measure, size, maxWidth);
}

/**
 * The largest font size (at most `maxSize`) at which `text` fits a `width` × `height` box: one line
 * when it can be read that way (at `minReadable` or more), else wrapped over as many lines as fit,
 * whichever prints larger. Too long even at `minSize`: the last line that fits ends with an ellipsis.
 */
export function fitText(
  text: string,
  measure: MeasureText,
  box: { width: number; height: number },
  sizes: { maxSize: number; minSize: number; minReadable: number },
): FittedText {
  const clean = printable(text, true);
  if (!clean) return { size: sizes.minSize, lines: [] };
  const hasBreaks = clean.includes('\n');
  const largest = Math.min(sizes.maxSize, box.height / LINE_HEIGHT);
  // Rounded down to a hundredth: never a hair too wide, and short numbers in the content stream.
  const single = Math.floor(Math.min(largest, box.width / Math.max(measure(clean), 1e-6)) * 100) / 100;
  if (!hasBreaks && single >= sizes.minReadable) return { size: single, lines: [clean] };

  let wrapped: FittedText | null = null;
  for (let size = largest; size >= sizes.minSize; size -= 0.5) {
    const lines = wrapText(clean, measure, size, box.width);
    if (lines.length * size * LINE_HEIGHT <= box.height) {
      wrapped = { size, lines };
      break;
    }
  }
  if (!hasBreaks && single >= sizes.minSize && (!wrapped || single >= wrapped.size)) {
    return { size: single, lines: [clean] };
  }
  if (wrapped) return wrapped;

  const size = sizes.minSize;
  const capacity = Math.max(1, Math.floor(box.height / (size * LINE_HEIGHT)));
  const lines = wrapText(clean, measure, size, box.width);
  if (lines.length <= capacity) return { size, lines };
  const kept = lines.slice(0, capacity);
  kept[capacity - 1] = ellipsize(kept[capacity - 1], measure, size, box.width);
  return { size, lines: kept };
}

/** `line` followed by an ellipsis, dropping characters from its end until both fit. */
function ellipsize(line: string, measure: MeasureText, size: number, maxWidth: number): string {
  const characters = [...line];
  while (characters.length > 0 && measure(characters.join('') + ELLIPSIS) * size > maxWidth) characters.pop();
  return characters.join('').trimEnd() + ELLIPSIS;
}

/** How many characters of `word` fit `maxWidth` (at least one, so wrapping always progresses). */
function longestPrefix(word: string[], measure: MeasureText, size: number, maxWidth: number): number {
  let low = 1;
  let high = word.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(word.slice(0, middle).join('')) * size <= maxWidth) low = middle;
    else high = middle - 1;
  }
  return low;
}
