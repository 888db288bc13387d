import { fitText, LINE_HEIGHT, printable, truncate, wrapText } from './text-fitting';

/** Every character half a unit wide: widths are easy to reason about. */
const measure = (text: string) => [...text].length * 0.5;
const sizes = { maxSize: 16, minSize: 4, minReadable: 7 };

describe('printable', () => {
  it('turns control characters into spaces and keeps line breaks only when asked', () => {
    expect(printable('Zoë\tFaure\u0000 \r\nLine two')).toBe('Zoë Faure Line two');
    expect(printable('one\r\ntwo\n\n', true)).toBe('one\ntwo');
  });
});

describe('wrapText', () => {
  it('breaks at spaces, and inside a word only when the word alone is too wide', () => {
    expect(wrapText('aaaa bbbb cccc', measure, 10, 50)).toEqual(['aaaa bbbb', 'cccc']);
    expect(wrapText('x'.repeat(25), measure, 10, 50)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('never splits a character outside the BMP', () => {
    const lines = wrapText('😀'.repeat(5), measure, 10, 10);
    expect(lines).toEqual(['😀😀', '😀😀', '😀']);
  });
});

describe('truncate', () => {
  it('ends an over-long line with an ellipsis that still fits', () => {
    const line = truncate('a'.repeat(30), measure, 10, 50);
    expect(line).toBe(`${'a'.repeat(9)}…`);
    expect(truncate('short', measure, 10, 50)).toBe('short');
  });
});

describe('fitText', () => {
  it('prints a short value on one line, no larger than the box allows', () => {
    expect(fitText('Łukasz Żółć', measure, { width: 300, height: 24 }, sizes)).toEqual({
      size: 16,
      lines: ['Łukasz Żółć'],
    });
    const tight = fitText('Łukasz Żółć', measure, { width: 50, height: 24 }, sizes);
    expect(tight.lines).toEqual(['Łukasz Żółć']);
    expect(measure(tight.lines[0]) * tight.size).toBeLessThanOrEqual(50);
  });

  it('wraps long text into a tall box instead of shrinking it to nothing', () => {
    const text = 'The client agrees to review every draft within five working days of receiving it.';
    const fitted = fitText(text, measure, { width: 120, height: 80 }, sizes);
    expect(fitted.lines.length).toBeGreaterThan(1);
    expect(fitted.size).toBeGreaterThanOrEqual(sizes.minReadable);
    expect(fitted.lines.length * fitted.size * LINE_HEIGHT).toBeLessThanOrEqual(80);
    for (const line of fitted.lines) expect(measure(line) * fitted.size).toBeLessThanOrEqual(120);
    expect(fitted.lines.join(' ')).toBe(text);
  });

  it('cuts what cannot fit even at the smallest size, and says so with an ellipsis', () => {
    const fitted = fitText('word '.repeat(200), measure, { width: 60, height: 12 }, sizes);
    expect(fitted.size).toBe(sizes.minSize);
    expect(fitted.lines.length * fitted.size * LINE_HEIGHT).toBeLessThanOrEqual(12);
    expect(fitted.lines[fitted.lines.length - 1].endsWith('…')).toBe(true);
  });

  it('prints nothing for blank text', () => {
    expect(fitText(' \n\t ', measure, { width: 60, height: 12 }, sizes).lines).toEqual([]);
  });
});
