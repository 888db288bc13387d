import { Injectable, NestMiddleware, NotFoundException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { setPortalHost } from '../../core/auth/context.decorator';
import { requestHostname } from './hostname';
import { PortalHostsService } from './portal-hosts.service';

/** What a host that is neither the installation nor a served custom domain may still reach. */
const OPEN_ON_ANY_HOST = new Set(['/api/health', '/api/health/ready', '/api/internal/tls-ask', '/api/v1/public/brand']);

/**
 * Resolves once per request which portal its host is: the installation's own address, or an
 * agency's served custom domain (recorded on the request for RequestMeta: sign-in there is for that
 * agency's client users, and sessions are bound to it). A name pointed at this server that is
 * neither gets no portal: its API answers 404.
 */
@Injectable()
export class PortalHostMiddleware implements NestMiddleware {
  constructor(private readonly hosts: PortalHostsService) {}

  async use(request: Request, _response: Response, next: NextFunction): Promise<void> {
    const host = await this.hosts.resolve(requestHostname(request.hostname));
    setPortalHost(request, host.kind === 'portal' ? { hostname: host.hostname, agencyId: host.agencyId } : null);
    const path = request.originalUrl.split('?')[0];
    if (host.kind === 'unknown' && path.startsWith('/api/') && !OPEN_ON_ANY_HOST.has(path)) {
      throw new NotFoundException('Nothing is served at this address.');
    }
    next();
  }
}
