import { Injectable, NotFoundException } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import { WEB_PATHS, type ConnectLinkPreview, type ConnectLinkView } from '@atrium/shared';
import type { RequestMeta } from '../../core/auth/request-context';
import { AuditService } from '../../core/audit/audit.service';
import { SecretBox } from '../../core/crypto/secret-box';
import { newId } from '../../core/database/columns';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import {
  agencyScope,
  clientScope,
  type Actor,
  type ClientScope,
  type TenantScope,
} from '../../core/tenancy/tenant-scope';
import { hashToken, newSecretToken } from '../auth/token-hash';
import { PortalAddressService } from '../domains/portal-address.service';
import { ConnectLink } from './entities/connect-link.entity';
import { SocialAccount } from './entities/social-account.entity';
import { ProviderRegistry } from './providers/provider-registry';

export const DEFAULT_LINK_DAYS = 7;
const LINK_REFUSED =
  'This connect link is not valid any more (it expired or was revoked). Ask your agency for a new one.';

export interface ResolvedLink {
  link: ConnectLink;
  client: Client;
  agency: Agency;
  /** The link's client: all a link reaches. It grants no portal permission, only connecting accounts. */
  scope: ClientScope;
}

/** Whoever holds a link: nobody with an account, acting within the link's client. */
export function linkVisitor(resolved: ResolvedLink, meta: RequestMeta): Actor {
  return { scope: resolved.scope, userId: null, ip: meta.ip, userAgent: meta.userAgent };
}

/**
 * Client Connect Links: made by the agency for one client, usable without a login until they
 * expire or are revoked. Whoever holds the link can only connect accounts onto that client.
 */
@Injectable()
export class ConnectLinksService {
  constructor(
    private readonly tenant: TenantData,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly registry: ProviderRegistry,
    private readonly addresses: PortalAddressService,
  ) {}

  async list(scope: TenantScope, clientId: string): Promise<ConnectLinkView[]> {
    await this.tenant.liveClient(scope, clientId);
    const links = await this.tenant.listOwned(scope, ConnectLink, {
      where: { clientId },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return this.views(scope, links);
  }

  async create(actor: Actor, clientId: string, validForDays = DEFAULT_LINK_DAYS): Promise<ConnectLinkView> {
    await this.tenant.liveClient(actor.scope, clientId);
    const token = newSecretToken();
    const id = newId();
    const link = await this.tenant.transaction(async (tx) => {
      const saved = await tx.insertOwned(actor.scope, ConnectLink, {
        id,
        clientId,
        tokenHash: hashToken(token),
        tokenSealed: this.box.seal(token, `connect_link:${id}`),
        createdByUserId: actor.userId,
        expiresAt: new Date(Date.now() + validForDays * 24 * 3600_000),
      });
      await this.audit.recordFor(
        actor,
        {
          action: 'connect_link.created',
          targetType: 'connect_link',
          targetId: id,
          details: { clientId, validForDays },
        },
        tx,
      );
      return saved;
    });
    const [view] = await this.views(actor.scope, [link]);
    return view;
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    await this.tenant.findOwned(actor.scope, ConnectLink, id, { notFound: 'Connect link not found' });
    await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(actor.scope, ConnectLink, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.recordFor(
        actor,
        { action: 'connect_link.revoked', targetType: 'connect_link', targetId: id },
        tx,
      );
    });
  }

  /** The live link for a token; unknown, expired, revoked and deleted-client links are all the same 404. */
  async resolve(token: string): Promise<ResolvedLink> {
    const link = await this.tenant
      .unscoped('connect link: found by the hash of its secret token, which is what yields the tenant')
      .getRepository(ConnectLink)
      .findOneBy({ tokenHash: hashToken(token ?? '') });
    if (!link || link.revokedAt || link.expiresAt <= new Date()) throw new NotFoundException(LINK_REFUSED);
    const scope = clientScope(link.agencyId, link.clientId, []);
    const client = await this.tenant.liveClient(scope, link.clientId).catch((error: unknown) => {
      throw error instanceof NotFoundException ? new NotFoundException(LINK_REFUSED) : error;
    });
    const agency = await this.tenant.findOwnedOrNull(agencyScope(link.agencyId), Agency, link.agencyId);
    if (!agency || agency.status !== 'active') throw new NotFoundException(LINK_REFUSED);
    return { link, client, agency, scope };
  }

  async preview(token: string): Promise<ConnectLinkPreview> {
    const { link, client, agency, scope } = await this.resolve(token);
    const accounts = await this.tenant.listOwned(scope, SocialAccount, {
      where: { connectLinkId: link.id, status: Not('disconnected') },
      order: { displayName: 'ASC' },
    });
    return {
      agencyName: agency.name,
      clientName: client.name,
      expiresAt: link.expiresAt.toISOString(),
      providers: this.registry.offered(),
      accounts: accounts.map((a) => ({
        id: a.id,
        provider: a.provider,
        providerName: this.registry.find(a.provider)?.name ?? a.provider,
        displayName: a.displayName,
        handle: a.handle,
      })),
    };
  }

  /** One unreadable row (a changed ENCRYPTION_KEY) must not take the whole list down. */
  private readToken(link: ConnectLink): string | null {
    try {
      return this.box.open(link.tokenSealed, `connect_link:${link.id}`);
    } catch {
      return null;
    }
  }

  private async views(scope: TenantScope, links: ConnectLink[]): Promise<ConnectLinkView[]> {
    if (links.length === 0) return [];
    const ids = links.map((l) => l.id);
    const connected = await this.tenant.listOwned(scope, SocialAccount, {
      where: { connectLinkId: In(ids), status: Not('disconnected') },
    });
    // People belong to the agency as a whole: reach their names through the scope's links.
    const creators = await this.tenant
      .query(scope, ConnectLink, 'l')
      .innerJoin(User, 'u', 'u.id = l.createdByUserId AND u.agencyId = l.agencyId')
      .where('l.id IN (:...ids)', { ids })
      .select(['l.id AS linkId', 'u.name AS name'])
      .getRawMany<{ linkId: string; name: string }>();
    const creatorOf = new Map(creators.map((c) => [c.linkId, c.name]));
    // The agency's branded page, on APP_URL: the OAuth round trip from it returns to the same origin.
    const pageUrl = `${await this.addresses.installationAddress(scope.agencyId)}${WEB_PATHS.connectLink}`;
    const now = new Date();
    return links.map((link) => {
      const token = this.readToken(link);
      return {
        id: link.id,
        clientId: link.clientId,
        url: token ? `${pageUrl}?token=${token}` : null,
        status: link.revokedAt ? 'revoked' : link.expiresAt <= now ? 'expired' : 'active',
        expiresAt: link.expiresAt.toISOString(),
        revokedAt: link.revokedAt?.toISOString() ?? null,
        createdAt: link.createdAt.toISOString(),
        createdByName: creatorOf.get(link.id) ?? null,
        accountsConnected: connected.filter((a) => a.connectLinkId === link.id).length,
      };
    });
  }
}
