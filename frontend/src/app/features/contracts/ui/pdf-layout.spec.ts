import {
  describePdfError,
  MAX_CANVAS_PIXELS,
  mostVisiblePage,
  pageLabel,
  pagesToRelease,
  renderSize,
} from './pdf-layout';

const LETTER = { width: 612, height: 792 };

describe('renderSize', () => {
  it('draws one canvas pixel per device pixel', () => {
    const size = renderSize(306, LETTER, 2);
    expect(size.scale).toBeCloseTo(1, 6);
    expect(size).toMatchObject({ canvasWidth: 612, canvasHeight: 792 });
    expect(renderSize(360, LETTER, 3).canvasWidth).toBe(1080);
  });

  it('keeps the canvas under the pixel limit, with the page aspect ratio', () => {
    const size = renderSize(4000, LETTER, 3);
    expect(size.canvasWidth * size.canvasHeight).toBeLessThanOrEqual(MAX_CANVAS_PIXELS);
    expect(size.canvasWidth / size.canvasHeight).toBeCloseTo(612 / 792, 2);
  });

  it('treats a missing pixel ratio as 1 and draws nothing for no width', () => {
    expect(renderSize(612, LETTER, Number.NaN).canvasWidth).toBe(612);
    expect(renderSize(0, LETTER, 2)).toEqual({ scale: 0, canvasWidth: 0, canvasHeight: 0 });
  });
});

describe('mostVisiblePage', () => {
  it('picks the page with the most visible height, the first on a tie', () => {
    expect(
      mostVisiblePage(
        new Map([
          [2, 300],
          [1, 120],
          [3, 300],
        ]),
      ),
    ).toBe(2);
  });

  it('falls back when nothing shows', () => {
    expect(mostVisiblePage(new Map(), 4)).toBe(4);
    expect(mostVisiblePage(new Map([[0, 0]]), 1)).toBe(1);
  });
});

describe('pagesToRelease', () => {
  it('lets go of the pages least recently near, never one near now', () => {
    const lastNear = new Map([
      [0, 10],
      [1, 5],
      [2, 30],
      [3, 1],
    ]);
    expect(pagesToRelease(lastNear, new Set([3]), 2)).toEqual([1, 0]);
    expect(pagesToRelease(lastNear, new Set([0, 1, 2, 3]), 2)).toEqual([]);
    expect(pagesToRelease(lastNear, new Set(), 10)).toEqual([]);
  });
});

describe('describePdfError', () => {
  function named(name: string, message = ''): Error {
    const error = new Error(message);
    error.name = name;
    return error;
  }

  it('explains files that are not PDFs, or locked', () => {
    expect(describePdfError(named('InvalidPDFException', 'Invalid PDF structure.'))).toEqual({
      reason: 'The file is not a valid PDF, or it is damaged.',
      retry: false,
    });
    expect(describePdfError(named('PasswordException', 'No password given')).reason).toBe(
      'It is protected by a password.',
    );
  });

  it('offers to try again when the viewer itself failed to load', () => {
    const chunk = new TypeError('Failed to fetch dynamically imported module: /chunk-X.js');
    expect(describePdfError(chunk)).toMatchObject({ retry: true });
    expect(describePdfError(new Error('Setting up fake worker failed: "x".')).reason).toContain(
      'viewer could not be loaded',
    );
  });

  it('keeps an unknown message, and copes with things that are not errors', () => {
    expect(describePdfError(new Error('Bad XRef entry')).reason).toBe('The PDF could not be read (Bad XRef entry).');
    expect(describePdfError(undefined).reason).toBe('The PDF could not be read.');
    expect(describePdfError({ name: 'PasswordException', message: 'x' }).reason).toBe('It is protected by a password.');
  });
});

describe('pageLabel', () => {
  it('counts from 1', () => {
    expect(pageLabel(1, 5)).toBe('Page 2 of 5');
  });
});
