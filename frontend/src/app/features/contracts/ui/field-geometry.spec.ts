import type { FieldBox } from '@atrium/shared';
import {
  A4_POINTS,
  boxAt,
  boxKeyAction,
  clampBox,
  defaultFieldSize,
  minFieldSize,
  moveBox,
  NUDGE_STEP,
  NUDGE_STEP_LARGE,
  relativePoint,
  resizeBox,
} from './field-geometry';

const LETTER = { width: 612, height: 792 };
const LANDSCAPE = { width: 842, height: 595 };

function within(box: FieldBox): void {
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1 + 1e-9);
  expect(box.y + box.height).toBeLessThanOrEqual(1 + 1e-9);
}

describe('defaultFieldSize', () => {
  it('gives a signature about a quarter of an A4 page wide and 6 % high', () => {
    const size = defaultFieldSize('signature', A4_POINTS);
    expect(size.width).toBeCloseTo(0.25, 2);
    expect(size.height).toBeCloseTo(0.06, 2);
  });

  it('keeps the physical size on other pages: a checkbox stays square on a landscape page', () => {
    const size = defaultFieldSize('checkbox', LANDSCAPE);
    expect(size.width * LANDSCAPE.width).toBeCloseTo(size.height * LANDSCAPE.height, 0);
    expect(defaultFieldSize('signature', LANDSCAPE).width).toBeLessThan(defaultFieldSize('signature', A4_POINTS).width);
  });

  it('assumes A4 until the page size is known, and never exceeds a tiny page', () => {
    expect(defaultFieldSize('text', null)).toEqual(defaultFieldSize('text', A4_POINTS));
    expect(defaultFieldSize('text', { width: 100, height: 20 })).toEqual({ width: 1, height: 1 });
  });
});

describe('clampBox', () => {
  it('pulls a box that sticks out back onto the page, keeping its size', () => {
    const box = clampBox({ page: 0, x: 0.9, y: -0.2, width: 0.25, height: 0.06 });
    expect(box).toEqual({ page: 0, x: 0.75, y: 0, width: 0.25, height: 0.06 });
  });

  it('shrinks a box larger than the page and grows one below the minimum', () => {
    expect(clampBox({ page: 0, x: 0.3, y: 0.3, width: 1.4, height: 2 })).toMatchObject({
      x: 0,
      y: 0,
      width: 1,
      height: 1,
    });
    const tiny = clampBox({ page: 0, x: 0.5, y: 0.5, width: 0, height: 0.0001 }, LETTER);
    const min = minFieldSize(LETTER);
    expect(tiny.width).toBeCloseTo(min.width, 3);
    expect(tiny.height).toBeCloseTo(min.height, 3);
  });

  it('turns NaN and infinities into numbers on the page, and keeps the page index whole and in range', () => {
    const box = clampBox({ page: 7.6, x: Number.NaN, y: Infinity, width: Number.NaN, height: 0.1 }, null, 3);
    expect(box.page).toBe(2);
    expect(Number.isFinite(box.x) && Number.isFinite(box.y) && Number.isFinite(box.width)).toBe(true);
    within(box);
    expect(clampBox({ page: -1, x: 0, y: 0, width: 0.1, height: 0.1 }).page).toBe(0);
  });

  it('keeps the other properties of the field', () => {
    const field = { page: 0, x: 2, y: 0, width: 0.1, height: 0.1, kind: 'text' as const, label: 'Title' };
    expect(clampBox(field)).toMatchObject({ kind: 'text', label: 'Title', x: 0.9 });
  });

  it('rounds to 1/10 000 of the page', () => {
    const box = clampBox({ page: 0, x: 0.123456789, y: 0.1, width: 0.2, height: 0.1 });
    expect(box.x).toBe(0.1235);
  });
});

describe('boxAt', () => {
  it('centres a new box on the point, inside the page', () => {
    const box = boxAt('signature', 1, A4_POINTS);
    expect(box.page).toBe(1);
    expect(box.x + box.width / 2).toBeCloseTo(0.5, 3);
    expect(box.y + box.height / 2).toBeCloseTo(0.5, 3);
    const corner = boxAt('signature', 0, A4_POINTS, { x: 1, y: 1 });
    within(corner);
    expect(corner.x + corner.width).toBeCloseTo(1, 6);
  });
});

describe('moveBox', () => {
  it('moves by fractions of the page and stops at the edges without shrinking', () => {
    const start = { page: 0, x: 0.1, y: 0.1, width: 0.25, height: 0.06 };
    expect(moveBox(start, 0.2, 0.3)).toMatchObject({ x: 0.3, y: 0.4, width: 0.25, height: 0.06 });
    const far = moveBox(start, 5, -5);
    expect(far).toMatchObject({ x: 0.75, y: 0, width: 0.25, height: 0.06 });
  });
});

describe('resizeBox', () => {
  it('grows from the bottom-right corner and stops at the page edge', () => {
    const start = { page: 0, x: 0.6, y: 0.9, width: 0.25, height: 0.06 };
    const grown = resizeBox(start, 0.5, 0.5);
    expect(grown).toMatchObject({ x: 0.6, y: 0.9, width: 0.4, height: 0.1 });
  });

  it('shrinks no further than the minimum, the corner staying put', () => {
    const start = { page: 0, x: 0.2, y: 0.2, width: 0.25, height: 0.06 };
    const shrunk = resizeBox(start, -1, -1, A4_POINTS);
    const min = minFieldSize(A4_POINTS);
    expect(shrunk.x).toBe(0.2);
    expect(shrunk.y).toBe(0.2);
    expect(shrunk.width).toBeCloseTo(min.width, 3);
    expect(shrunk.height).toBeCloseTo(min.height, 3);
  });
});

describe('boxKeyAction', () => {
  const plain = { shiftKey: false, altKey: false };
  it('moves with arrows, farther with Shift', () => {
    expect(boxKeyAction('ArrowRight', plain)).toEqual({ move: { dx: NUDGE_STEP, dy: 0 } });
    expect(boxKeyAction('ArrowUp', { shiftKey: true, altKey: false })).toEqual({
      move: { dx: 0, dy: -NUDGE_STEP_LARGE },
    });
  });

  it('resizes with Alt+arrows: right and down grow, left and up shrink', () => {
    expect(boxKeyAction('ArrowDown', { shiftKey: false, altKey: true })).toEqual({ resize: { dw: 0, dh: NUDGE_STEP } });
    expect(boxKeyAction('ArrowLeft', { shiftKey: true, altKey: true })).toEqual({
      resize: { dw: -NUDGE_STEP_LARGE, dh: 0 },
    });
  });

  it('ignores other keys', () => {
    expect(boxKeyAction('a', plain)).toBeNull();
    expect(boxKeyAction('Enter', plain)).toBeNull();
  });
});

describe('relativePoint', () => {
  it('turns a pointer position into fractions of the element, within 0–1', () => {
    const rect = { left: 100, top: 50, width: 200, height: 400 };
    expect(relativePoint(150, 150, rect)).toEqual({ x: 0.25, y: 0.25 });
    expect(relativePoint(0, 1000, rect)).toEqual({ x: 0, y: 1 });
    expect(relativePoint(10, 10, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0.5, y: 0.5 });
  });
});
