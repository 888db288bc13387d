import { ForbiddenException, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { setPortalHost } from '../auth/context.decorator';
import { SessionOriginGuard } from './session-origin.guard';

describe('SessionOriginGuard', () => {
  const guard = new SessionOriginGuard({ appUrl: 'https://app.example.com' });

  const requestTo = (
    path: string,
    headers: Record<string, string>,
    options: { method?: string; protocol?: string; portal?: string } = {},
  ): FastifyRequest => {
    const request = {
      method: options.method ?? 'POST',
      originalUrl: path,
      protocol: options.protocol ?? 'http',
      headers: { host: 'app.example.com', ...headers },
    } as unknown as FastifyRequest;
    if (options.portal) setPortalHost(request, { hostname: options.portal, agencyId: 'a1' });
    return request;
  };
  const verdict = (request: FastifyRequest) => {
    const execution = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
    try {
      return guard.canActivate(execution);
    } catch (error) {
      if (error instanceof ForbiddenException) return 'refused';
      throw error;
    }
  };

  it('lets other routes and methods through whatever their origin', () => {
    expect(verdict(requestTo('/api/v1/auth/signup', { origin: 'https://evil.example' }))).toBe(true);
    expect(verdict(requestTo('/api/v1/auth/login', { origin: 'https://evil.example' }, { method: 'GET' }))).toBe(true);
  });

  it('refuses cross-site fetches and foreign origins on session-cookie routes, query string or not', () => {
    expect(verdict(requestTo('/api/v1/auth/login', { 'sec-fetch-site': 'cross-site' }))).toBe('refused');
    expect(verdict(requestTo('/api/v1/auth/refresh?x=1', { origin: 'https://evil.example' }))).toBe('refused');
    expect(verdict(requestTo('/api/v1/auth/logout/', { origin: 'null' }))).toBe('refused');
    expect(verdict(requestTo('/api/v1/auth/login', { origin: 'https://app.example.com.evil.example' }))).toBe(
      'refused',
    );
  });

  it("accepts APP_URL's origin, the request's own origin and the custom domain it arrived on", () => {
    expect(verdict(requestTo('/api/v1/auth/login', {}))).toBe(true);
    expect(verdict(requestTo('/api/v1/auth/login', { origin: 'https://app.example.com' }))).toBe(true);
    expect(verdict(requestTo('/api/v1/auth/login', { origin: 'http://app.example.com' }))).toBe(true);
    expect(verdict(requestTo('/api/v1/auth/login', { 'sec-fetch-site': 'same-origin' }))).toBe(true);
    const onPortal = { host: 'portal.agency.example', origin: 'https://portal.agency.example' };
    expect(verdict(requestTo('/api/v1/auth/magic-link', onPortal, { portal: 'portal.agency.example' }))).toBe(true);
    expect(
      verdict(
        requestTo(
          '/api/v1/invitations/accept',
          { ...onPortal, origin: 'https://portal.other.example' },
          {
            portal: 'portal.agency.example',
          },
        ),
      ),
    ).toBe('refused');
  });
});
