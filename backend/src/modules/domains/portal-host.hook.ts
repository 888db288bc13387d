import { NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
 * API answers 404. Every route: the host decides who may sign in and which sessions count. The
 * installation's own address, where nearly every request arrives, is told apart without a lookup
 * (or a promise).
 */
export function portalHostHook(hosts: PortalHostsService) {
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    const hostname = requestHostname(request.hostname);
    if (hosts.isInstallation(hostname)) {
      setPortalHost(request, null);
      return done();
    }
    hosts.resolve(hostname).then((host) => {
      setPortalHost(request, host.kind === 'portal' ? { hostname: host.hostname, agencyId: host.agencyId } : null);
      const path = request.url.split('?')[0];
      if (host.kind === 'unknown' && path.startsWith('/api/') && !OPEN_ON_ANY_HOST.has(path)) {
        return done(new NotFoundException('Nothing is served at this address.'));
      }
      done();
    }, done);
  };
}
