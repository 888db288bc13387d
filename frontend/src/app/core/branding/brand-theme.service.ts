import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { BRAND_STYLE_ID, BRAND_THEME_ROLES, type BrandTheme, type PublicBrand } from '@atrium/shared';

/** The derivation comes with a colour library: loaded when a brand is first shown, not before. */
const loadScheme = () => import('./brand-scheme');

const DARK_QUERY = '(prefers-color-scheme: dark)';
/** Atrium's own favicon (index.html), put back when no brand is shown. */
const DEFAULT_FAVICON = { href: 'favicon.ico', type: 'image/x-icon' };
/** Our own variables that styles.scss points Material's primary roles at. */
const ATRIUM_ALIASES: Record<string, string> = {
  '--atr-primary': 'primary',
  '--atr-on-primary': 'on-primary',
  '--atr-primary-container': 'primary-container',
  '--atr-on-primary-container': 'on-primary-container',
};

/**
 * Paints a brand on the whole document: the Material 3 roles derived from its colours as
 * `--mat-sys-*` variables on `<html>` (the dark scheme while the system asks for dark), its icon
 * as the favicon, and its portal name for the tab title (read by the title strategy).
 */
@Injectable({ providedIn: 'root' })
export class BrandThemeService {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<PublicBrand | null>(null);
  private readonly darkQuery = this.document.defaultView?.matchMedia?.(DARK_QUERY) ?? null;
  private readonly systemDark = signal(this.darkQuery?.matches ?? false);
  private theme: { key: string; value: BrandTheme } | null = null;

  /** The brand on show, or null for Atrium's own look. */
  readonly brand = this.current.asReadonly();
  /** The portal name that takes Atrium's place in the tab title; null without a brand. */
  readonly siteName = computed(() => this.current()?.portalName ?? null);
  /** Whether the dark scheme is painted (a brand is shown and the system asks for dark). */
  readonly dark = computed(() => this.current() !== null && this.systemDark());

  constructor() {
    const onChange = (event: MediaQueryListEvent) => {
      this.systemDark.set(event.matches);
      if (this.current()) this.paint();
    };
    this.darkQuery?.addEventListener?.('change', onChange);
    inject(DestroyRef).onDestroy(() => this.darkQuery?.removeEventListener?.('change', onChange));
  }

  /**
   * Shows a brand: its name at once, its colours and icon as soon as the derivation has loaded
   * (a branded page's first paint already has them from the server). Resolves once painted.
   */
  async apply(brand: PublicBrand): Promise<void> {
    this.current.set(brand);
    const { deriveBrandTheme, monogramIcon } = await loadScheme();
    // Another brand, or none, may have been asked for meanwhile.
    if (this.current() !== brand) return;
    this.theme = this.themeFor(brand, deriveBrandTheme);
    this.paint();
    // Its icon, else its monogram: a branded tab never shows Atrium's icon.
    const icon = brand.images.icon;
    this.setFavicon(
      icon
        ? { href: icon.url, type: 'image/png' }
        : { href: monogramIcon(brand.portalName, this.theme.value), type: 'image/svg+xml' },
    );
  }

  /** Back to Atrium's look (the agency workspace, the installation's own sign-in pages). */
  reset(): void {
    if (this.current() === null && !this.document.getElementById(BRAND_STYLE_ID)) return;
    this.current.set(null);
    this.theme = null;
    const style = this.document.documentElement.style;
    for (const role of BRAND_THEME_ROLES) style.removeProperty(`--mat-sys-${role}`);
    for (const alias of Object.keys(ATRIUM_ALIASES)) style.removeProperty(alias);
    style.removeProperty('color-scheme');
    // The server's first-paint variables would otherwise keep the brand on.
    this.document.getElementById(BRAND_STYLE_ID)?.remove();
    this.setFavicon(DEFAULT_FAVICON);
  }

  private themeFor(
    brand: PublicBrand,
    derive: (primary: string, accent: string | null) => BrandTheme,
  ): { key: string; value: BrandTheme } {
    // A pure function of the colours: kept for the last pair asked.
    const key = `${brand.primaryColor}|${brand.accentColor ?? ''}`;
    return this.theme?.key === key ? this.theme : { key, value: derive(brand.primaryColor, brand.accentColor) };
  }

  private paint(): void {
    const theme = this.theme?.value;
    if (!this.current() || !theme) return;
    const dark = this.systemDark();
    const roles = dark ? theme.dark : theme.light;
    const style = this.document.documentElement.style;
    for (const role of BRAND_THEME_ROLES) style.setProperty(`--mat-sys-${role}`, roles[role]);
    for (const [alias, role] of Object.entries(ATRIUM_ALIASES)) style.setProperty(alias, roles[role]);
    style.setProperty('color-scheme', dark ? 'dark' : 'light');
  }

  private setFavicon(icon: { href: string; type: string }): void {
    let link = this.document.head.querySelector<HTMLLinkElement>('link[rel~="icon"]');
    if (!link) {
      link = this.document.createElement('link');
      link.rel = 'icon';
      this.document.head.appendChild(link);
    }
    if (link.getAttribute('href') !== icon.href) link.setAttribute('href', icon.href);
    link.type = icon.type;
  }
}
