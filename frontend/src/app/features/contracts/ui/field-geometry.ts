import type { ContractFieldKind, ContractPageSize, FieldBox } from '@atrium/shared';

/** An A4 page in PDF points: the page size assumed until the real one is known. */
export const A4_POINTS: ContractPageSize = { width: 595.28, height: 841.89 };

/**
 * Default field sizes in PDF points, so a field has the same physical size on any page (a
 * signature is about 5 × 1.8 cm; on A4 that is 0.25 × 0.06 of the page). A checkbox stays square.
 */
const FIELD_POINTS: Record<ContractFieldKind, { width: number; height: number }> = {
  signature: { width: 150, height: 50 },
  initials: { width: 60, height: 36 },
  name: { width: 150, height: 24 },
  date: { width: 96, height: 24 },
  text: { width: 180, height: 24 },
  checkbox: { width: 18, height: 18 },
};

/** No field gets smaller than this (points), so it stays visible and can be grabbed again. */
export const MIN_FIELD_POINTS = 10;

/** Keyboard steps, in fractions of the page: arrow keys, and arrow keys with Shift. */
export const NUDGE_STEP = 0.005;
export const NUDGE_STEP_LARGE = 0.05;

/** Stored positions are rounded (1/10 000 of a page is well under a point). */
const PRECISION = 10_000;

function round(value: number): number {
  return Math.round(value * PRECISION) / PRECISION;
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) {
    return min;
  }
  return Math.min(max, Math.max(min, value));
}

function usablePage(page: ContractPageSize | null | undefined): ContractPageSize {
  return page && page.width > 0 && page.height > 0 ? page : A4_POINTS;
}

/** The smallest width and height a field may have on this page, as fractions of the page. */
export function minFieldSize(page?: ContractPageSize | null): { width: number; height: number } {
  const size = usablePage(page);
  return { width: MIN_FIELD_POINTS / size.width, height: MIN_FIELD_POINTS / size.height };
}

/** A new field's width and height on this page, as fractions of the page (never more than all of it). */
export function defaultFieldSize(
  kind: ContractFieldKind,
  page?: ContractPageSize | null,
): { width: number; height: number } {
  const size = usablePage(page);
  const points = FIELD_POINTS[kind];
  return {
    width: round(Math.min(1, points.width / size.width)),
    height: round(Math.min(1, points.height / size.height)),
  };
}

/**
 * The box made whole and kept on its page: every number finite, the size between the minimum and
 * the whole page, the position such that the box does not stick out. The page index is a
 * whole number from 0 (and below `pageCount` when it is known).
 */
export function clampBox<T extends FieldBox>(box: T, page?: ContractPageSize | null, pageCount?: number): T {
  const min = minFieldSize(page);
  const width = round(clamp(box.width, Math.min(min.width, 1), 1));
  const height = round(clamp(box.height, Math.min(min.height, 1), 1));
  const x = round(clamp(box.x, 0, 1 - width));
  const y = round(clamp(box.y, 0, 1 - height));
  const lastPage = pageCount && pageCount > 0 ? pageCount - 1 : Number.MAX_SAFE_INTEGER;
  const pageIndex = Math.trunc(clamp(box.page, 0, lastPage));
  return { ...box, page: pageIndex, x, y, width, height };
}

/** A new box of this kind centred on a point of the page (fractions; the page's centre by default). */
export function boxAt(
  kind: ContractFieldKind,
  pageIndex: number,
  page?: ContractPageSize | null,
  centre: { x: number; y: number } = { x: 0.5, y: 0.5 },
): FieldBox {
  const size = defaultFieldSize(kind, page);
  return clampBox({ page: pageIndex, x: centre.x - size.width / 2, y: centre.y - size.height / 2, ...size }, page);
}

/** The box moved by a fraction of the page; its size is kept, and it stops at the page's edges. */
export function moveBox<T extends FieldBox>(box: T, dx: number, dy: number, page?: ContractPageSize | null): T {
  return clampBox({ ...box, x: box.x + dx, y: box.y + dy }, page);
}

/**
 * The box resized from its bottom-right corner by a fraction of the page: the top-left corner stays,
 * the size stays between the minimum and the page's edges.
 */
export function resizeBox<T extends FieldBox>(box: T, dw: number, dh: number, page?: ContractPageSize | null): T {
  const min = minFieldSize(page);
  const width = clamp(box.width + dw, Math.min(min.width, 1 - box.x), 1 - box.x);
  const height = clamp(box.height + dh, Math.min(min.height, 1 - box.y), 1 - box.y);
  return clampBox({ ...box, width, height }, page);
}

export type BoxKeyAction = { move: { dx: number; dy: number } } | { resize: { dw: number; dh: number } };

/**
 * What an arrow key does to a selected box: arrows move it, Alt+arrows resize it (right and down
 * grow it, left and up shrink it); Shift takes larger steps. Null for any other key.
 */
export function boxKeyAction(key: string, modifiers: { shiftKey: boolean; altKey: boolean }): BoxKeyAction | null {
  const step = modifiers.shiftKey ? NUDGE_STEP_LARGE : NUDGE_STEP;
  const deltas: Record<string, [number, number]> = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, -step],
    ArrowDown: [0, step],
  };
  const delta = deltas[key];
  if (!delta) {
    return null;
  }
  const [a, b] = delta;
  return modifiers.altKey ? { resize: { dw: a, dh: b } } : { move: { dx: a, dy: b } };
}

/** A point of an element's box as fractions of it (for a drop on a page), kept within 0–1. */
export function relativePoint(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number; height: number },
): { x: number; y: number } {
  if (rect.width <= 0 || rect.height <= 0) {
    return { x: 0.5, y: 0.5 };
  }
  return {
    x: clamp((clientX - rect.left) / rect.width, 0, 1),
    y: clamp((clientY - rect.top) / rect.height, 0, 1),
  };
}
