import { CanActivate, ExecutionContext, ForbiddenException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { portalHostOf } from '../auth/context.decorator';

/**
 * Every route that sets or reads the refresh-token cookie. A browser sends (and keeps) that cookie
 * whichever site started the request, so these only take requests from Atrium's own pages.
 */
export const SESSION_COOKIE_ROUTES: readonly string[] = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/magic-link',
  'POST /api/v1/invitations/accept',
];

export const FOREIGN_ORIGIN_MESSAGE = 'Sign-in requests are only accepted from this site’s own pages.';

/**
 * Refuses (403) a session-cookie route called from another site: `Sec-Fetch-Site: cross-site`, or
 * an `Origin` that is neither APP_URL, the request's own address, nor the agency custom domain it
 * arrived on. Without this, any website could sign a visitor into the attacker's account (sign-in
 * CSRF) or end their session. Requests without these headers (API clients, old browsers) pass: the
 * JSON-only body rule (BodyTypeGuard) already keeps plain cross-site forms out.
 */
export class SessionOriginGuard implements CanActivate {
  private readonly routes = new Set(SESSION_COOKIE_ROUTES);
  private readonly appOrigin: string;

  constructor(config: Pick<AppConfig, 'appUrl'>) {
    this.appOrigin = new URL(config.appUrl).origin;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const path = request.originalUrl.split('?')[0].replace(/\/+$/, '');
    if (!this.routes.has(`${request.method} ${path}`)) return true;
    if (request.headers['sec-fetch-site'] === 'cross-site') throw new ForbiddenException(FOREIGN_ORIGIN_MESSAGE);
    const origin = request.headers.origin;
    if (origin !== undefined && !this.trustedOrigins(request).has(origin.toLowerCase())) {
      throw new ForbiddenException(FOREIGN_ORIGIN_MESSAGE);
    }
    return true;
  }

  private trustedOrigins(request: FastifyRequest): Set<string> {
    const trusted = new Set([this.appOrigin]);
    const host = request.headers.host;
    // Same origin: the page was served from the address this request went to.
    if (host) trusted.add(`${request.protocol}://${host}`.toLowerCase());
    // An agency's custom domain is served over TLS, whatever the proxy in front tells this process.
    const portal = portalHostOf(request);
    if (portal) trusted.add(`https://${portal.hostname}`);
    return trusted;
  }
}
