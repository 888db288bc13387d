import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { WEB_PATHS, type ConnectLinkPreview, type ConnectLinkView } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import { SecretBox } from '../../core/crypto/secret-box';
import { newId } from '../../core/database/columns';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { hashToken, newSecretToken } from '../auth/token-hash';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { ConnectLink } from './entities/connect-link.entity';
import { SocialAccount } from './entities/social-account.entity';
import { ProviderRegistry } from './providers/provider-registry';
import type { Actor } from './social-accounts.service';
import { SocialAccountsService } from './social-accounts.service';

export const DEFAULT_LINK_DAYS = 7;
const LINK_REFUSED =
  'This connect link is not valid any more (it expired or was revoked). Ask your agency for a new one.';

export interface ResolvedLink {
  link: ConnectLink;
  client: Client;
  agency: Agency;
}

/**
 * Client Connect Links: made by the agency for one client, usable without a login until they
 * expire or are revoked. Whoever holds the link can only connect accounts onto that client.
 */
@Injectable()
export class ConnectLinksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly registry: ProviderRegistry,
    private readonly accounts: SocialAccountsService,
  ) {}

  async list(agencyId: string, clientId: string): Promise<ConnectLinkView[]> {
    await this.accounts.liveClient(agencyId, clientId);
    const links = await this.db
      .getRepository(ConnectLink)
      .find({ where: { agencyId, clientId }, order: { createdAt: 'DESC' }, take: 100 });
    return this.views(agencyId, links);
  }

  async create(actor: Actor, clientId: string, validForDays = DEFAULT_LINK_DAYS): Promise<ConnectLinkView> {
    await this.accounts.liveClient(actor.agencyId, clientId);
    const token = newSecretToken();
    const id = newId();
    const repository = this.db.getRepository(ConnectLink);
    const link = await this.db.transaction(async (manager) => {
      const saved = await manager.getRepository(ConnectLink).save(
        repository.create({
          id,
          agencyId: actor.agencyId,
          clientId,
          tokenHash: hashToken(token),
          tokenSealed: this.box.seal(token, `connect_link:${id}`),
          createdByUserId: actor.userId,
          expiresAt: new Date(Date.now() + validForDays * 24 * 3600_000),
        }),
      );
      await this.audit.record(
        {
          action: 'connect_link.created',
          agencyId: actor.agencyId,
          actorUserId: actor.userId,
          targetType: 'connect_link',
          targetId: id,
          meta: actor.meta,
          details: { clientId, validForDays },
        },
        manager,
      );
      return saved;
    });
    const [view] = await this.views(actor.agencyId, [link]);
    return view;
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    const link = await this.db.getRepository(ConnectLink).findOneBy({ id, agencyId: actor.agencyId });
    if (!link) throw new NotFoundException('Connect link not found');
    await this.db.transaction(async (manager) => {
      await manager.getRepository(ConnectLink).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.record(
        {
          action: 'connect_link.revoked',
          agencyId: actor.agencyId,
          actorUserId: actor.userId,
          targetType: 'connect_link',
          targetId: id,
          meta: actor.meta,
        },
        manager,
      );
    });
  }

  /** The live link for a token; unknown, expired, revoked and deleted-client links are all the same 404. */
  async resolve(token: string): Promise<ResolvedLink> {
    const link = await this.db.getRepository(ConnectLink).findOneBy({ tokenHash: hashToken(token ?? '') });
    if (!link || link.revokedAt || link.expiresAt <= new Date()) throw new NotFoundException(LINK_REFUSED);
    const client = await this.db
      .getRepository(Client)
      .findOneBy({ id: link.clientId, agencyId: link.agencyId, deletedAt: IsNull() });
    const agency = await this.db.getRepository(Agency).findOneBy({ id: link.agencyId });
    if (!client || !agency || agency.status !== 'active') throw new NotFoundException(LINK_REFUSED);
    return { link, client, agency };
  }

  async preview(token: string): Promise<ConnectLinkPreview> {
    const { link, client, agency } = await this.resolve(token);
    const accounts = await this.db.getRepository(SocialAccount).find({
      where: { agencyId: link.agencyId, connectLinkId: link.id, clientId: link.clientId, status: Not('disconnected') },
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

  private async views(agencyId: string, links: ConnectLink[]): Promise<ConnectLinkView[]> {
    if (links.length === 0) return [];
    const ids = links.map((l) => l.id);
    const connected = await this.db
      .getRepository(SocialAccount)
      .findBy({ agencyId, connectLinkId: In(ids), status: Not('disconnected') });
    const creatorIds = [...new Set(links.map((l) => l.createdByUserId).filter((id): id is string => id !== null))];
    const creators = creatorIds.length
      ? await this.db.getRepository(User).findBy({ agencyId, id: In(creatorIds) })
      : [];
    const now = new Date();
    return links.map((link) => {
      const token = this.readToken(link);
      return {
        id: link.id,
        clientId: link.clientId,
        url: token ? `${this.config.appUrl}${WEB_PATHS.connectLink}?token=${token}` : null,
        status: link.revokedAt ? 'revoked' : link.expiresAt <= now ? 'expired' : 'active',
        expiresAt: link.expiresAt.toISOString(),
        revokedAt: link.revokedAt?.toISOString() ?? null,
        createdAt: link.createdAt.toISOString(),
        createdByName: creators.find((u) => u.id === link.createdByUserId)?.name ?? null,
        accountsConnected: connected.filter((a) => a.connectLinkId === link.id).length,
      };
    });
  }
}
