/**
 * The agency's Material 3 colour scheme, derived from its brand colour (SPEC §2 Branding). The same
 * function runs in the browser (the portal and its sign-in pages are themed at run time), in the
 * server (the first paint of a branded page, emails, PDFs), so every place shows the same hex values.
 *
 * The scheme is Material's *fidelity* scheme: it keeps the agency's exact hue (and, where it can,
 * its exact colour: light-mode buttons use it as is). Contrast is then guaranteed rather than hoped
 * for: every text pair meets WCAG 2.2 AA (4.5:1) and every UI part 3:1; a colour that cannot reach it
 * is moved in tone (same hue) and `notes` says so in plain words for the settings page.
 */
import {
  DynamicScheme,
  Hct,
  SchemeFidelity,
  TonalPalette,
  Variant,
  argbFromHex,
  hexFromArgb,
} from '@material/material-color-utilities';
import {
  BRAND_THEME_ROLES,
  contrastRatio,
  isHexColor,
  relativeLuminance,
  type BrandTheme,
  type BrandThemeRole,
} from './brand-roles';

/** WCAG 2.2 AA minimums. */
export const TEXT_CONTRAST = 4.5;
export const UI_CONTRAST = 3;

/** A foreground role that must stand out from a background role by at least `min`. */
export interface ContrastPair {
  fg: BrandThemeRole;
  bg: BrandThemeRole;
  min: number;
}

const SURFACES: BrandThemeRole[] = [
  'surface',
  'surface-dim',
  'surface-bright',
  'surface-container-lowest',
  'surface-container-low',
  'surface-container',
  'surface-container-high',
  'surface-container-highest',
];
/** Where text in an accent colour (links, text buttons) usually sits: the page and its cards. */
const TEXT_SURFACES: BrandThemeRole[] = [
  'surface',
  'surface-bright',
  'surface-container-lowest',
  'surface-container-low',
  'surface-container',
];

function keyPairs(key: 'primary' | 'secondary' | 'tertiary'): ContrastPair[] {
  return [
    { fg: `on-${key}`, bg: key, min: TEXT_CONTRAST },
    { fg: `on-${key}-container`, bg: `${key}-container`, min: TEXT_CONTRAST },
    { fg: `on-${key}-fixed`, bg: `${key}-fixed`, min: TEXT_CONTRAST },
    { fg: `on-${key}-fixed`, bg: `${key}-fixed-dim`, min: TEXT_CONTRAST },
    { fg: `on-${key}-fixed-variant`, bg: `${key}-fixed`, min: TEXT_CONTRAST },
    { fg: `on-${key}-fixed-variant`, bg: `${key}-fixed-dim`, min: TEXT_CONTRAST },
  ] as ContrastPair[];
}

/**
 * Every pair the scheme guarantees. The order matters when fixing: colours used on surfaces are
 * settled first, then the text drawn on those colours. (Built in a function marked pure, so that
 * bundles that do not use the theme, like the app's first load, can leave it and the colour
 * library out.)
 */
export const BRAND_CONTRAST_PAIRS: readonly ContrastPair[] = /* @__PURE__ */ (() =>
  [
    // Accent colours as text (text buttons, links) or UI parts on the page and its cards.
    ...(['primary', 'tertiary', 'error', 'secondary'] as const).flatMap((key) => [
      ...TEXT_SURFACES.map((bg) => ({ fg: key, bg, min: TEXT_CONTRAST })),
      { fg: key, bg: 'surface-container-high', min: UI_CONTRAST },
      { fg: key, bg: 'surface-container-highest', min: UI_CONTRAST },
      { fg: key, bg: 'surface-dim', min: UI_CONTRAST },
    ]),
    // Borders of fields and outlined buttons.
    ...SURFACES.map((bg) => ({ fg: 'outline', bg, min: UI_CONTRAST })),
    // Text on the page, its cards and its variants.
    ...SURFACES.map((bg) => ({ fg: 'on-surface', bg, min: TEXT_CONTRAST })),
    ...[...SURFACES, 'surface-variant'].map((bg) => ({ fg: 'on-surface-variant', bg, min: TEXT_CONTRAST })),
    { fg: 'on-surface', bg: 'surface-variant', min: TEXT_CONTRAST },
    { fg: 'on-background', bg: 'background', min: TEXT_CONTRAST },
    // Snack bars and tooltips.
    { fg: 'inverse-on-surface', bg: 'inverse-surface', min: TEXT_CONTRAST },
    { fg: 'inverse-primary', bg: 'inverse-surface', min: TEXT_CONTRAST },
    // Text on the accent colours.
    ...keyPairs('primary'),
    ...keyPairs('secondary'),
    ...keyPairs('tertiary'),
    { fg: 'on-error', bg: 'error', min: TEXT_CONTRAST },
    { fg: 'on-error-container', bg: 'error-container', min: TEXT_CONTRAST },
  ] as ContrastPair[])();

/**
 * The light and dark schemes for a primary brand colour and an optional accent (the tertiary role).
 * Both must be `#rrggbb`; anything else is a programming error (the API validates them first).
 */
export function deriveBrandTheme(primary: string, accent: string | null): BrandTheme {
  if (!isHexColor(primary))
    throw new Error(`deriveBrandTheme: primary must be #rrggbb, got ${JSON.stringify(primary)}`);
  if (accent !== null && !isHexColor(accent)) {
    throw new Error(`deriveBrandTheme: accent must be #rrggbb or null, got ${JSON.stringify(accent)}`);
  }
  const primaryHex = primary.toLowerCase();
  const accentHex = accent?.toLowerCase() ?? null;
  const notes: string[] = [];

  const light = schemeRoles(primaryHex, accentHex, false);
  const dark = schemeRoles(primaryHex, accentHex, true);

  // Light mode shows the agency's own colour on buttons when it can carry white text and read as
  // text on the page; otherwise the nearest darker shade of the same hue that can.
  const brandPrimary = keepOrDarken(primaryHex, light, 'primary');
  if (brandPrimary !== primaryHex) notes.push(adjustmentNote('Your colour', primaryHex, brandPrimary, 'buttons'));
  light['primary'] = brandPrimary;
  light['surface-tint'] = brandPrimary;
  if (accentHex) {
    const brandAccent = keepOrDarken(accentHex, light, 'tertiary');
    if (brandAccent !== accentHex) {
      notes.push(adjustmentNote('Your accent colour', accentHex, brandAccent, 'accents'));
    }
    light['tertiary'] = brandAccent;
  }

  // Dark mode: Material's tone 80 of the brand hue. (Fidelity pushes a very light brand colour's
  // dark primary to plain white, which loses the hue; the fixed-dim role is that tone 80.)
  dark['primary'] = dark['primary-fixed-dim'];
  dark['surface-tint'] = dark['primary-fixed-dim'];
  dark['tertiary'] = dark['tertiary-fixed-dim'];

  enforceContrast(light);
  enforceContrast(dark);
  return { light, dark, notes };
}

/**
 * A favicon for a brand without an icon of its own (never Atrium's): the portal name's first letter
 * on the brand colour, as an SVG data URL.
 */
export function monogramIcon(portalName: string, theme: Pick<BrandTheme, 'light'>): string {
  const letter = Array.from(portalName.trim())[0]?.toUpperCase() ?? '';
  const xml = letter.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const fill = isHexColor(theme.light['primary']) ? theme.light['primary'] : '#000000';
  const ink = isHexColor(theme.light['on-primary']) ? theme.light['on-primary'] : '#ffffff';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${fill}"/>` +
    `<text x="32" y="44" font-family="Arial,sans-serif" font-size="36" font-weight="700" text-anchor="middle" fill="${ink}">${xml}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function schemeRoles(primary: string, accent: string | null, isDark: boolean): Record<string, string> {
  const source = Hct.fromInt(argbFromHex(primary));
  const fidelity = new SchemeFidelity(source, isDark, 0);
  const scheme = accent
    ? new DynamicScheme({
        sourceColorHct: source,
        variant: Variant.FIDELITY,
        contrastLevel: 0,
        isDark,
        primaryPalette: fidelity.primaryPalette,
        secondaryPalette: fidelity.secondaryPalette,
        tertiaryPalette: TonalPalette.fromHct(Hct.fromInt(argbFromHex(accent))),
        neutralPalette: fidelity.neutralPalette,
        neutralVariantPalette: fidelity.neutralVariantPalette,
      })
    : fidelity;
  const roles: Record<string, string> = {};
  for (const role of BRAND_THEME_ROLES) {
    const getter = role.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof DynamicScheme;
    roles[role] = hex(scheme[getter] as number);
  }
  return roles;
}

/** The pairs in which `role` is the colour drawn on the page (or carries the white text). */
function pairsOf(role: BrandThemeRole): ContrastPair[] {
  return BRAND_CONTRAST_PAIRS.filter((p) => p.fg === role || (p.bg === role && p.fg === `on-${role}`));
}

/** `colour` if it meets every pair of `role` in `roles` (with white text on it), else a darker tone of it. */
function keepOrDarken(colour: string, roles: Record<string, string>, role: 'primary' | 'tertiary'): string {
  const pairs = pairsOf(role);
  const candidate = { ...roles, [`on-${role}`]: '#ffffff' };
  const fits = (c: string): boolean =>
    pairs.every(
      (p) => contrastRatio(p.fg === role ? c : candidate[p.fg], p.bg === role ? c : candidate[p.bg]) >= p.min,
    );
  if (fits(colour)) return colour;
  const hct = Hct.fromInt(argbFromHex(colour));
  for (let tone = Math.floor(hct.tone); tone >= 0; tone -= 0.5) {
    const shade = hex(Hct.from(hct.hue, hct.chroma, tone).toInt());
    if (fits(shade)) return shade;
  }
  return '#000000';
}

/** Moves the foreground of any failing pair away from its background (same hue) until it passes. */
function enforceContrast(roles: Record<string, string>): void {
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const { fg, bg, min } of BRAND_CONTRAST_PAIRS) {
      if (contrastRatio(roles[fg], roles[bg]) >= min) continue;
      roles[fg] = awayFrom(roles[fg], roles[bg], min);
      changed = true;
    }
    if (!changed) return;
  }
}

function awayFrom(fg: string, bg: string, min: number): string {
  const hct = Hct.fromInt(argbFromHex(fg));
  const step = relativeLuminance(bg) > 0.18 ? -0.5 : 0.5;
  for (let tone = hct.tone; tone >= 0 && tone <= 100; tone += step) {
    const moved = hex(Hct.from(hct.hue, hct.chroma, tone).toInt());
    if (contrastRatio(moved, bg) >= min) return moved;
  }
  return step < 0 ? '#000000' : '#ffffff';
}

function adjustmentNote(what: string, given: string, used: string, where: string): string {
  const whiteText = contrastRatio(given, '#ffffff') < TEXT_CONTRAST;
  const reason = whiteText ? 'is too light for white text' : 'is a little too light to read as text on a white page';
  return `${what} ${given} ${reason}; ${where} use a darker shade, ${used}.`;
}

function hex(argb: number): string {
  return hexFromArgb(argb).toLowerCase();
}
