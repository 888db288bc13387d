/**
 * The arithmetic of the PDF viewer, apart from pdf.js and the DOM so that it can be tested.
 */

/**
 * Canvas pixels per page at most. A canvas of width × height × 4 bytes is held per rendered page,
 * and mobile Safari refuses canvases above 16.7 million pixels; half of that is plenty (a Letter
 * page 1 000 CSS pixels wide on a 2× screen is 5.2 million).
 */
export const MAX_CANVAS_PIXELS = 8_388_608;

/** How many pages keep their canvas once scrolled away (the rest are drawn again when they come back). */
export const MAX_RENDERED_PAGES = 10;

export interface RenderSize {
  /** The pdf.js viewport scale (canvas pixels per PDF point). */
  scale: number;
  canvasWidth: number;
  canvasHeight: number;
}

/**
 * The canvas for a page shown `cssWidth` CSS pixels wide: one canvas pixel per device pixel (sharp
 * on HiDPI screens), less when that would exceed `maxPixels`.
 */
export function renderSize(
  cssWidth: number,
  page: { width: number; height: number },
  devicePixelRatio: number,
  maxPixels = MAX_CANVAS_PIXELS,
): RenderSize {
  if (!(cssWidth > 0) || !(page.width > 0) || !(page.height > 0)) {
    return { scale: 0, canvasWidth: 0, canvasHeight: 0 };
  }
  const ratio = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  let scale = (cssWidth / page.width) * ratio;
  const pixels = page.width * page.height * scale * scale;
  if (pixels > maxPixels) {
    scale = Math.sqrt(maxPixels / (page.width * page.height));
  }
  return {
    scale,
    canvasWidth: Math.max(1, Math.floor(page.width * scale)),
    canvasHeight: Math.max(1, Math.floor(page.height * scale)),
  };
}

/** The page showing most of itself in the viewport (its visible height, in pixels); ties go to the first. */
export function mostVisiblePage(visibleHeights: ReadonlyMap<number, number>, fallback = 0): number {
  let best = fallback;
  let bestHeight = 0;
  for (const [page, height] of [...visibleHeights.entries()].sort(([a], [b]) => a - b)) {
    if (height > bestHeight) {
      best = page;
      bestHeight = height;
    }
  }
  return best;
}

/**
 * Rendered pages whose canvas can be let go: those not near the viewport, least recently near
 * first, until at most `max` remain. `lastNear` maps each rendered page to when it was last near.
 */
export function pagesToRelease(
  lastNear: ReadonlyMap<number, number>,
  near: ReadonlySet<number>,
  max = MAX_RENDERED_PAGES,
): number[] {
  const excess = lastNear.size - max;
  if (excess <= 0) {
    return [];
  }
  return [...lastNear.entries()]
    .filter(([page]) => !near.has(page))
    .sort(([, a], [, b]) => a - b)
    .slice(0, excess)
    .map(([page]) => page);
}

export interface PdfProblem {
  /** Words for people, after "This document could not be shown." */
  reason: string;
  /** True when trying again may help (the viewer failed to load), false when the file is at fault. */
  retry: boolean;
}

/** What went wrong while opening a PDF, from pdf.js's exception names and loading failures. */
export function describePdfError(error: unknown): PdfProblem {
  const { name, message } = errorParts(error);
  switch (name) {
    case 'InvalidPDFException':
      return { reason: 'The file is not a valid PDF, or it is damaged.', retry: false };
    case 'PasswordException':
      return { reason: 'It is protected by a password.', retry: false };
    case 'MissingPDFException':
      return { reason: 'The file is empty.', retry: false };
    case 'UnknownErrorException':
      return { reason: message || 'The PDF could not be read.', retry: false };
    default:
      break;
  }
  if (
    name === 'ChunkLoadError' ||
    /dynamically imported module|importing a module script|Loading chunk|fake worker|Failed to fetch|NetworkError/i.test(
      message,
    )
  ) {
    return {
      reason: 'The document viewer could not be loaded. Check your connection and try again.',
      retry: true,
    };
  }
  return { reason: message ? `The PDF could not be read (${message}).` : 'The PDF could not be read.', retry: true };
}

function errorParts(error: unknown): { name: string | undefined; message: string } {
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return { name: typeof name === 'string' ? name : undefined, message: typeof message === 'string' ? message : '' };
  }
  return { name: undefined, message: typeof error === 'string' ? error : '' };
}

/** "Page 2 of 5". */
export function pageLabel(index: number, count: number): string {
  return `Page ${index + 1} of ${count}`;
}
