import type { SignatureFont } from '@atrium/shared';
import { fitWithin, opaqueBounds, padRect, PixelRect, SIGNATURE_MAX_SIZE } from './image-geometry';
import { loadStylesheet } from './lazy-stylesheet';

/**
 * Drawing signatures to pictures in the browser (canvas). The arithmetic lives in
 * image-geometry.ts, where it is tested; what is here needs a real canvas.
 */

/** Ink of drawn and typed signatures: a dark blue, like a pen's. */
export const INK = '#17306b';

/** The stylesheet of the three script fonts, built apart in project.json (styles, inject: false). */
export const SIGNATURE_FONTS_STYLESHEET = 'signature-fonts.css';

const TYPED_FONT_PX = 96;

/**
 * Loads the script fonts' stylesheet (once per page) and the glyphs of `text` in `font`. Gives up
 * waiting after a few seconds: the signature is then drawn in a fallback script font rather than
 * never.
 */
export async function loadSignatureFont(doc: Document, font: SignatureFont, text: string): Promise<void> {
  const patience = new Promise<void>((resolve) => setTimeout(resolve, 4000));
  await Promise.race([loadStylesheet(doc, SIGNATURE_FONTS_STYLESHEET).catch(() => undefined), patience]);
  const fonts = (doc as Document & { fonts?: FontFaceSet }).fonts;
  if (fonts) {
    await Promise.race([fonts.load(`${TYPED_FONT_PX}px "${font}"`, text).catch(() => undefined), patience]);
  }
}

/** The CSS font-family of a signature font (with a fallback). */
export function fontFamily(font: SignatureFont): string {
  return `"${font}", cursive`;
}

/** Text drawn in a script font, trimmed to its ink and fitted within 600 × 200: a PNG data URL. */
export function typedSignatureImage(doc: Document, text: string, font: SignatureFont): string | null {
  const measure = doc.createElement('canvas').getContext('2d');
  if (!measure) {
    return null;
  }
  const css = `${TYPED_FONT_PX}px ${fontFamily(font)}`;
  measure.font = css;
  // Script fonts reach far beyond their advance width (swashes): room on every side, trimmed after.
  const pad = TYPED_FONT_PX;
  const canvas = doc.createElement('canvas');
  canvas.width = Math.ceil(measure.measureText(text).width + pad * 2);
  canvas.height = Math.ceil(TYPED_FONT_PX * 2.2);
  const context = canvas.getContext('2d');
  if (!context) {
    return null;
  }
  context.font = css;
  context.fillStyle = INK;
  context.textBaseline = 'alphabetic';
  context.fillText(text, pad, TYPED_FONT_PX * 1.4);
  return trimmedImage(canvas);
}

/**
 * A canvas's ink, cut out with a small margin and scaled down to fit 600 × 200, as a PNG data URL
 * (transparent around the ink); null when the canvas is blank.
 */
export function trimmedImage(source: HTMLCanvasElement, margin = 6): string | null {
  const context = source.getContext('2d', { willReadFrequently: true });
  if (!context || source.width === 0 || source.height === 0) {
    return null;
  }
  const { data } = context.getImageData(0, 0, source.width, source.height);
  const ink = opaqueBounds(data, source.width, source.height);
  if (!ink) {
    return null;
  }
  return copyScaled(source, padRect(ink, margin, source.width, source.height), 'image/png');
}

/** A region of an image or canvas scaled down to fit 600 × 200, as a data URL of the given type. */
export function copyScaled(
  source: CanvasImageSource,
  region: PixelRect,
  type: 'image/png' | 'image/jpeg',
): string | null {
  const size = fitWithin(region.width, region.height, SIGNATURE_MAX_SIZE.width, SIGNATURE_MAX_SIZE.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context || size.width === 0) {
    return null;
  }
  if (type === 'image/jpeg') {
    // JPEG has no transparency: paper white, not black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size.width, size.height);
  }
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, region.x, region.y, region.width, region.height, 0, 0, size.width, size.height);
  return canvas.toDataURL(type, 0.92);
}

/** An uploaded picture decoded and scaled down to fit 600 × 200 (the same type); rejects when it is not a picture. */
export async function uploadedSignatureImage(file: Blob, type: 'image/png' | 'image/jpeg'): Promise<string> {
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const result = copyScaled(image, { x: 0, y: 0, width: image.naturalWidth, height: image.naturalHeight }, type);
    if (!result) {
      throw new Error('empty image');
    }
    return result;
  } finally {
    URL.revokeObjectURL(url);
  }
}
