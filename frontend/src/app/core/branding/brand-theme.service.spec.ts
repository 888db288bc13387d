import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { BRAND_STYLE_ID, deriveBrandTheme, type PublicBrand } from '@atrium/shared';
import { BrandThemeService } from './brand-theme.service';

const BRAND: PublicBrand = {
  portalName: 'Lumen Portal',
  primaryColor: '#ffff66',
  accentColor: '#1b1b3a',
  signInHeadline: null,
  signInText: null,
  supportEmail: null,
  supportUrl: null,
  legalFooter: null,
  showPoweredBy: false,
  images: {},
  slug: 'lumen',
};

/** A system colour-scheme preference that the test can flip. */
function fakeDarkPreference(initial: boolean) {
  const listeners: Array<(event: { matches: boolean }) => void> = [];
  const query = {
    matches: initial,
    addEventListener: (_: string, listener: (event: { matches: boolean }) => void) => listeners.push(listener),
    removeEventListener: jest.fn(),
  };
  const spy = jest.spyOn(window, 'matchMedia').mockReturnValue(query as unknown as MediaQueryList);
  return {
    flip(matches: boolean) {
      query.matches = matches;
      listeners.forEach((listener) => listener({ matches }));
    },
    restore: () => spy.mockRestore(),
  };
}

describe('BrandThemeService', () => {
  let document: Document;
  let root: CSSStyleDeclaration;
  const favicon = () => document.head.querySelector<HTMLLinkElement>('link[rel~="icon"]');

  beforeEach(() => {
    // jsdom has no matchMedia of its own.
    window.matchMedia ??= (() => ({ matches: false })) as unknown as typeof window.matchMedia;
    document = TestBed.inject(DOCUMENT);
    root = document.documentElement.style;
    document.head.querySelectorAll('link[rel~="icon"], #' + BRAND_STYLE_ID).forEach((node) => node.remove());
    const link = document.createElement('link');
    link.rel = 'icon';
    link.type = 'image/x-icon';
    link.setAttribute('href', 'favicon.ico');
    document.head.appendChild(link);
    root.cssText = '';
  });

  it('paints the light scheme derived from the brand on <html>, with its monogram as favicon', async () => {
    const preference = fakeDarkPreference(false);
    const theme = TestBed.inject(BrandThemeService);
    await theme.apply(BRAND);
    const light = deriveBrandTheme('#ffff66', '#1b1b3a').light;

    expect(root.getPropertyValue('--mat-sys-primary')).toBe(light['primary']);
    expect(root.getPropertyValue('--mat-sys-on-primary')).toBe(light['on-primary']);
    expect(root.getPropertyValue('--mat-sys-tertiary')).toBe('#1b1b3a');
    expect(root.getPropertyValue('--mat-sys-surface-container-low')).toBe(light['surface-container-low']);
    expect(root.getPropertyValue('--atr-primary')).toBe(light['primary']);
    expect(root.getPropertyValue('color-scheme')).toBe('light');
    expect(favicon()?.getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
    expect(theme.siteName()).toBe('Lumen Portal');
    expect(theme.dark()).toBe(false);
    preference.restore();
  });

  it("uses the brand's icon as favicon", async () => {
    const theme = TestBed.inject(BrandThemeService);
    const url = '/api/v1/public/brand-images/lumen/icon/abc';
    await theme.apply({ ...BRAND, images: { icon: { slot: 'icon', url, width: 512, height: 512 } } });
    expect(favicon()?.getAttribute('href')).toBe(url);
    expect(favicon()?.type).toBe('image/png');
  });

  it('paints the dark scheme while the system asks for dark, and follows it when it changes', async () => {
    const preference = fakeDarkPreference(true);
    const theme = TestBed.inject(BrandThemeService);
    const derived = deriveBrandTheme('#ffff66', '#1b1b3a');
    await theme.apply(BRAND);
    expect(root.getPropertyValue('--mat-sys-primary')).toBe(derived.dark['primary']);
    expect(root.getPropertyValue('--mat-sys-surface')).toBe(derived.dark['surface']);
    expect(root.getPropertyValue('color-scheme')).toBe('dark');
    expect(theme.dark()).toBe(true);

    preference.flip(false);
    expect(root.getPropertyValue('--mat-sys-primary')).toBe(derived.light['primary']);
    expect(theme.dark()).toBe(false);
    preference.restore();
  });

  it("goes back to Atrium's look: variables, the server's first-paint style and the favicon", async () => {
    const theme = TestBed.inject(BrandThemeService);
    const style = document.createElement('style');
    style.id = BRAND_STYLE_ID;
    document.head.appendChild(style);
    await theme.apply(BRAND);

    theme.reset();
    expect(root.getPropertyValue('--mat-sys-primary')).toBe('');
    expect(root.getPropertyValue('--atr-primary')).toBe('');
    expect(document.getElementById(BRAND_STYLE_ID)).toBeNull();
    expect(favicon()?.getAttribute('href')).toBe('favicon.ico');
    expect(theme.brand()).toBeNull();
    expect(theme.siteName()).toBeNull();
  });

  it('paints nothing for a brand dropped while its scheme was loading', async () => {
    const theme = TestBed.inject(BrandThemeService);
    const painting = theme.apply(BRAND);
    expect(theme.siteName()).toBe('Lumen Portal');
    theme.reset();
    await painting;
    expect(root.getPropertyValue('--mat-sys-primary')).toBe('');
    expect(favicon()?.getAttribute('href')).toBe('favicon.ico');
  });
});
