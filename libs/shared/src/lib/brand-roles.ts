/**
 * What a branded page needs without the colour library (brand-theme.ts derives the scheme): the
 * Material 3 role names, the contrast arithmetic, the CSS of a derived theme, and the names of the
 * first-paint elements the server writes. Kept apart so the app's first load can use these
 * without carrying the colour library.
 */
import type { PublicBrand } from './branding-api';

/** The Material 3 system colour roles, named as Angular Material's `--mat-sys-<role>` variables. */
export const BRAND_THEME_ROLES = [
  'primary',
  'on-primary',
  'primary-container',
  'on-primary-container',
  'primary-fixed',
  'primary-fixed-dim',
  'on-primary-fixed',
  'on-primary-fixed-variant',
  'inverse-primary',
  'surface-tint',
  'secondary',
  'on-secondary',
  'secondary-container',
  'on-secondary-container',
  'secondary-fixed',
  'secondary-fixed-dim',
  'on-secondary-fixed',
  'on-secondary-fixed-variant',
  'tertiary',
  'on-tertiary',
  'tertiary-container',
  'on-tertiary-container',
  'tertiary-fixed',
  'tertiary-fixed-dim',
  'on-tertiary-fixed',
  'on-tertiary-fixed-variant',
  'error',
  'on-error',
  'error-container',
  'on-error-container',
  'background',
  'on-background',
  'surface',
  'surface-dim',
  'surface-bright',
  'surface-container-lowest',
  'surface-container-low',
  'surface-container',
  'surface-container-high',
  'surface-container-highest',
  'on-surface',
  'surface-variant',
  'on-surface-variant',
  'inverse-surface',
  'inverse-on-surface',
  'outline',
  'outline-variant',
  'shadow',
  'scrim',
] as const;
export type BrandThemeRole = (typeof BRAND_THEME_ROLES)[number];

export interface BrandTheme {
  /** Role → `#rrggbb` (lowercase) for the light scheme. */
  light: Record<string, string>;
  /** Role → `#rrggbb` (lowercase) for the dark scheme (used when the system asks for it). */
  dark: Record<string, string>;
  /** Plain-words notes for the agency when one of its colours had to be adjusted. */
  notes: string[];
}

/**
 * The first paint of a branded page (sign-in on `/a/<slug>/...` or on a custom domain): the server
 * puts the brand's variables in a `<style id="atr-brand-style">` in `<head>` and hands the brand to
 * the app in `<script id="atr-brand" type="application/json">` (a data block: never executed).
 */
export const BRAND_STYLE_ID = 'atr-brand-style';
export const BRAND_BOOTSTRAP_ID = 'atr-brand';

/** What the server tells the app about the page it served. */
export interface BrandBootstrap {
  /** The brand of the page's slug or host; null on the installation's own, unbranded pages. */
  brand: PublicBrand | null;
  /** True when the page was served on an agency's active custom domain. */
  customDomain: boolean;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Whether `value` is a `#rrggbb` colour (the only form brand colours take). */
export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && HEX.test(value);
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** CSS that sets the theme's variables on `selector` (light, and dark when the system asks for it). */
export function brandThemeCss(theme: Pick<BrandTheme, 'light' | 'dark'>, selector = ':root'): string {
  const block = (roles: Record<string, string>): string =>
    Object.entries(roles)
      .filter(([role, value]) => (BRAND_THEME_ROLES as readonly string[]).includes(role) && isHexColor(value))
      .map(([role, value]) => `--mat-sys-${role}:${value};`)
      .join('');
  return (
    `${selector}{${block(theme.light)}}` +
    `@media (prefers-color-scheme: dark){${selector}{color-scheme:dark;${block(theme.dark)}}}`
  );
}
