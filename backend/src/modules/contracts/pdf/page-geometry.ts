/**
 * Pages as the signer saw them. The browser (pdf.js) shows a page's visible area (its CropBox,
 * clipped to the MediaBox) turned by its /Rotate, and field positions are fractions (0–1 from the
 * top-left corner) of that displayed page. The PDF's own coordinates (user space) start at the
 * bottom-left of the unrotated MediaBox, so every field needs a mapping from one to the other; the
 * same rules as pdf.js, or a field drawn on a rotated or cropped page lands somewhere else.
 */
import {
  concatTransformationMatrix,
  PDFArray,
  PDFName,
  PDFNumber,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
} from '@cantoo/pdf-lib';

export type QuarterTurns = 0 | 90 | 180 | 270;

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayedPage {
  /** Width and height in points as displayed (swapped for pages turned a quarter). */
  width: number;
  height: number;
  /** The visible area in user space. */
  view: Rectangle;
  /** Clockwise turn applied when displaying. */
  rotation: QuarterTurns;
}

/** An affine map [a b c d e f] from a box's own space to user space (the PDF `cm` operands). */
export type Matrix = [number, number, number, number, number, number];

export interface PlacedBox {
  /** Maps the box's own space (origin bottom-left, x right, y up, as displayed) to user space. */
  matrix: Matrix;
  width: number;
  height: number;
}

/** pdf.js falls back to US Letter when a page has no usable MediaBox. */
const LETTER: Rectangle = { x: 0, y: 0, width: 612, height: 792 };

export function displayedPage(page: PDFPage): DisplayedPage {
  const mediaBox = inheritedRectangle(page, 'MediaBox') ?? LETTER;
  const cropBox = inheritedRectangle(page, 'CropBox');
  const view = (cropBox && intersection(cropBox, mediaBox)) ?? mediaBox;
  const rotation = quarterTurns(page);
  const turned = rotation === 90 || rotation === 270;
  return {
    width: turned ? view.height : view.width,
    height: turned ? view.width : view.height,
    view,
    rotation,
  };
}

/**
 * Where a box given in fractions of the displayed page lies in user space: a matrix to draw in the
 * box's own upright space (so text and pictures read the right way up on a turned page), and the
 * box's size in points.
 */
export function placeBox(page: DisplayedPage, box: Rectangle): PlacedBox {
  const left = clamp01(box.x);
  const top = clamp01(box.y);
  const width = clamp01(Math.min(box.width, 1 - left)) * page.width;
  const height = clamp01(Math.min(box.height, 1 - top)) * page.height;
  // The box in displayed points, measured from the displayed page's top-left corner.
  const dx = left * page.width;
  const dy = top * page.height;
  const { x, y, width: vw, height: vh } = page.view;
  switch (page.rotation) {
    case 0:
      return { matrix: [1, 0, 0, 1, x + dx, y + vh - dy - height], width, height };
    case 90:
      return { matrix: [0, 1, -1, 0, x + dy + height, y + dx], width, height };
    case 180:
      return { matrix: [-1, 0, 0, -1, x + vw - dx, y + dy + height], width, height };
    case 270:
      return { matrix: [0, -1, 1, 0, x + vw - dy - height, y + vh - dx], width, height };
  }
}

/** Runs `draw` with the box's own upright space as the coordinate system (origin bottom-left). */
export function inBox(page: PDFPage, box: PlacedBox, draw: () => void): void {
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...box.matrix));
  draw();
  page.pushOperators(popGraphicsState());
}

/** Applies `matrix` to a point of the box's own space. */
export function transformPoint(matrix: Matrix, u: number, v: number): { x: number; y: number } {
  const [a, b, c, d, e, f] = matrix;
  return { x: a * u + c * v + e, y: b * u + d * v + f };
}

function quarterTurns(page: PDFPage): QuarterTurns {
  const value = page.node.Rotate()?.asNumber() ?? 0;
  // Like pdf.js: only multiples of 90 count; anything else is shown unrotated.
  if (!Number.isInteger(value) || value % 90 !== 0) return 0;
  return (((value % 360) + 360) % 360) as QuarterTurns;
}

function inheritedRectangle(page: PDFPage, key: 'MediaBox' | 'CropBox'): Rectangle | null {
  const array = page.node.context.lookupMaybe(page.node.getInheritableAttribute(PDFName.of(key)), PDFArray);
  if (!array || array.size() !== 4) return null;
  const numbers: number[] = [];
  for (let index = 0; index < 4; index++) {
    const value = array.lookupMaybe(index, PDFNumber)?.asNumber();
    if (value === undefined || !Number.isFinite(value)) return null;
    numbers.push(value);
  }
  const [x1, y1, x2, y2] = numbers;
  const rectangle = {
    x: Math.min(x1, x2),
    y: Math.min(y1, y2),
    width: Math.abs(x2 - x1),
    height: Math.abs(y2 - y1),
  };
  return rectangle.width > 0 && rectangle.height > 0 ? rectangle : null;
}

function intersection(a: Rectangle, b: Rectangle): Rectangle | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
