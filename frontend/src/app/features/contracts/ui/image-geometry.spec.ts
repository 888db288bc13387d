import { fitWithin, opaqueBounds, padRect, scaleStrokes } from './image-geometry';

describe('fitWithin', () => {
  it('scales a wide picture down to the width, keeping its aspect ratio', () => {
    expect(fitWithin(1200, 300, 600, 200)).toEqual({ width: 600, height: 150 });
  });

  it('scales a tall picture down to the height', () => {
    expect(fitWithin(400, 800, 600, 200)).toEqual({ width: 100, height: 200 });
  });

  it('never scales a small picture up, and keeps at least one pixel', () => {
    expect(fitWithin(120, 40, 600, 200)).toEqual({ width: 120, height: 40 });
    expect(fitWithin(10_000, 1, 600, 200)).toEqual({ width: 600, height: 1 });
  });

  it('gives nothing for an empty picture', () => {
    expect(fitWithin(0, 100, 600, 200)).toEqual({ width: 0, height: 0 });
    expect(fitWithin(Number.NaN, 100, 600, 200)).toEqual({ width: 0, height: 0 });
  });
});

describe('opaqueBounds', () => {
  function image(width: number, height: number, inked: [number, number][]): Uint8ClampedArray {
    const data = new Uint8ClampedArray(width * height * 4);
    for (const [x, y] of inked) {
      data[(y * width + x) * 4 + 3] = 255;
    }
    return data;
  }

  it('finds the rectangle around the ink', () => {
    const data = image(10, 8, [
      [2, 3],
      [7, 5],
      [4, 1],
    ]);
    expect(opaqueBounds(data, 10, 8)).toEqual({ x: 2, y: 1, width: 6, height: 5 });
  });

  it('is null for a blank canvas, and ignores nearly transparent pixels', () => {
    expect(opaqueBounds(image(4, 4, []), 4, 4)).toBeNull();
    const faint = image(4, 4, []);
    faint[3] = 4;
    expect(opaqueBounds(faint, 4, 4)).toBeNull();
  });

  it('finds a single pixel in the last corner', () => {
    expect(opaqueBounds(image(5, 5, [[4, 4]]), 5, 5)).toEqual({ x: 4, y: 4, width: 1, height: 1 });
  });
});

describe('padRect', () => {
  it('adds a margin without leaving the image', () => {
    expect(padRect({ x: 2, y: 1, width: 6, height: 5 }, 3, 10, 8)).toEqual({ x: 0, y: 0, width: 10, height: 8 });
    expect(padRect({ x: 20, y: 20, width: 10, height: 10 }, 4, 100, 100)).toEqual({
      x: 16,
      y: 16,
      width: 18,
      height: 18,
    });
  });
});

describe('scaleStrokes', () => {
  it('scales every point about the top-left corner and keeps the stroke settings', () => {
    const groups = [{ penColor: '#000', points: [{ x: 10, y: 20, time: 1, pressure: 0.5 }] }];
    const scaled = scaleStrokes(groups, 0.5);
    expect(scaled).toEqual([{ penColor: '#000', points: [{ x: 5, y: 10, time: 1, pressure: 0.5 }] }]);
    // The originals are untouched.
    expect(groups[0].points[0].x).toBe(10);
  });

  it('copies without scaling for a factor of 1 or a nonsense factor', () => {
    const groups = [{ points: [{ x: 1, y: 2 }] }];
    expect(scaleStrokes(groups, 1)).toEqual(groups);
    expect(scaleStrokes(groups, 0)).toEqual(groups);
    expect(scaleStrokes(groups, 1)).not.toBe(groups);
  });
});
