import { apiSecurityHeaders, helmetOptions, staticSecurityHeaders } from './security-headers';

describe('security headers', () => {
  it("works out helmet's page headers once, with Atrium's content security policy", () => {
    const headers = staticSecurityHeaders(helmetOptions({ appUrl: 'http://localhost:3000' }));
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    // Not on plain http: browsers ignore it there, and it would pin a later https move.
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  it('gives API answers the stricter API set, with HSTS only where the pages have it', () => {
    const https = staticSecurityHeaders(helmetOptions({ appUrl: 'https://atrium.example' }));
    expect(https['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(apiSecurityHeaders(https)).toEqual({
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
      'strict-transport-security': https['strict-transport-security'],
    });
    const http = staticSecurityHeaders(helmetOptions({ appUrl: 'http://localhost:3000' }));
    expect(apiSecurityHeaders(http)['strict-transport-security']).toBeUndefined();
  });
});
