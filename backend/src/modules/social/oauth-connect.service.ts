import {
  BadRequestException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { WEB_PATHS, type SocialAccountView, type SocialProviderId } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { RequestMeta } from '../../core/auth/request-context';
import { AuditService } from '../../core/audit/audit.service';
import { SecretBox } from '../../core/crypto/secret-box';
import { newId } from '../../core/database/columns';
import { hashToken } from '../auth/token-hash';
import { OAuthConnectState, type ConnectPurpose } from './entities/oauth-connect-state.entity';
import { ProviderError } from './providers/provider-adapter';
import { ProviderRegistry } from './providers/provider-registry';
import { SocialAccountsService } from './social-accounts.service';

const STATE_TTL_MS = 10 * 60_000;

export interface StartConnect {
  provider: string;
  agencyId: string;
  purpose: ConnectPurpose;
  clientId: string | null;
  userId: string | null;
  sessionId: string | null;
  connectLinkId: string | null;
  /** For connect links: the secret the starting browser keeps and must present with the code. */
  binding: string | null;
}

/** Who is finishing the round trip; it must be whoever started it. */
export type Finisher =
  | { kind: 'session'; userId: string; sessionId: string }
  | { kind: 'connect_link'; connectLinkId: string; binding: string };

export interface FinishedConnect {
  state: OAuthConnectState;
  accounts: SocialAccountView[];
}

const STATE_REFUSED =
  'This connection attempt is unknown, expired or already used, or was started by someone else. Start again.';

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
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ProviderRegistry,
    private readonly accounts: SocialAccountsService,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
  ) {}

  get redirectUri(): string {
    return `${this.config.appUrl}${WEB_PATHS.oauthCallback}`;
  }

  async start(input: StartConnect): Promise<string> {
    const adapter = this.registry.require(input.provider);
    const state = randomBytes(32).toString('base64url');
    const verifier = randomBytes(48).toString('base64url');
    const id = newId();
    const repository = this.db.getRepository(OAuthConnectState);
    await repository.save(
      repository.create({
        id,
        stateHash: hashToken(state),
        agencyId: input.agencyId,
        provider: adapter.id,
        purpose: input.purpose,
        userId: input.userId,
        sessionId: input.sessionId,
        clientId: input.clientId,
        connectLinkId: input.connectLinkId,
        bindingHash: input.binding ? hashToken(input.binding) : null,
        codeVerifierSealed: this.box.seal(verifier, `oauth_state:${id}`),
        redirectUri: this.redirectUri,
        expiresAt: new Date(Date.now() + STATE_TTL_MS),
      }),
    );
    return adapter.authorizationUrl({
      state,
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
      redirectUri: this.redirectUri,
    });
  }

  /**
   * Spends the state (once), then trades the code for tokens and stores the account(s).
   * `authorize` re-checks, at finish time, that the starter may still connect for that target.
   */
  async finish(
    rawState: string,
    code: string,
    finisher: Finisher,
    authorize: (state: OAuthConnectState) => Promise<void>,
    meta?: RequestMeta,
  ): Promise<FinishedConnect> {
    const repository = this.db.getRepository(OAuthConnectState);
    const state = await repository.findOneBy({ stateHash: hashToken(rawState ?? ''), usedAt: IsNull() });
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
    const spent = await repository.update(
      { id: state.id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      { usedAt: new Date() },
    );
    if ((spent.affected ?? 0) !== 1) throw new BadRequestException(STATE_REFUSED);
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
    // Checked again: rights can change during the seconds spent at the platform's token endpoint.
    await authorize(state);
    if (identities.length === 0) {
      throw new BadRequestException(`${adapter.name} returned no account to connect (for Facebook: no Page).`);
    }
    const saved = await this.db.transaction(async (manager) => {
      const rows = [];
      for (const identity of identities) {
        rows.push(
          await this.accounts.saveConnected(
            manager,
            {
              agencyId: state.agencyId,
              provider: state.provider as SocialProviderId,
              purpose: state.purpose,
              clientId: state.clientId,
              userId: state.userId,
              connectLinkId: state.connectLinkId,
            },
            identity,
          ),
        );
      }
      await this.audit.record(
        {
          action: 'social_account.connected',
          agencyId: state.agencyId,
          actorUserId: state.userId,
          targetType: 'social_account',
          targetId: rows[0].id,
          meta,
          details: {
            provider: state.provider,
            via: state.purpose,
            clientId: state.clientId,
            connectLinkId: state.connectLinkId,
            accounts: rows.map((r) => r.id),
          },
        },
        manager,
      );
      return rows;
    });
    return { state, accounts: await this.accounts.views(state.agencyId, saved) };
  }

  /** Forgets finished and abandoned round trips (called by housekeeping). */
  async purgeOld(): Promise<void> {
    await this.db
      .createQueryBuilder()
      .delete()
      .from(OAuthConnectState)
      .where('expiresAt < :cutoff', { cutoff: new Date(Date.now() - 24 * 3600_000) })
      .execute();
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
