/** The largest size an image or a drawn signature is kept at (pixels): sharp in print at field size. */
export const SIGNATURE_MAX_SIZE = { width: 600, height: 200 } as const;

/**
 * A width × height scaled down to fit within max (aspect ratio kept; never scaled up), in whole
 * pixels of at least 1.
 */
export function fitWithin(
  width: number,
  height: number,
  maxWidth: number,
  maxHeight: number,
): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) {
    return { width: 0, height: 0 };
  }
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The smallest rectangle holding every pixel that is not (nearly) transparent, in RGBA data of
 * width × height; null when there is none. Used to trim the empty margin around a signature.
 */
export function opaqueBounds(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  alphaThreshold = 8,
): PixelRect | null {
  let top = -1;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width * 4;
    let rowLeft = -1;
    let rowRight = -1;
    for (let x = 0; x < width; x++) {
      if (rgba[row + x * 4 + 3] > alphaThreshold) {
        if (rowLeft < 0) {
          rowLeft = x;
        }
        rowRight = x;
      }
    }
    if (rowLeft >= 0) {
      if (top < 0) {
        top = y;
      }
      bottom = y;
      left = Math.min(left, rowLeft);
      right = Math.max(right, rowRight);
    }
  }
  if (top < 0) {
    return null;
  }
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** The rectangle grown by a margin on every side, kept within width × height. */
export function padRect(rect: PixelRect, margin: number, width: number, height: number): PixelRect {
  const x = Math.max(0, rect.x - margin);
  const y = Math.max(0, rect.y - margin);
  return {
    x,
    y,
    width: Math.min(width, rect.x + rect.width + margin) - x,
    height: Math.min(height, rect.y + rect.height + margin) - y,
  };
}

/** Strokes as signature_pad keeps them (only the fields scaled here are typed). */
export interface StrokeGroup {
  points: { x: number; y: number }[];
}

/**
 * Strokes scaled by a factor about the top-left corner: when the drawing area changes width (a
 * phone turned, a window resized), the signature keeps its shape and place instead of being cut.
 */
export function scaleStrokes<T extends StrokeGroup>(groups: readonly T[], factor: number): T[] {
  if (!Number.isFinite(factor) || factor <= 0 || factor === 1) {
    return groups.map((group) => ({ ...group, points: group.points.map((point) => ({ ...point })) }));
  }
  return groups.map((group) => ({
    ...group,
    points: group.points.map((point) => ({ ...point, x: point.x * factor, y: point.y * factor })),
  }));
}
