import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, LessThan, Not } from 'typeorm';
import type { ConnectedVia, SocialAccountView, SocialProviderId } from '@atrium/shared';
import type { RequestMeta } from '../../core/auth/request-context';
import { AuditService } from '../../core/audit/audit.service';
import { SecretBox } from '../../core/crypto/secret-box';
import { newId } from '../../core/database/columns';
import { isUniqueViolation } from '../../core/database/errors';
import { Client } from '../../core/tenancy/entities/client.entity';
import { failWaitingTargets } from '../posts/post-status';
import { accountHealth, EXPIRY_WARNING_MS, unrenewableExpiry } from './account-health';
import { SocialAccount } from './entities/social-account.entity';
import type { AccountCredentials, ConnectedIdentity, TokenSet } from './providers/provider-adapter';
import { ProviderError } from './providers/provider-adapter';
import { ProviderRegistry } from './providers/provider-registry';

export interface Actor {
  agencyId: string;
  userId: string | null;
  meta?: RequestMeta;
}

/** Renew a token this long before it ends, so a publish never starts with a token about to die. */
const RENEW_AHEAD_MS = 2 * 60_000;
/** Longest a renewal may hold an account (token endpoints time out after 20 seconds). */
const RENEW_LEASE_MS = 30_000;

/** Credentials for the adapter, plus the version of the tokens they hold. */
export type UsableCredentials = AccountCredentials & { tokenVersion: number };

export interface ConnectTarget {
  agencyId: string;
  provider: SocialProviderId;
  purpose: ConnectedVia;
  /** The client the account lands on; null = unassigned (agency connect without a client). */
  clientId: string | null;
  userId: string | null;
  connectLinkId: string | null;
}

/**
 * The agency's social accounts: listing with health, assignment to clients, disconnection, and
 * the sealed tokens (read, stored, renewed) for the publisher. Every lookup is scoped by agency,
 * and by client where the caller is a client.
 */
@Injectable()
export class SocialAccountsService {
  private readonly logger = new Logger(SocialAccountsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ProviderRegistry,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
  ) {}

  async list(agencyId: string, clientId?: string): Promise<SocialAccountView[]> {
    const accounts = await this.db.getRepository(SocialAccount).find({
      where: { agencyId, status: Not('disconnected'), ...(clientId ? { clientId } : {}) },
      order: { displayName: 'ASC' },
    });
    return this.views(agencyId, accounts);
  }

  /** An account of the agency that is still connected; unknown, foreign and disconnected ids are 404. */
  async owned(agencyId: string, id: string, clientId?: string): Promise<SocialAccount> {
    const account = await this.db.getRepository(SocialAccount).findOneBy({
      id,
      agencyId,
      status: Not('disconnected'),
      ...(clientId ? { clientId } : {}),
    });
    if (!account) throw new NotFoundException('Social account not found');
    return account;
  }

  async assign(actor: Actor, id: string, clientId: string | null): Promise<SocialAccountView> {
    const account = await this.owned(actor.agencyId, id);
    if (clientId) await this.liveClient(actor.agencyId, clientId);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(SocialAccount).update({ id: account.id }, { clientId });
      // Posts written for the old client must not go out on an account that is no longer theirs.
      if (account.clientId && account.clientId !== clientId) {
        await failWaitingTargets(
          manager,
          { agencyId: actor.agencyId, socialAccountId: account.id, clientId: account.clientId },
          'The account was unassigned from this client before the post went out.',
        );
      }
      await this.audit.record(
        {
          action: clientId ? 'social_account.assigned' : 'social_account.unassigned',
          agencyId: actor.agencyId,
          actorUserId: actor.userId,
          targetType: 'social_account',
          targetId: account.id,
          meta: actor.meta,
          details: { from: account.clientId, to: clientId },
        },
        manager,
      );
    });
    const [view] = await this.views(actor.agencyId, [{ ...account, clientId } as SocialAccount]);
    return view;
  }

  /**
   * Forgets the tokens and unassigns the account; its history stays for past posts. Posts still
   * waiting for it fail with a reason instead of silently never going out.
   */
  async disconnect(actor: Actor, id: string, clientId?: string): Promise<void> {
    const account = await this.owned(actor.agencyId, id, clientId);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(SocialAccount).update(
        { id: account.id },
        {
          status: 'disconnected',
          clientId: null,
          accessTokenSealed: null,
          refreshTokenSealed: null,
          tokenExpiresAt: null,
          disconnectedAt: new Date(),
          tokenVersion: () => 'tokenVersion + 1',
        },
      );
      await failWaitingTargets(
        manager,
        { agencyId: actor.agencyId, socialAccountId: account.id },
        'The account was disconnected before the post went out.',
      );
      await this.audit.record(
        {
          action: 'social_account.disconnected',
          agencyId: actor.agencyId,
          actorUserId: actor.userId,
          targetType: 'social_account',
          targetId: account.id,
          meta: actor.meta,
          details: { provider: account.provider, clientId: account.clientId },
        },
        manager,
      );
    });
  }

  /**
   * Stores what a finished OAuth round trip yielded. The same platform account connected again
   * gets fresh tokens. An account already assigned to another client is never moved by a client
   * (portal or connect link): that is 409 and nothing changes; the agency may move it.
   */
  async saveConnected(
    manager: EntityManager,
    target: ConnectTarget,
    identity: ConnectedIdentity,
  ): Promise<SocialAccount> {
    const repository = manager.getRepository(SocialAccount);
    const provider = target.provider;
    const existing = await repository.findOneBy({
      agencyId: target.agencyId,
      provider,
      externalId: identity.externalId,
    });
    const live = existing && existing.status !== 'disconnected';
    if (live && existing.clientId && target.clientId !== existing.clientId && target.purpose !== 'agency') {
      await this.audit.record({
        action: 'social_account.takeover_refused',
        agencyId: target.agencyId,
        actorUserId: target.userId,
        targetType: 'social_account',
        targetId: existing.id,
        details: { via: target.purpose, clientId: target.clientId, connectLinkId: target.connectLinkId },
      });
      throw new ConflictException(
        `${identity.displayName} is already connected for another client of this agency. Ask your agency to move it.`,
      );
    }
    const account =
      existing ?? repository.create({ agencyId: target.agencyId, provider, externalId: identity.externalId });
    account.id ??= newId();
    Object.assign(account, {
      displayName: identity.displayName.slice(0, 200),
      handle: identity.handle?.slice(0, 200) ?? null,
      avatarUrl: identity.avatarUrl?.slice(0, 1000) ?? null,
      profileUrl: identity.profileUrl?.slice(0, 1000) ?? null,
      status: 'active',
      problem: null,
      disconnectedAt: null,
      // An agency reconnect without a client keeps the current assignment.
      clientId: target.clientId ?? (live ? existing.clientId : null),
      connectedVia: live ? existing.connectedVia : target.purpose,
      connectedByUserId: target.userId,
      connectLinkId: target.connectLinkId ?? (live ? existing.connectLinkId : null),
      connectedAt: new Date(),
      tokenVersion: (existing?.tokenVersion ?? 0) + 1,
      expiryWarnedAt: null,
      ...this.sealTokens(account.id, identity.tokens),
    });
    const movedFrom = live && existing.clientId && existing.clientId !== account.clientId ? existing.clientId : null;
    if (movedFrom) {
      // As with assign(): the old client's waiting posts must not go out on an account no longer theirs.
      await failWaitingTargets(
        manager,
        { agencyId: target.agencyId, socialAccountId: account.id, clientId: movedFrom },
        'The account was moved to another client before the post went out.',
      );
      await this.audit.record(
        {
          action: 'social_account.assigned',
          agencyId: target.agencyId,
          actorUserId: target.userId,
          targetType: 'social_account',
          targetId: account.id,
          details: { from: movedFrom, to: account.clientId, via: 'reconnect' },
        },
        manager,
      );
    }
    try {
      return await repository.save(account);
    } catch (error) {
      // Two connections of the same new account finishing at once: the second one is told so.
      if (isUniqueViolation(error)) {
        throw new ConflictException(`${identity.displayName} was connected a moment ago. Refresh the page.`);
      }
      throw error;
    }
  }

  async views(agencyId: string, accounts: SocialAccount[]): Promise<SocialAccountView[]> {
    const clientIds = [...new Set(accounts.map((a) => a.clientId).filter((id): id is string => id !== null))];
    const clients = clientIds.length
      ? await this.db.getRepository(Client).findBy({ agencyId, id: In(clientIds), deletedAt: IsNull() })
      : [];
    const names = new Map(clients.map((c) => [c.id, c.name]));
    const now = new Date();
    return accounts.map((account) => {
      const renewable = this.renewable(account);
      const { health, problem } = accountHealth(account, renewable, now);
      return {
        id: account.id,
        provider: account.provider,
        providerName: this.registry.find(account.provider)?.name ?? account.provider,
        displayName: account.displayName,
        handle: account.handle,
        avatarUrl: account.avatarUrl,
        profileUrl: account.profileUrl,
        clientId: account.clientId,
        clientName: account.clientId ? (names.get(account.clientId) ?? null) : null,
        health,
        expiresAt: unrenewableExpiry(account, renewable)?.toISOString() ?? null,
        problem,
        connectedVia: account.connectedVia,
        connectedAt: (account.connectedAt ?? account.createdAt).toISOString(),
      };
    });
  }

  /**
   * Tokens ready to use for a publish: renewed first when they end within two minutes. Carries
   * the token version, so a refusal can be pinned on exactly these tokens.
   */
  async usableCredentials(accountId: string): Promise<UsableCredentials> {
    const account = await this.db.getRepository(SocialAccount).findOneByOrFail({ id: accountId });
    const current = this.credentialsOf(account);
    const expiresAt = current.tokens.expiresAt;
    if (!expiresAt || expiresAt.getTime() - Date.now() > RENEW_AHEAD_MS) return current;
    return this.renew(account);
  }

  /**
   * Renews an account's tokens now (before use, or ahead of expiry). One renewal per account at a
   * time: platforms with rotating refresh tokens (X, the sandbox) refuse a refresh token the other
   * renewal just spent, which must not be mistaken for a dead connection. Whoever loses the lease
   * waits for the winner's tokens.
   */
  async renew(account: SocialAccount): Promise<UsableCredentials> {
    const adapter = this.registry.find(account.provider);
    if (!adapter) throw new ProviderError('auth', 'This platform is no longer offered on this installation.');
    const repository = this.db.getRepository(SocialAccount);
    const now = new Date();
    const lease = await repository
      .createQueryBuilder()
      .update(SocialAccount)
      .set({ renewingUntil: new Date(now.getTime() + RENEW_LEASE_MS) })
      .where('id = :id AND status = :active', { id: account.id, active: 'active' })
      .andWhere('(renewingUntil IS NULL OR renewingUntil < :now)', { now })
      .execute();
    if ((lease.affected ?? 0) === 0) return this.awaitOtherRenewal(account);

    const latest = await repository.findOneByOrFail({ id: account.id });
    try {
      let tokens: TokenSet;
      try {
        tokens = await adapter.refresh(this.credentialsOf(latest));
      } catch (error) {
        if (error instanceof ProviderError && error.kind === 'auth') {
          await this.markNeedsReconnect(latest.id, error.message, latest.tokenVersion);
        }
        throw error;
      }
      const version = latest.tokenVersion + 1;
      await repository.update(
        { id: latest.id, tokenVersion: latest.tokenVersion, status: 'active' },
        { ...this.sealTokens(latest.id, tokens), tokenVersion: version, expiryWarnedAt: null },
      );
      return { externalId: latest.externalId, handle: latest.handle, tokens, tokenVersion: version };
    } finally {
      await repository.update({ id: account.id }, { renewingUntil: null });
    }
  }

  /** Another worker is renewing: wait (bounded) for its result and use those tokens. */
  private async awaitOtherRenewal(account: SocialAccount): Promise<UsableCredentials> {
    const repository = this.db.getRepository(SocialAccount);
    const deadline = Date.now() + RENEW_LEASE_MS;
    let latest = await repository.findOneByOrFail({ id: account.id });
    while (latest.renewingUntil && latest.renewingUntil > new Date() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      latest = await repository.findOneByOrFail({ id: account.id });
    }
    if (latest.status !== 'active') {
      throw new ProviderError('auth', latest.problem ?? 'The platform no longer accepts this connection.');
    }
    return this.credentialsOf(latest);
  }

  /** Renews tokens that can renew but are within the warning window (run hourly by TokenRenewalService). */
  async renewExpiring(now = new Date()): Promise<number> {
    const soon = new Date(now.getTime() + EXPIRY_WARNING_MS);
    const candidates = await this.db
      .getRepository(SocialAccount)
      .findBy({ status: 'active', tokenExpiresAt: LessThan(soon) });
    let renewed = 0;
    for (const account of candidates.filter((a) => this.renewable(a))) {
      try {
        await this.renew(account);
        renewed++;
      } catch (error) {
        // renew() already marked the account when the platform refused; other errors retry next hour.
        this.logger.warn({ msg: 'Token renewal failed', accountId: account.id, error: String(error) });
      }
    }
    return renewed;
  }

  renewable(account: SocialAccount): boolean {
    return (
      account.refreshTokenSealed !== null || (this.registry.find(account.provider)?.renewsWithAccessToken ?? false)
    );
  }

  /**
   * Marks the connection dead, but only if the refused tokens are still the current ones: a
   * concurrent renewal that already stored newer tokens wins.
   */
  async markNeedsReconnect(accountId: string, problem: string, tokenVersion: number): Promise<void> {
    const marked = await this.db
      .getRepository(SocialAccount)
      .update(
        { id: accountId, status: 'active', tokenVersion },
        { status: 'needs_reconnect', problem: problem.slice(0, 500) },
      );
    if ((marked.affected ?? 0) > 0) {
      const account = await this.db.getRepository(SocialAccount).findOneByOrFail({ id: accountId });
      await this.audit.record({
        action: 'social_account.needs_reconnect',
        agencyId: account.agencyId,
        targetType: 'social_account',
        targetId: accountId,
        details: { provider: account.provider, problem: problem.slice(0, 200) },
      });
      this.logger.warn({ msg: 'Social account needs reconnecting', accountId });
    }
  }

  credentialsOf(account: SocialAccount): UsableCredentials {
    if (!account.accessTokenSealed) throw new ProviderError('auth', 'The account is not connected.');
    return {
      tokenVersion: account.tokenVersion,
      externalId: account.externalId,
      handle: account.handle,
      tokens: {
        accessToken: this.box.open(account.accessTokenSealed, `social_account:${account.id}:access`),
        refreshToken: account.refreshTokenSealed
          ? this.box.open(account.refreshTokenSealed, `social_account:${account.id}:refresh`)
          : null,
        expiresAt: account.tokenExpiresAt,
        scopes: account.scopes,
      },
    };
  }

  async liveClient(agencyId: string, clientId: string): Promise<Client> {
    const client = await this.db.getRepository(Client).findOneBy({ id: clientId, agencyId, deletedAt: IsNull() });
    if (!client) throw new NotFoundException('Client not found');
    return client;
  }

  private sealTokens(accountId: string, tokens: TokenSet): Partial<SocialAccount> {
    return {
      accessTokenSealed: this.box.seal(tokens.accessToken, `social_account:${accountId}:access`),
      refreshTokenSealed: this.box.sealNullable(tokens.refreshToken, `social_account:${accountId}:refresh`),
      tokenExpiresAt: tokens.expiresAt,
      scopes: tokens.scopes,
    };
  }
}
