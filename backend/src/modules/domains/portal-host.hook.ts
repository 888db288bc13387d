import { NotFoundException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { setPortalHost } from '../../core/auth/context.decorator';
import { requestHostname } from './hostname';
import type { PortalHostsService } from './portal-hosts.service';

/** What a host that is neither the installation nor a served custom domain may still reach. */
const OPEN_ON_ANY_HOST = new Set(['/api/health', '/api/health/ready', '/api/internal/tls-ask', '/api/v1/public/brand']);

/**
 * Resolves once per request (an `onRequest` hook, before routing runs anything of the route)
 * which portal its host is: the installation's own address, or an agency's served custom domain
 * (recorded on the request for RequestMeta: sign-in there is for that agency's client users, and
 * sessions are bound to it). A name pointed at this server that is neither gets no portal: its
 * API answers 404. Every route: the host decides who may sign in and which sessions count.
 */
export function portalHostHook(hosts: PortalHostsService) {
  return async (request: FastifyRequest): Promise<void> => {
    const host = await hosts.resolve(requestHostname(request.hostname));
    setPortalHost(request, host.kind === 'portal' ? { hostname: host.hostname, agencyId: host.agencyId } : null);
    if (host.kind === 'unknown') {
      const path = request.url.split('?')[0];
      if (path.startsWith('/api/') && !OPEN_ON_ANY_HOST.has(path)) {
        throw new NotFoundException('Nothing is served at this address.');
      }
    }
  };
}
