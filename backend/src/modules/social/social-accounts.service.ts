import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { In, IsNull, LessThan, Not, Or } from 'typeorm';
import type { ConnectedVia, SocialAccountView, SocialProviderId } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import { SecretBox } from '../../core/crypto/secret-box';
import { newId } from '../../core/database/columns';
import { isUniqueViolation } from '../../core/database/errors';
import { Client } from '../../core/tenancy/entities/client.entity';
import { TenantData, type TenantTransaction } from '../../core/tenancy/tenant-data';
import { agencyScope, clientOf, systemActor, type Actor, type TenantScope } from '../../core/tenancy/tenant-scope';
import { failWaitingTargets } from '../posts/post-status';
import { accountHealth, EXPIRY_WARNING_MS, unrenewableExpiry } from './account-health';
import { SocialAccount } from './entities/social-account.entity';
import type { AccountCredentials, ConnectedIdentity, TokenSet } from './providers/provider-adapter';
import { ProviderError } from './providers/provider-adapter';
import { ProviderRegistry } from './providers/provider-registry';

/** Renew a token this long before it ends, so a publish never starts with a token about to die. */
const RENEW_AHEAD_MS = 2 * 60_000;
/** Longest a renewal may hold an account (token endpoints time out after 20 seconds). */
const RENEW_LEASE_MS = 30_000;

/** Credentials for the adapter, plus the version of the tokens they hold. */
export type UsableCredentials = AccountCredentials & { tokenVersion: number };

/** What a finished OAuth round trip connects, besides who connects it (the actor). */
export interface ConnectTarget {
  provider: SocialProviderId;
  purpose: ConnectedVia;
  /**
   * For an agency connect, the client it chose (null = none: a reconnect keeps the current
   * assignment). A client scope always lands the account on its own client.
   */
  clientId: string | null;
  connectLinkId: string | null;
}

/**
 * The agency's social accounts: listing with health, assignment to clients, disconnection, and
 * the sealed tokens (read, stored, renewed) for the publisher. Every read and write is bounded by
 * the caller's scope: the agency's accounts, or one client's.
 */
@Injectable()
export class SocialAccountsService {
  private readonly logger = new Logger(SocialAccountsService.name);

  constructor(
    private readonly tenant: TenantData,
    private readonly registry: ProviderRegistry,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
  ) {}

  /** The scope's connected accounts; an agency may narrow the list to one of its live clients. */
  async list(scope: TenantScope, filter: { clientId?: string } = {}): Promise<SocialAccountView[]> {
    if (filter.clientId) await this.tenant.liveClient(scope, filter.clientId);
    const accounts = await this.tenant.listOwned(scope, SocialAccount, {
      where: { status: Not('disconnected'), ...(filter.clientId ? { clientId: filter.clientId } : {}) },
      order: { displayName: 'ASC' },
    });
    return this.views(scope, accounts);
  }

  /** An account of the scope that is still connected; unknown, foreign and disconnected ids are 404. */
  async owned(scope: TenantScope, id: string): Promise<SocialAccount> {
    return this.tenant.findOwned(scope, SocialAccount, id, {
      where: { status: Not('disconnected') },
      notFound: 'Social account not found',
    });
  }

  /**
   * Accounts of the scope by id, disconnected ones included (posts name and check the accounts
   * they go to, whatever became of them); ids out of the scope are left out.
   */
  async byIds(scope: TenantScope, ids: string[]): Promise<SocialAccount[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return this.tenant.listOwned(scope, SocialAccount, { where: { id: In(unique) } });
  }

  async assign(actor: Actor, id: string, clientId: string | null): Promise<SocialAccountView> {
    const account = await this.owned(actor.scope, id);
    if (clientId) await this.tenant.liveClient(actor.scope, clientId);
    await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(actor.scope, SocialAccount, { id: account.id }, { clientId });
      // Posts written for the old client must not go out on an account that is no longer theirs.
      if (account.clientId && account.clientId !== clientId) {
        await failWaitingTargets(
          tx,
          actor.scope,
          { socialAccountId: account.id, clientId: account.clientId },
          'The account was unassigned from this client before the post went out.',
        );
      }
      await this.audit.recordFor(
        actor,
        {
          action: clientId ? 'social_account.assigned' : 'social_account.unassigned',
          targetType: 'social_account',
          targetId: account.id,
          details: { from: account.clientId, to: clientId },
        },
        tx,
      );
    });
    const [view] = await this.views(actor.scope, [{ ...account, clientId } as SocialAccount]);
    return view;
  }

  /**
   * Forgets the tokens and unassigns the account; its history stays for past posts. Posts still
   * waiting for it fail with a reason instead of silently never going out.
   */
  async disconnect(actor: Actor, id: string): Promise<void> {
    const account = await this.owned(actor.scope, id);
    await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(
        actor.scope,
        SocialAccount,
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
      // The account is gone for the whole agency, so every post still waiting for it fails,
      // even when a client (portal) disconnects it.
      await failWaitingTargets(
        tx,
        agencyScope(actor.scope.agencyId),
        { socialAccountId: account.id },
        'The account was disconnected before the post went out.',
      );
      await this.audit.recordFor(
        actor,
        {
          action: 'social_account.disconnected',
          targetType: 'social_account',
          targetId: account.id,
          details: { provider: account.provider, clientId: account.clientId },
        },
        tx,
      );
    });
  }

  /**
   * Stores what a finished OAuth round trip yielded. The same platform account connected again
   * gets fresh tokens. An account already assigned to another client is never moved by a client
   * (portal or connect link): that is 409 and nothing changes; the agency may move it.
   */
  async saveConnected(
    tx: TenantTransaction,
    actor: Actor,
    target: ConnectTarget,
    identity: ConnectedIdentity,
  ): Promise<SocialAccount> {
    // A platform account is unique per agency: look for it across the agency (whichever client
    // holds it), so that a client is told it is taken instead of silently getting a duplicate.
    const agency = agencyScope(actor.scope.agencyId);
    const provider = target.provider;
    const clientId = clientOf(actor.scope) ?? target.clientId;
    const existing = await tx.findOneOwned(agency, SocialAccount, {
      where: { provider, externalId: identity.externalId },
    });
    const live = existing && existing.status !== 'disconnected';
    if (live && existing.clientId && clientId !== existing.clientId && target.purpose !== 'agency') {
      // Not in the transaction: the refusal stays on record although the connection rolls back.
      await this.audit.record({
        action: 'social_account.takeover_refused',
        agencyId: agency.agencyId,
        actorUserId: actor.userId,
        targetType: 'social_account',
        targetId: existing.id,
        details: { via: target.purpose, clientId, connectLinkId: target.connectLinkId },
      });
      throw new ConflictException(
        `${identity.displayName} is already connected for another client of this agency. Ask your agency to move it.`,
      );
    }
    const id = existing?.id ?? newId();
    const values = {
      displayName: identity.displayName.slice(0, 200),
      handle: identity.handle?.slice(0, 200) ?? null,
      avatarUrl: identity.avatarUrl?.slice(0, 1000) ?? null,
      profileUrl: identity.profileUrl?.slice(0, 1000) ?? null,
      status: 'active' as const,
      problem: null,
      disconnectedAt: null,
      // An agency reconnect without a client keeps the current assignment.
      clientId: clientId ?? (live ? existing.clientId : null),
      connectedVia: live ? existing.connectedVia : target.purpose,
      connectedByUserId: actor.userId,
      connectLinkId: target.connectLinkId ?? (live ? existing.connectLinkId : null),
      connectedAt: new Date(),
      tokenVersion: (existing?.tokenVersion ?? 0) + 1,
      expiryWarnedAt: null,
      ...this.sealTokens(id, identity.tokens),
    };
    const movedFrom = live && existing.clientId && existing.clientId !== values.clientId ? existing.clientId : null;
    if (movedFrom) {
      // As with assign(): the old client's waiting posts must not go out on an account no longer theirs.
      await failWaitingTargets(
        tx,
        agency,
        { socialAccountId: id, clientId: movedFrom },
        'The account was moved to another client before the post went out.',
      );
      await this.audit.record(
        {
          action: 'social_account.assigned',
          agencyId: agency.agencyId,
          actorUserId: actor.userId,
          targetType: 'social_account',
          targetId: id,
          details: { from: movedFrom, to: values.clientId, via: 'reconnect' },
        },
        tx,
      );
    }
    try {
      if (existing) {
        // A plain update skips the entity hooks, so the change time is set here.
        const updatedAt = new Date();
        await tx.updateOwned(agency, SocialAccount, { id }, { ...values, updatedAt });
        return Object.assign(existing, values, { updatedAt });
      }
      return await tx.insertOwned(agency, SocialAccount, { id, provider, externalId: identity.externalId, ...values });
    } catch (error) {
      // Two connections of the same new account finishing at once: the second one is told so.
      if (isUniqueViolation(error)) {
        throw new ConflictException(`${identity.displayName} was connected a moment ago. Refresh the page.`);
      }
      throw error;
    }
  }

  /** What people see of accounts of the scope: health, and the name of the client each is assigned to. */
  async views(scope: TenantScope, accounts: SocialAccount[]): Promise<SocialAccountView[]> {
    const clientIds = [...new Set(accounts.map((a) => a.clientId).filter((id): id is string => id !== null))];
    const clients = clientIds.length
      ? await this.tenant.listOwned(scope, Client, { where: { id: In(clientIds), deletedAt: IsNull() } })
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
  async usableCredentials(scope: TenantScope, accountId: string): Promise<UsableCredentials> {
    const account = await this.tenant.findOwned(scope, SocialAccount, accountId, {
      notFound: 'Social account not found',
    });
    const current = this.credentialsOf(account);
    const expiresAt = current.tokens.expiresAt;
    if (!expiresAt || expiresAt.getTime() - Date.now() > RENEW_AHEAD_MS) return current;
    return this.renew(account);
  }

  /**
   * Renews an account's tokens now (before use, or ahead of expiry); the row names its agency,
   * which bounds everything that follows. One renewal per account at a time: platforms with
   * rotating refresh tokens (X, the sandbox) refuse a refresh token the other renewal just spent,
   * which must not be mistaken for a dead connection. Whoever loses the lease waits for the
   * winner's tokens.
   */
  async renew(account: SocialAccount): Promise<UsableCredentials> {
    const adapter = this.registry.find(account.provider);
    if (!adapter) throw new ProviderError('auth', 'This platform is no longer offered on this installation.');
    const scope = agencyScope(account.agencyId);
    const now = new Date();
    const leased = await this.tenant.updateOwned(
      scope,
      SocialAccount,
      { id: account.id, status: 'active', renewingUntil: Or(IsNull(), LessThan(now)) },
      { renewingUntil: new Date(now.getTime() + RENEW_LEASE_MS) },
    );
    if (leased === 0) return this.awaitOtherRenewal(scope, account);

    const latest = await this.tenant.findOwned(scope, SocialAccount, account.id);
    try {
      let tokens: TokenSet;
      try {
        tokens = await adapter.refresh(this.credentialsOf(latest));
      } catch (error) {
        if (error instanceof ProviderError && error.kind === 'auth') {
          await this.markNeedsReconnect(scope, latest.id, error.message, latest.tokenVersion);
        }
        throw error;
      }
      const version = latest.tokenVersion + 1;
      await this.tenant.updateOwned(
        scope,
        SocialAccount,
        { id: latest.id, tokenVersion: latest.tokenVersion, status: 'active' },
        { ...this.sealTokens(latest.id, tokens), tokenVersion: version, expiryWarnedAt: null },
      );
      return { externalId: latest.externalId, handle: latest.handle, tokens, tokenVersion: version };
    } finally {
      await this.tenant.updateOwned(scope, SocialAccount, { id: account.id }, { renewingUntil: null });
    }
  }

  /** Another worker is renewing: wait (bounded) for its result and use those tokens. */
  private async awaitOtherRenewal(scope: TenantScope, account: SocialAccount): Promise<UsableCredentials> {
    const deadline = Date.now() + RENEW_LEASE_MS;
    let latest = await this.tenant.findOwned(scope, SocialAccount, account.id);
    while (latest.renewingUntil && latest.renewingUntil > new Date() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      latest = await this.tenant.findOwned(scope, SocialAccount, account.id);
    }
    if (latest.status !== 'active') {
      throw new ProviderError('auth', latest.problem ?? 'The platform no longer accepts this connection.');
    }
    return this.credentialsOf(latest);
  }

  /** Renews tokens that can renew but are within the warning window (run hourly by TokenRenewalService). */
  async renewExpiring(now = new Date()): Promise<number> {
    const soon = new Date(now.getTime() + EXPIRY_WARNING_MS);
    const candidates = await this.tenant
      .unscoped('token renewal: the hourly job renews the expiring tokens of every agency; each renewal is scoped')
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
  async markNeedsReconnect(
    scope: TenantScope,
    accountId: string,
    problem: string,
    tokenVersion: number,
  ): Promise<void> {
    const marked = await this.tenant.updateOwned(
      scope,
      SocialAccount,
      { id: accountId, status: 'active', tokenVersion },
      { status: 'needs_reconnect', problem: problem.slice(0, 500) },
    );
    if (marked > 0) {
      const account = await this.tenant.findOwned(scope, SocialAccount, accountId);
      await this.audit.recordFor(systemActor(scope), {
        action: 'social_account.needs_reconnect',
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

  private sealTokens(accountId: string, tokens: TokenSet): Partial<SocialAccount> {
    return {
      accessTokenSealed: this.box.seal(tokens.accessToken, `social_account:${accountId}:access`),
      refreshTokenSealed: this.box.sealNullable(tokens.refreshToken, `social_account:${accountId}:refresh`),
      tokenExpiresAt: tokens.expiresAt,
      scopes: tokens.scopes,
    };
  }
}
