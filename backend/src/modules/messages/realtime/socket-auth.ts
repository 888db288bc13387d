import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { accessTokenKey } from '../../../core/auth/jwt-key';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type AccessTokenPayload } from '../../../core/auth/jwt.strategy';
import type { RequestMeta } from '../../../core/auth/request-context';
import { requestHostname } from '../../domains/hostname';
import { PortalHostsService } from '../../domains/portal-hosts.service';

export const SESSION_ENDED = 'Your session has ended. Please sign in again.';
export const CLIENT_NOT_FOUND = 'Client not found';
export const NO_MESSAGES_ACCESS = 'Your access does not include messages';
export const NOT_SERVED = 'Nothing is served at this address.';
export const TRY_AGAIN = 'The server cannot check your session right now. Please try again.';

/** Longer than any access token we sign; anything longer is not one. */
const MAX_TOKEN_LENGTH = 4096;

/** The verified claims of the handshake's access token. */
export interface SocketClaims {
  sub: string;
  sid: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** A refusal whose message the client may see (socket.io's connect_error), never with a secret in it. */
export class SocketRefused extends Error {}

/**
 * The socket's side of what the HTTP guard does for a request: the same access token (same key,
 * HS256 only, same audience, issuer and expiry check), and the request's meta — its IP and user
 * agent, and the portal its host is — so ContextLoader.load answers exactly as it does for a request.
 */
@Injectable()
export class SocketAuth {
  private readonly jwt: JwtService;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hosts: PortalHostsService,
  ) {
    this.jwt = new JwtService({ publicKey: accessTokenKey(config.jwtSecret) });
  }

  /** The handshake's token's claims, or a refusal (missing, malformed, foreign, expired). */
  claimsOf(token: unknown): SocketClaims {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new SocketRefused(SESSION_ENDED);
    }
    let payload: AccessTokenPayload;
    try {
      payload = this.jwt.verify<AccessTokenPayload>(token, {
        algorithms: ['HS256'],
        audience: ACCESS_TOKEN_AUDIENCE,
        issuer: ACCESS_TOKEN_ISSUER,
        ignoreExpiration: false,
      });
    } catch {
      throw new SocketRefused(SESSION_ENDED);
    }
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') {
      throw new SocketRefused(SESSION_ENDED);
    }
    return { sub: payload.sub, sid: payload.sid, exp: payload.exp };
  }

  /**
   * Where the handshake came from, read as Fastify reads a request: behind a trusted proxy the
   * forwarded address and host, else the connection's. A host that is neither the installation
   * nor a served custom domain is refused, as its API answers 404.
   */
  async metaOf(handshake: Socket['handshake']): Promise<RequestMeta> {
    const headers = handshake.headers;
    const userAgent = headers['user-agent'];
    const hostname = requestHostname(withoutPort(this.forwarded(headers['x-forwarded-host']) ?? headers.host));
    const meta: RequestMeta = {
      ip: this.forwarded(headers['x-forwarded-for']) ?? handshake.address ?? null,
      userAgent: userAgent ? userAgent.slice(0, 255) : null,
      portalHost: null,
    };
    if (this.hosts.isInstallation(hostname)) return meta;
    const host = await this.hosts.resolve(hostname);
    if (host.kind === 'unknown') throw new SocketRefused(NOT_SERVED);
    if (host.kind === 'portal') meta.portalHost = { hostname: host.hostname, agencyId: host.agencyId };
    return meta;
  }

  /** The client's end of a forwarded header (leftmost entry), only when a proxy we trust set it. */
  private forwarded(value: string | string[] | undefined): string | undefined {
    if (!this.config.trustProxy || value === undefined) return undefined;
    const first = (Array.isArray(value) ? value[0] : value).split(',')[0]?.trim();
    return first || undefined;
  }
}

/** `example.com:8443` → `example.com`, `[::1]:80` → `[::1]`. */
function withoutPort(host: string | undefined): string | undefined {
  if (!host) return undefined;
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1) || host;
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}
