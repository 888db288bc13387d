import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppConfig } from '../../config/app-config';

/** The security headers every answer carries (helmet's, with Atrium's content security policy). */
export function helmetOptions(config: Pick<AppConfig, 'appUrl'>): Readonly<HelmetOptions> {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Angular and Material set inline styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Avatars of connected social accounts come from the platforms' image hosts.
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.appUrl.startsWith('https:'),
  };
}

/**
 * The headers helmet sets, worked out once. With these options they depend on nothing in the
 * request (no nonces), so helmet runs at start-up against a recording response, and each request
 * only copies the result instead of running helmet's dozen middlewares again.
 */
export function staticSecurityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return headers;
}

/**
 * The headers of an API answer (JSON), after OWASP's REST Security Cheat Sheet: it is never shown
 * as a page, so a page's policy (which scripts, styles and images may load, cross-origin isolation,
 * prefetching, ...) has nothing to govern. What remains is stricter than a page's: nothing may
 * load or frame it (`default-src 'none'`, `DENY`), it is never sniffed as another type, never
 * sent as a referrer, never kept by a cache (a route that may be cached says so itself), and other
 * sites cannot pull it in. HSTS, where the installation is on https, is the page's own value.
 */
export function apiSecurityHeaders(documentHeaders: Readonly<Record<string, string>>): Record<string, string> {
  const hsts = documentHeaders['strict-transport-security'];
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
    ...(hsts ? { 'strict-transport-security': hsts } : {}),
  };
}

/**
 * API paths that answer with pages (the OpenAPI viewer, the OAuth sandbox's consent page, the
 * payment sandbox's hosted page): a page's headers.
 */
export const API_PAGE_PREFIXES = ['/api/docs', '/api/dev-oauth/', '/api/sandbox-pay/checkout/'];
