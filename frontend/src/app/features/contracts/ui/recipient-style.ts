/**
 * How a recipient's fields look in the editor. Colour tells recipients apart at a glance; the number
 * badge and the border pattern tell them apart without colour (WCAG 1.4.1). Every colour reads as
 * text on white (4.5:1) and as a border on white (3:1).
 */
export interface RecipientStyle {
  /** Border, badge and text colour. */
  color: string;
  /** A translucent fill of the same colour (CSS color-mix). */
  fill: string;
  /** CSS border style, cycling so that neighbours in the list differ. */
  pattern: 'solid' | 'dashed' | 'dotted' | 'double';
  /** Shown on every field and in the selector: the recipient's number (1-based). */
  badge: string;
}

/** Blue, burnt orange, teal, purple, olive, raspberry, green, brown: far apart in hue and lightness order. */
export const RECIPIENT_COLORS: readonly string[] = [
  '#1f5fbf',
  '#b34700',
  '#00796b',
  '#8e24aa',
  '#6d5d00',
  '#c2185b',
  '#2e7d32',
  '#6d4c41',
];

const PATTERNS: readonly RecipientStyle['pattern'][] = ['solid', 'dashed', 'dotted', 'double'];

export function recipientStyle(index: number): RecipientStyle {
  const safe = Number.isInteger(index) && index >= 0 ? index : 0;
  const color = RECIPIENT_COLORS[safe % RECIPIENT_COLORS.length];
  // Colours repeat after eight recipients; the pattern then differs (8 and 4 would line up, so the
  // pattern index is shifted by the round number).
  const round = Math.floor(safe / RECIPIENT_COLORS.length);
  const pattern = PATTERNS[(safe + round) % PATTERNS.length];
  return { color, fill: `color-mix(in srgb, ${color} 14%, transparent)`, pattern, badge: String(safe + 1) };
}

/** WCAG contrast ratio of two #rrggbb colours (for the tests, and for anyone adding a colour). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const channels = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255);
    const [r, g, bl] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
