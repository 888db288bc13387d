import { deriveBrandTheme, type PublicBrand } from '@atrium/shared';
import { escapeHtml, jsonForScript, renderIndex } from './branded-index';

const TEMPLATE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Atrium</title>
    <base href="/" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="description" content="Atrium: agency workspace and client portal" />
    <meta name="color-scheme" content="light" />
    <link rel="icon" type="image/x-icon" href="favicon.ico" />
  <link rel="stylesheet" href="styles-ABC.css"></head>
  <body>
    <atr-root></atr-root>
    <noscript>Atrium needs JavaScript to run.</noscript>
  <script src="main-XYZ.js" type="module"></script></body>
</html>`;

const BRAND: PublicBrand = {
  portalName: 'Acme </title><script>alert(1)</script> & "Co"',
  primaryColor: '#ffff66',
  accentColor: null,
  signInHeadline: '</script><script>alert(2)</script>',
  signInText: null,
  supportEmail: null,
  supportUrl: null,
  legalFooter: null,
  showPoweredBy: false,
  images: { icon: { slot: 'icon', url: '/api/v1/public/brand-images/acme/icon/abc"><x', width: 512, height: 512 } },
  slug: 'acme',
};

/** The data block's JSON, as the browser would hand it to the app. */
function bootstrapOf(html: string): unknown {
  const match = /<script id="atr-brand" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no data block');
  return JSON.parse(match[1]);
}

describe('renderIndex', () => {
  it('paints a brand: its variables, title, description and icon, with every value escaped', () => {
    const html = renderIndex(TEMPLATE, { kind: 'brand', brand: BRAND, customDomain: false });
    const theme = deriveBrandTheme('#ffff66', null);

    expect(html).toContain(`<title>${escapeHtml(BRAND.portalName)}</title>`);
    expect(html).toContain(
      '<title>Acme &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;</title>',
    );
    expect(html).toContain(`--mat-sys-primary:${theme.light['primary']};`);
    expect(html).toContain(
      `@media (prefers-color-scheme: dark){:root{color-scheme:dark;--mat-sys-primary:${theme.dark['primary']};`,
    );
    expect(html).toContain(
      '<link rel="icon" type="image/png" href="/api/v1/public/brand-images/acme/icon/abc&quot;&gt;&lt;x" />',
    );
    expect(html).toContain('<meta name="color-scheme" content="light dark" />');
    expect(html).not.toMatch(/Atrium/);
    // Only the app's own script and the data block: nothing injected runs.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.indexOf('id="atr-brand-style"')).toBeLessThan(html.indexOf('</head>'));
    expect(bootstrapOf(html)).toEqual({ brand: BRAND, customDomain: false });
  });

  it('says when the page is on a custom domain', () => {
    const html = renderIndex(TEMPLATE, { kind: 'brand', brand: { ...BRAND, images: {} }, customDomain: true });
    expect(bootstrapOf(html)).toMatchObject({ customDomain: true });
    // No icon of its own: its monogram, never Atrium's icon.
    expect(html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml,[^"]+" \/>/);
    expect(html).not.toContain('favicon.ico');
  });

  it('serves a neutral page that never says Atrium', () => {
    const html = renderIndex(TEMPLATE, { kind: 'neutral', title: 'Sign in' });
    expect(html).toContain('<title>Sign in</title>');
    expect(html).not.toMatch(/Atrium/);
    expect(html).not.toContain('atr-brand-style');
    expect(bootstrapOf(html)).toEqual({ brand: null, customDomain: false });
  });

  it("leaves Atrium's own pages as they are, telling the app there is no brand to look for", () => {
    const html = renderIndex(TEMPLATE, { kind: 'atrium' });
    expect(html).toContain('<title>Atrium</title>');
    expect(html.replace(/<script id="atr-brand"[^<]*<\/script>/, '')).toBe(TEMPLATE);
    expect(bootstrapOf(html)).toEqual({ brand: null, customDomain: false });
  });
});

describe('jsonForScript', () => {
  it('cannot close its script element or start a comment', () => {
    const text = jsonForScript({ a: '</script><!-- & \u2028' });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ a: '</script><!-- & \u2028' });
  });
});
