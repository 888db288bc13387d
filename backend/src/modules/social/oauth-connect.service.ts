import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, MoreThan } from 'typeorm';
import { WEB_PATHS, type SocialAccountView, type SocialProviderId } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { RequestContext, RequestMeta } from '../../core/auth/request-context';
import { AuditService } from '../../core/audit/audit.service';
import { SecretBox } from '../../core/crypto/secret-box';
import { newId } from '../../core/database/columns';
import { Session } from '../../core/tenancy/entities/session.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope, clientOf, clientScope, type Actor } from '../../core/tenancy/tenant-scope';
import { hashToken } from '../auth/token-hash';
import { PortalAddressService } from '../domains/portal-address.service';
import { OAuthConnectState, type ConnectPurpose } from './entities/oauth-connect-state.entity';
import { ProviderError } from './providers/provider-adapter';
import { ProviderRegistry } from './providers/provider-registry';
import { SocialAccountsService } from './social-accounts.service';

const STATE_TTL_MS = 10 * 60_000;
/** The browser follows the hand-back at once; the code it carries is good for two minutes. */
const HANDBACK_TTL_MS = 2 * 60_000;

/** What a round trip connects; who starts it (and for which tenant) is the actor. */
export interface StartConnect {
  provider: string;
  purpose: ConnectPurpose;
  /** Agency connects: the client to assign the account to (null = none). A client scope lands on its client. */
  clientId: string | null;
  sessionId: string | null;
  connectLinkId: string | null;
  /** For connect links: the secret the starting browser keeps and must present with the code. */
  binding: string | null;
}

/** Who is finishing the round trip; it must be whoever started it. */
export type Finisher =
  | { kind: 'session'; userId: string; sessionId: string }
  | { kind: 'connect_link'; connectLinkId: string; binding: string };

/**
 * Checks, at finish time, that the starter may still connect for the state's target, and answers
 * who connects (the actor whose scope the accounts are saved in); throws when they may not.
 */
export type FinishAuthorizer = (state: OAuthConnectState) => Promise<Actor>;

export interface FinishedConnect {
  state: OAuthConnectState;
  accounts: SocialAccountView[];
}

const STATE_REFUSED =
  'This connection attempt is unknown, expired or already used, or was started by someone else. Start again.';
const NOTHING_TO_HAND_BACK = 'This connection was not started on a portal address of its own.';

/** What the provider sent back to APP_URL/oauth/callback, for a round trip begun on a custom domain. */
export type ProviderAnswer = { code: string } | { error: string };

/**
 * The OAuth 2 authorization-code flow with PKCE, shared by the agency, the portal and Client
 * Connect Links. `state` is 256 random bits, stored hashed, single-use, valid ten minutes and bound
 * to whoever started it; the PKCE verifier never leaves the server; the redirect URI is fixed.
 */
@Injectable()
export class OAuthConnectService {
  private readonly logger = new Logger(OAuthConnectService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly registry: ProviderRegistry,
    private readonly accounts: SocialAccountsService,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly addresses: PortalAddressService,
  ) {}

  get redirectUri(): string {
    return `${this.config.appUrl}${WEB_PATHS.oauthCallback}`;
  }

  async start(actor: Actor, input: StartConnect): Promise<string> {
    if (input.clientId) await this.tenant.liveClient(actor.scope, input.clientId);
    const adapter = this.registry.require(input.provider);
    const state = randomBytes(32).toString('base64url');
    const verifier = randomBytes(48).toString('base64url');
    const id = newId();
    await this.tenant.insertOwned(actor.scope, OAuthConnectState, {
      id,
      stateHash: hashToken(state),
      provider: adapter.id,
      purpose: input.purpose,
      userId: actor.userId,
      sessionId: input.sessionId,
      clientId: clientOf(actor.scope) ?? input.clientId,
      connectLinkId: input.connectLinkId,
      bindingHash: input.binding ? hashToken(input.binding) : null,
      codeVerifierSealed: this.box.seal(verifier, `oauth_state:${id}`),
      redirectUri: this.redirectUri,
      expiresAt: new Date(Date.now() + STATE_TTL_MS),
      host: await this.startedOn(input.sessionId),
    });
    return adapter.authorizationUrl({
      state,
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
      redirectUri: this.redirectUri,
    });
  }

  /**
   * Spends the state (once), then trades the code for tokens and stores the account(s) within the
   * scope of the actor `authorize` answers. It is asked before and after the platform's token
   * endpoint: rights can change during those seconds.
   */
  async finish(
    rawState: string,
    code: string,
    finisher: Finisher,
    authorize: FinishAuthorizer,
    meta?: RequestMeta,
  ): Promise<FinishedConnect> {
    // A round trip that was handed back to its custom domain finishes there, with the hand-back code.
    const state = await this.tenant
      .unscoped('OAuth state: found by the hash of its secret, which is what yields the tenant')
      .getRepository(OAuthConnectState)
      .findOneBy({ stateHash: hashToken(rawState ?? ''), usedAt: IsNull(), handbackHash: IsNull() });
    return this.finishState(state, code, finisher, authorize, meta);
  }

  /**
   * Step one of finishing a round trip that started on an agency's custom domain: the provider came
   * back to APP_URL (the one registered redirect URI), where the person has no session. Keeps the
   * provider's answer (sealed) under a new one-time code and answers where the browser goes next:
   * `https://<that custom domain>/oauth/callback?code=<one-time code>` — only ever the domain the
   * state recorded, and only while it is still the agency's active domain (never an open redirect).
   */
  async handBack(rawState: string, answer: ProviderAnswer): Promise<string> {
    const db = this.tenant.unscoped(
      'OAuth hand-back: the state is found by the hash of its secret, which yields the tenant',
    );
    const state = await db.getRepository(OAuthConnectState).findOneBy({
      stateHash: hashToken(rawState ?? ''),
      usedAt: IsNull(),
      handbackHash: IsNull(),
    });
    if (!state?.host || state.expiresAt <= new Date()) throw new NotFoundException(NOTHING_TO_HAND_BACK);
    const target = `https://${state.host}`;
    if ((await this.addresses.baseUrl(state.agencyId)) !== target) throw new NotFoundException(NOTHING_TO_HAND_BACK);

    const scope = agencyScope(state.agencyId);
    if ('error' in answer) {
      // Nothing to finish (the person refused, or the platform stopped): spend the state, pass the reason on.
      const spent = await this.tenant.updateOwned(
        scope,
        OAuthConnectState,
        { id: state.id, usedAt: IsNull() },
        { usedAt: new Date() },
      );
      if (spent !== 1) throw new NotFoundException(NOTHING_TO_HAND_BACK);
      return `${target}${WEB_PATHS.oauthCallback}?error=${encodeURIComponent(answer.error)}`;
    }
    const code = randomBytes(32).toString('base64url');
    const handedBack = await this.tenant.updateOwned(
      scope,
      OAuthConnectState,
      { id: state.id, usedAt: IsNull(), handbackHash: IsNull() },
      {
        handbackHash: hashToken(code),
        handbackCodeSealed: this.box.seal(answer.code, `oauth_handback:${state.id}`),
        handbackExpiresAt: new Date(Date.now() + HANDBACK_TTL_MS),
      },
    );
    if (handedBack !== 1) throw new NotFoundException(NOTHING_TO_HAND_BACK);
    return `${target}${WEB_PATHS.oauthCallback}?code=${code}`;
  }

  /**
   * Step two, on the custom domain, in the session that started the round trip: the one-time code
   * stands for the state and the provider's code kept with it. Then it finishes like any other.
   */
  async finishHandedBack(
    handbackCode: string,
    finisher: Finisher,
    authorize: FinishAuthorizer,
    meta?: RequestMeta,
  ): Promise<FinishedConnect> {
    const found = await this.tenant
      .unscoped('OAuth hand-back: the one-time code is found by its hash, which yields the state and its tenant')
      .getRepository(OAuthConnectState)
      .findOneBy({ handbackHash: hashToken(handbackCode ?? ''), usedAt: IsNull() });
    const state =
      found?.handbackCodeSealed && found.handbackExpiresAt && found.handbackExpiresAt > new Date() ? found : null;
    const code = state?.handbackCodeSealed ? this.box.open(state.handbackCodeSealed, `oauth_handback:${state.id}`) : '';
    return this.finishState(state, code, finisher, authorize, meta);
  }

  private async finishState(
    state: OAuthConnectState | null,
    code: string,
    finisher: Finisher,
    authorize: FinishAuthorizer,
    meta?: RequestMeta,
  ): Promise<FinishedConnect> {
    if (!state || state.expiresAt <= new Date() || !this.boundTo(state, finisher)) {
      await this.audit.record({
        action: 'social_account.connect_refused',
        agencyId: state?.agencyId ?? null,
        actorUserId: finisher.kind === 'session' ? finisher.userId : null,
        targetType: state ? 'oauth_state' : null,
        targetId: state?.id ?? null,
        meta,
        details: {
          reason: !state
            ? 'unknown or used state'
            : state.expiresAt <= new Date()
              ? 'expired'
              : 'started by someone else',
          via: finisher.kind,
        },
      });
      throw new BadRequestException(STATE_REFUSED);
    }
    const spent = await this.tenant.updateOwned(
      agencyScope(state.agencyId),
      OAuthConnectState,
      { id: state.id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      { usedAt: new Date() },
    );
    if (spent !== 1) throw new BadRequestException(STATE_REFUSED);
    await authorize(state);

    const adapter = this.registry.require(state.provider);
    const verifier = this.box.open(state.codeVerifierSealed, `oauth_state:${state.id}`);
    let identities;
    try {
      const tokens = await adapter.exchangeCode({ code, codeVerifier: verifier, redirectUri: state.redirectUri });
      identities = await adapter.identities(tokens);
    } catch (error) {
      throw this.explain(adapter.name, error);
    }
    const actor = await authorize(state);
    if (identities.length === 0) {
      throw new BadRequestException(`${adapter.name} returned no account to connect (for Facebook: no Page).`);
    }
    const target = {
      provider: state.provider as SocialProviderId,
      purpose: state.purpose,
      clientId: state.clientId,
      connectLinkId: state.connectLinkId,
    };
    const saved = await this.tenant.transaction(async (tx) => {
      const rows = [];
      for (const identity of identities) rows.push(await this.accounts.saveConnected(tx, actor, target, identity));
      await this.audit.recordFor(
        actor,
        {
          action: 'social_account.connected',
          targetType: 'social_account',
          targetId: rows[0].id,
          details: {
            provider: state.provider,
            via: state.purpose,
            clientId: state.clientId,
            connectLinkId: state.connectLinkId,
            accounts: rows.map((r) => r.id),
          },
        },
        tx,
      );
      return rows;
    });
    return { state, accounts: await this.accounts.views(actor.scope, saved) };
  }

  /**
   * Who finishes a round trip started in a signed-in session: the same person, if they may still
   * connect for its target. An agency connect acts for the agency; a portal connect for the
   * state's client (which may not be the client this request chose).
   */
  async sessionActor(ctx: RequestContext, state: OAuthConnectState): Promise<Actor> {
    if (state.agencyId !== ctx.agencyId) throw new ForbiddenException('This connection belongs to another workspace');
    if (state.purpose === 'agency') {
      if (ctx.audience !== 'agency') throw new ForbiddenException('Only agency users can finish this connection');
      if (state.clientId) await this.tenant.liveClient(ctx.scope, state.clientId);
      return ctx;
    }
    const membership =
      ctx.audience === 'client'
        ? ctx.memberships.find((m) => m.clientId === state.clientId && m.permissions.includes('accounts.manage'))
        : undefined;
    if (!membership || !state.clientId) {
      throw new ForbiddenException('You can no longer connect accounts for this client');
    }
    const scope = clientScope(ctx.agencyId, membership.clientId, membership.permissions, membership.role);
    // The context was read when the request began; the client may have been deleted since.
    await this.tenant.liveClient(scope, membership.clientId);
    return { scope, userId: ctx.userId, ip: ctx.ip, userAgent: ctx.userAgent };
  }

  /** Forgets finished and abandoned round trips (called by housekeeping). */
  async purgeOld(): Promise<void> {
    await this.tenant
      .unscoped('housekeeping: forgets the finished and abandoned OAuth round trips of every agency')
      .createQueryBuilder()
      .delete()
      .from(OAuthConnectState)
      .where('expiresAt < :cutoff', { cutoff: new Date(Date.now() - 24 * 3600_000) })
      .execute();
  }

  /**
   * The custom domain a round trip starts on: the host its session was made on (a session is only
   * accepted on that host), or null for APP_URL and for connect links (no session).
   */
  private async startedOn(sessionId: string | null): Promise<string | null> {
    if (!sessionId) return null;
    const session = await this.tenant
      .unscoped('OAuth start: sessions belong to a person, not a tenant; it records the host it was made on')
      .getRepository(Session)
      .findOne({ select: { id: true, host: true }, where: { id: sessionId } });
    return session?.host ?? null;
  }

  private boundTo(state: OAuthConnectState, finisher: Finisher): boolean {
    if (finisher.kind === 'session') {
      return (
        state.purpose !== 'connect_link' && state.userId === finisher.userId && state.sessionId === finisher.sessionId
      );
    }
    return (
      state.purpose === 'connect_link' &&
      state.connectLinkId === finisher.connectLinkId &&
      state.bindingHash !== null &&
      state.bindingHash === hashToken(finisher.binding ?? '')
    );
  }

  private explain(platform: string, error: unknown): HttpException {
    if (error instanceof ProviderError) {
      if (error.kind === 'unavailable' || error.kind === 'rate_limited') {
        return new ServiceUnavailableException(`${platform} is not answering right now. Try again in a moment.`);
      }
      return new HttpException(
        { message: `${platform} did not accept the connection: ${error.message}` },
        HttpStatus.BAD_REQUEST,
      );
    }
    this.logger.error({ msg: 'OAuth connection failed', platform, error: String(error) });
    return new ServiceUnavailableException(`Connecting to ${platform} failed unexpectedly. Try again.`);
  }
}
