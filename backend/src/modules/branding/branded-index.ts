import {
  BRAND_BOOTSTRAP_ID,
  BRAND_STYLE_ID,
  brandThemeCss,
  deriveBrandTheme,
  monogramIcon,
  type BrandBootstrap,
  type PublicBrand,
} from '@atrium/shared';

/** What the page served for a request is: a brand's, neutral (a client's page before its brand is known), or Atrium's. */
export type IndexPage =
  | { kind: 'brand'; brand: PublicBrand; customDomain: boolean }
  /** Client-facing, brand unknown here (the portal before sign-in is restored, an unknown slug). */
  | { kind: 'neutral'; title: string }
  | { kind: 'atrium' };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON for a `<script type="application/json">` data block: nothing in it can close the element
 * or open a comment (`<`, `>`, `&` and the JS line separators are written as \u escapes).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The app's index.html for one page (SPEC §2: no flash of the Atrium theme). A branded page gets
 * the brand's `--mat-sys-*` variables in a `<style>` in `<head>` (light, and dark when the system
 * asks for it), the portal name as title and description, the brand's icon as favicon, and the
 * brand for the app in a JSON data block (never executed: the CSP's script-src does not apply).
 * A neutral page says nothing of Atrium. Every value is escaped for where it goes.
 */
export function renderIndex(template: string, page: IndexPage): string {
  const bootstrap: BrandBootstrap = {
    brand: page.kind === 'brand' ? page.brand : null,
    customDomain: page.kind === 'brand' && page.customDomain,
  };
  const data = `<script id="${BRAND_BOOTSTRAP_ID}" type="application/json">${jsonForScript(bootstrap)}</script>`;
  if (page.kind === 'atrium') return inHead(template, data);

  const title = page.kind === 'brand' ? page.brand.portalName : page.title;
  let html = template
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)}</title>`)
    .replace(/<meta name="description"[^>]*>/, `<meta name="description" content="${escapeHtml(title)}" />`)
    .replace(/<noscript>[^<]*<\/noscript>/, '<noscript>This page needs JavaScript to run.</noscript>');
  if (page.kind === 'neutral') return inHead(html, data);

  const { brand } = page;
  const theme = deriveBrandTheme(brand.primaryColor, brand.accentColor);
  html = html.replace(/<meta name="color-scheme"[^>]*>/, '<meta name="color-scheme" content="light dark" />');
  // The brand's icon, else its monogram: a branded tab never shows Atrium's.
  const icon = brand.images.icon
    ? { type: 'image/png', href: brand.images.icon.url }
    : { type: 'image/svg+xml', href: monogramIcon(brand.portalName, theme) };
  html = html.replace(
    /<link rel="icon"[^>]*>/,
    `<link rel="icon" type="${icon.type}" href="${escapeHtml(icon.href)}" />`,
  );
  // brandThemeCss writes only known role names and #rrggbb values: nothing there can end the element.
  return inHead(html, `<style id="${BRAND_STYLE_ID}">${brandThemeCss(theme)}</style>${data}`);
}

function inHead(html: string, markup: string): string {
  const end = html.indexOf('</head>');
  return end === -1 ? markup + html : `${html.slice(0, end)}${markup}${html.slice(end)}`;
}
