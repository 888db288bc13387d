import { contrastRatio, RECIPIENT_COLORS, recipientStyle } from './recipient-style';

describe('recipientStyle', () => {
  it('gives neighbouring recipients different colours and patterns, and numbers them from 1', () => {
    const styles = [0, 1, 2, 3].map(recipientStyle);
    expect(new Set(styles.map((style) => style.color)).size).toBe(4);
    expect(new Set(styles.map((style) => style.pattern)).size).toBe(4);
    expect(styles.map((style) => style.badge)).toEqual(['1', '2', '3', '4']);
  });

  it('tells recipients apart by pattern where the colours repeat', () => {
    const n = RECIPIENT_COLORS.length;
    for (let index = 0; index < n; index++) {
      const again = recipientStyle(index + n);
      expect(again.color).toBe(recipientStyle(index).color);
      expect(again.pattern).not.toBe(recipientStyle(index).pattern);
      expect(again.badge).toBe(String(index + n + 1));
    }
  });

  it('uses colours that read as text on white (4.5:1)', () => {
    for (const color of RECIPIENT_COLORS) {
      expect(contrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('treats a broken index as the first recipient', () => {
    expect(recipientStyle(-3)).toEqual(recipientStyle(0));
    expect(recipientStyle(Number.NaN)).toEqual(recipientStyle(0));
  });

  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
