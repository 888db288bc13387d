import { Hct, argbFromHex } from '@material/material-color-utilities';
import { BRAND_THEME_ROLES, brandThemeCss, contrastRatio } from './brand-roles';
import { BRAND_CONTRAST_PAIRS, deriveBrandTheme, monogramIcon, TEXT_CONTRAST, UI_CONTRAST } from './brand-theme';

const hue = (hex: string): number => Hct.fromInt(argbFromHex(hex)).hue;
const hueDistance = (a: number, b: number): number => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

/** The spread the contract names, plus the default brand colour and light and dark accents. */
const SPREAD: { name: string; primary: string; accent: string | null; chromatic: boolean }[] = [
  { name: 'very light yellow', primary: '#ffff66', accent: null, chromatic: true },
  { name: 'pure blue', primary: '#0000ff', accent: null, chromatic: true },
  { name: 'near-black', primary: '#0a0a0a', accent: null, chromatic: false },
  { name: 'pure red', primary: '#ff0000', accent: null, chromatic: true },
  { name: 'mid grey', primary: '#808080', accent: null, chromatic: false },
  { name: 'indigo with a dark accent', primary: '#3f51b5', accent: '#1b1b3a', chromatic: true },
  { name: 'teal with a very light accent', primary: '#00897b', accent: '#fff59d', chromatic: true },
  { name: 'near-white', primary: '#fefefe', accent: '#ffffff', chromatic: false },
];

describe('deriveBrandTheme', () => {
  describe.each(SPREAD)('$name ($primary, accent $accent)', ({ primary, accent, chromatic }) => {
    const theme = deriveBrandTheme(primary, accent);

    it.each(['light', 'dark'] as const)('%s: every role is a lowercase #rrggbb colour', (mode) => {
      expect(Object.keys(theme[mode]).sort()).toEqual([...BRAND_THEME_ROLES].sort());
      for (const value of Object.values(theme[mode])) expect(value).toMatch(/^#[0-9a-f]{6}$/);
    });

    it.each(['light', 'dark'] as const)('%s: every on-colour/colour pair meets its contrast minimum', (mode) => {
      const failing = BRAND_CONTRAST_PAIRS.map(({ fg, bg, min }) => ({
        pair: `${fg} on ${bg}`,
        ratio: contrastRatio(theme[mode][fg], theme[mode][bg]),
        min,
      })).filter(({ ratio, min }) => ratio < min);
      expect(failing).toEqual([]);
    });

    it.each(['light', 'dark'] as const)('%s: text ≥ 4.5:1, outline and primary ≥ 3:1 on the page', (mode) => {
      const roles = theme[mode];
      for (const key of ['primary', 'secondary', 'tertiary', 'error']) {
        expect(contrastRatio(roles[`on-${key}`], roles[key])).toBeGreaterThanOrEqual(TEXT_CONTRAST);
        expect(contrastRatio(roles[`on-${key}-container`], roles[`${key}-container`])).toBeGreaterThanOrEqual(
          TEXT_CONTRAST,
        );
      }
      expect(contrastRatio(roles['on-surface'], roles['surface'])).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(roles['on-surface-variant'], roles['surface-container-highest'])).toBeGreaterThanOrEqual(
        TEXT_CONTRAST,
      );
      expect(contrastRatio(roles['outline'], roles['surface'])).toBeGreaterThanOrEqual(UI_CONTRAST);
      expect(contrastRatio(roles['primary'], roles['surface'])).toBeGreaterThanOrEqual(UI_CONTRAST);
    });

    if (chromatic) {
      it('keeps the brand hue in primary and its container, light and dark', () => {
        const source = hue(primary);
        for (const value of [theme.light['primary'], theme.light['primary-container'], theme.dark['primary']]) {
          expect(hueDistance(hue(value), source)).toBeLessThan(5);
        }
      });
    }

    if (accent) {
      it('derives the tertiary role from the accent hue', () => {
        const accentHct = Hct.fromInt(argbFromHex(accent));
        if (accentHct.chroma < 5) return;
        expect(hueDistance(hue(theme.light['tertiary']), accentHct.hue)).toBeLessThan(5);
        expect(hueDistance(hue(theme.dark['tertiary']), accentHct.hue)).toBeLessThan(5);
      });
    }
  });

  it('keeps the exact colour on light buttons when it can carry white text', () => {
    const blue = deriveBrandTheme('#0000ff', null);
    expect(blue.light['primary']).toBe('#0000ff');
    expect(blue.light['on-primary']).toBe('#ffffff');
    expect(blue.notes).toEqual([]);
    expect(deriveBrandTheme('#3F51B5', null).light['primary']).toBe('#3f51b5');
    // Near-black carries white text too; dark mode uses a light shade of it instead.
    const nearBlack = deriveBrandTheme('#0a0a0a', null);
    expect(nearBlack.light['primary']).toBe('#0a0a0a');
    expect(nearBlack.notes).toEqual([]);
    expect(contrastRatio(nearBlack.dark['primary'], nearBlack.dark['surface'])).toBeGreaterThanOrEqual(TEXT_CONTRAST);
  });

  it.each(['#ffff66', '#ff0000', '#808080', '#fefefe'])('darkens %s for white text and says so', (colour) => {
    const theme = deriveBrandTheme(colour, null);
    const used = theme.light['primary'];
    expect(used).not.toBe(colour);
    expect(contrastRatio('#ffffff', used)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(theme.notes).toEqual([
      `Your colour ${colour} is too light for white text; buttons use a darker shade, ${used}.`,
    ]);
    expect(contrastRatio(used, theme.light['surface'])).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    // The adjustment is the nearest passing shade (same hue), not needlessly dark.
    const margins = BRAND_CONTRAST_PAIRS.filter((p) => p.fg === 'primary').map(
      (p) => contrastRatio(used, theme.light[p.bg]) / p.min,
    );
    expect(Math.min(...margins)).toBeLessThan(1.05);
  });

  it('keeps a dark accent as the light tertiary and explains a light one', () => {
    const dark = deriveBrandTheme('#3f51b5', '#1b1b3a');
    expect(dark.light['tertiary']).toBe('#1b1b3a');
    expect(dark.notes).toEqual([]);
    // In dark mode the accent's hue comes back as a light tone that dark text can sit on.
    expect(contrastRatio(dark.dark['tertiary'], dark.dark['surface'])).toBeGreaterThanOrEqual(TEXT_CONTRAST);

    const light = deriveBrandTheme('#3f51b5', '#fff59d');
    expect(light.notes).toEqual([
      `Your accent colour #fff59d is too light for white text; accents use a darker shade, ${light.light['tertiary']}.`,
    ]);
  });

  it('without an accent, tertiary is the fidelity complement of the primary', () => {
    const theme = deriveBrandTheme('#0000ff', null);
    expect(hueDistance(hue(theme.light['tertiary']), hue('#0000ff'))).toBeGreaterThan(30);
  });

  it('is deterministic (the server and the browser show the same hex values)', () => {
    expect(deriveBrandTheme('#ff0000', '#1b1b3a')).toEqual(deriveBrandTheme('#FF0000', '#1B1B3A'));
  });

  it('refuses anything but #rrggbb', () => {
    expect(() => deriveBrandTheme('red', null)).toThrow(/#rrggbb/);
    expect(() => deriveBrandTheme('#fff', null)).toThrow(/#rrggbb/);
    expect(() => deriveBrandTheme('#0000ff', 'url(x)')).toThrow(/#rrggbb/);
  });
});

describe('contrastRatio', () => {
  it('matches WCAG', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('brandThemeCss', () => {
  it('sets --mat-sys-* for light and, under prefers-color-scheme: dark, for dark', () => {
    const theme = deriveBrandTheme('#0000ff', null);
    const css = brandThemeCss(theme);
    expect(css.startsWith(':root{--mat-sys-primary:#0000ff;')).toBe(true);
    expect(css).toContain(
      `@media (prefers-color-scheme: dark){:root{color-scheme:dark;--mat-sys-primary:${theme.dark['primary']};`,
    );
  });

  it('writes only known roles with hex values (nothing can break out of the style)', () => {
    const css = brandThemeCss({
      light: { primary: '#112233', 'x}</style><script>': '#000000', surface: 'red;}body{display:none' },
      dark: {},
    });
    expect(css).toBe(':root{--mat-sys-primary:#112233;}@media (prefers-color-scheme: dark){:root{color-scheme:dark;}}');
  });
});

describe('monogramIcon', () => {
  it("draws the portal name's first letter on the brand colour, escaped", () => {
    const theme = deriveBrandTheme('#0000ff', null);
    const url = monogramIcon('  <acme> studio', theme);
    expect(url.startsWith('data:image/svg+xml,')).toBe(true);
    const svg = decodeURIComponent(url.slice('data:image/svg+xml,'.length));
    expect(svg).toContain('fill="#0000ff"');
    expect(svg).toContain('>&#60;</text>');
    expect(svg).not.toContain('<acme>');
    expect(decodeURIComponent(monogramIcon('émile', theme))).toContain('>É</text>');
  });
});
