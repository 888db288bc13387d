import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { EntityManager, IsNull, MoreThan } from 'typeorm';
import { WEB_PATHS } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { isUniqueViolation } from '../../core/database/errors';
import { hashToken, newSecretToken } from '../auth/token-hash';
import { SandboxAccount, SandboxGrant, SandboxPost, SandboxToken } from './entities/local-oauth.entities';
import { TenantData } from '../../core/tenancy/tenant-data';

export const SANDBOX_CLIENT_ID = 'atrium-local';
export const SANDBOX_SCOPES = ['profile', 'publish'];
const CODE_TTL_MS = 2 * 60_000;
const ACCESS_TTL_SECONDS = 3600;
const REFRESH_TTL_MS = 30 * 24 * 3600_000;
/** Text containing one of these makes the sandbox answer like a platform in trouble (for trying failures). */
export const SANDBOX_REJECT_MARKER = '[sandbox:reject]';
export const SANDBOX_UNAVAILABLE_MARKER = '[sandbox:unavailable]';

/** An RFC 6749 error answer. */
export class OAuthProtocolError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scope: string;
}

export interface TokenAnswer {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/**
 * A real OAuth 2 authorization server (authorization code + PKCE S256 + rotating refresh tokens)
 * for a sandbox platform, so Connect works end to end on the embedded default and in tests.
 * It validates exactly what a platform would: the client, the exact redirect URI, the PKCE
 * verifier, single-use codes, token expiry.
 */
@Injectable()
export class SandboxOAuthServer {
  private readonly db: EntityManager;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tenant: TenantData,
  ) {
    this.db = tenant.unscoped(
      'sandbox platform: its own tables stand in for an external service and hold no tenant data',
    );
  }

  /** The one registered client is Atrium itself; its secret is derived from the installation's. */
  get clientSecret(): string {
    return createHmac('sha256', this.config.encryptionKey).update('sandbox-oauth-client').digest('base64url');
  }

  get registeredRedirectUri(): string {
    return `${this.config.appUrl}${WEB_PATHS.oauthCallback}`;
  }

  /**
   * Checks an authorization request. Problems with the client or redirect URI are shown on the
   * server's own page (never redirected to an unverified URI); the rest would be redirected as errors.
   */
  validateAuthorize(query: Record<string, unknown>): AuthorizeParams {
    const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : '');
    if (text('client_id') !== SANDBOX_CLIENT_ID) {
      throw new OAuthProtocolError(400, 'invalid_client', 'Unknown client_id');
    }
    if (text('redirect_uri') !== this.registeredRedirectUri) {
      throw new OAuthProtocolError(400, 'invalid_request', 'redirect_uri does not match the registered one');
    }
    if (text('response_type') !== 'code') {
      throw new OAuthProtocolError(400, 'unsupported_response_type', 'Only response_type=code is supported');
    }
    if (text('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(text('code_challenge'))) {
      throw new OAuthProtocolError(400, 'invalid_request', 'PKCE with code_challenge_method=S256 is required');
    }
    if (!text('state')) throw new OAuthProtocolError(400, 'invalid_request', 'state is required');
    const scope = text('scope') || SANDBOX_SCOPES.join(' ');
    if (scope.split(' ').some((s) => !SANDBOX_SCOPES.includes(s))) {
      throw new OAuthProtocolError(400, 'invalid_scope', `Scopes must be among: ${SANDBOX_SCOPES.join(', ')}`);
    }
    return {
      clientId: SANDBOX_CLIENT_ID,
      redirectUri: text('redirect_uri'),
      state: text('state'),
      codeChallenge: text('code_challenge'),
      scope,
    };
  }

  /** The person approved: issue a single-use code for the account with this handle (made on first use). */
  async approve(params: AuthorizeParams, handle: string, displayName: string): Promise<string> {
    const account = await this.accountFor(handle, displayName);
    const code = newSecretToken();
    const grants = this.db.getRepository(SandboxGrant);
    await grants.save(
      grants.create({
        codeHash: hashToken(code),
        accountId: account.id,
        redirectUri: params.redirectUri,
        codeChallenge: params.codeChallenge,
        scope: params.scope,
        expiresAt: new Date(Date.now() + CODE_TTL_MS),
      }),
    );
    return code;
  }

  /** The token endpoint: authorization_code (with PKCE) and refresh_token grants. */
  async token(form: Record<string, unknown>, authorization: string | undefined): Promise<TokenAnswer> {
    this.authenticateClient(form, authorization);
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    if (field('grant_type') === 'authorization_code') return this.redeemCode(field);
    if (field('grant_type') === 'refresh_token') return this.rotateRefresh(field('refresh_token'));
    throw new OAuthProtocolError(
      400,
      'unsupported_grant_type',
      'grant_type must be authorization_code or refresh_token',
    );
  }

  /** The account behind a bearer access token, or a 401 protocol error. */
  async authenticate(authorization: string | undefined): Promise<SandboxAccount> {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const row = token
      ? await this.db.getRepository(SandboxToken).findOneBy({
          tokenHash: hashToken(token),
          kind: 'access',
          revokedAt: IsNull(),
          expiresAt: MoreThan(new Date()),
        })
      : null;
    if (!row) throw new OAuthProtocolError(401, 'invalid_token', 'The access token is missing, expired or revoked');
    return this.db.getRepository(SandboxAccount).findOneByOrFail({ id: row.accountId });
  }

  /** Publishes to the sandbox feed; a repeated idempotency key returns the first post. */
  async publish(
    account: SandboxAccount,
    text: string,
    media: Array<{ url: string; mimeType: string }>,
    idempotencyKey: string | null,
  ): Promise<SandboxPost> {
    if (text.includes(SANDBOX_UNAVAILABLE_MARKER)) {
      throw new OAuthProtocolError(503, 'temporarily_unavailable', 'The sandbox is pretending to be down');
    }
    if (text.includes(SANDBOX_REJECT_MARKER) || text.trim() === '') {
      throw new OAuthProtocolError(422, 'rejected', 'The sandbox refused this post');
    }
    const posts = this.db.getRepository(SandboxPost);
    if (idempotencyKey) {
      const earlier = await posts.findOneBy({ accountId: account.id, idempotencyKey });
      if (earlier) {
        await posts.increment({ id: earlier.id }, 'requestCount', 1);
        return earlier;
      }
    }
    try {
      return await posts.save(posts.create({ accountId: account.id, text, media, idempotencyKey }));
    } catch (error) {
      if (idempotencyKey && isUniqueViolation(error)) {
        return this.publish(account, text, media, idempotencyKey);
      }
      throw error;
    }
  }

  async feed(handle: string): Promise<{ account: SandboxAccount; posts: SandboxPost[] } | null> {
    const account = await this.db.getRepository(SandboxAccount).findOneBy({ handle: handle.toLowerCase() });
    if (!account) return null;
    const posts = await this.db
      .getRepository(SandboxPost)
      .find({ where: { accountId: account.id }, order: { createdAt: 'DESC' }, take: 200 });
    return { account, posts };
  }

  feedUrl(handle: string): string {
    return `${this.config.appUrl}/api/dev-oauth/feed/${handle}`;
  }

  postUrl(account: SandboxAccount, post: SandboxPost): string {
    return `${this.feedUrl(account.handle)}#post-${post.id}`;
  }

  private async accountFor(handle: string, displayName: string): Promise<SandboxAccount> {
    const accounts = this.db.getRepository(SandboxAccount);
    const existing = await accounts.findOneBy({ handle });
    if (existing) return existing;
    try {
      return await accounts.save(accounts.create({ handle, displayName }));
    } catch (error) {
      if (isUniqueViolation(error)) return accounts.findOneByOrFail({ handle });
      throw error;
    }
  }

  private authenticateClient(form: Record<string, unknown>, authorization: string | undefined): void {
    let id = typeof form['client_id'] === 'string' ? form['client_id'] : '';
    let secret = typeof form['client_secret'] === 'string' ? form['client_secret'] : '';
    const basic = /^Basic (.+)$/.exec(authorization ?? '')?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      try {
        id = decodeURIComponent(decoded.slice(0, colon));
        secret = decodeURIComponent(decoded.slice(colon + 1));
      } catch {
        throw new OAuthProtocolError(401, 'invalid_client', 'Malformed client credentials');
      }
    }
    if (id !== SANDBOX_CLIENT_ID || !sameSecret(secret, this.clientSecret)) {
      throw new OAuthProtocolError(401, 'invalid_client', 'Client authentication failed');
    }
  }

  private async redeemCode(field: (name: string) => string): Promise<TokenAnswer> {
    const grants = this.db.getRepository(SandboxGrant);
    const grant = await grants.findOneBy({ codeHash: hashToken(field('code')) });
    const invalid = () => new OAuthProtocolError(400, 'invalid_grant', 'The code is invalid, expired or already used');
    if (!grant || grant.expiresAt <= new Date()) throw invalid();
    if (grant.redirectUri !== field('redirect_uri')) {
      throw new OAuthProtocolError(400, 'invalid_grant', 'redirect_uri differs from the authorization request');
    }
    const challenge = createHash('sha256').update(field('code_verifier')).digest('base64url');
    if (!field('code_verifier') || challenge !== grant.codeChallenge) {
      throw new OAuthProtocolError(400, 'invalid_grant', 'The PKCE code_verifier does not match the code_challenge');
    }
    // Spend the code exactly once, even when two requests race with it.
    const spent = await grants.update({ id: grant.id, usedAt: IsNull() }, { usedAt: new Date() });
    if ((spent.affected ?? 0) !== 1) throw invalid();
    return this.issue(grant.accountId, grant.scope);
  }

  private async rotateRefresh(refreshToken: string): Promise<TokenAnswer> {
    const tokens = this.db.getRepository(SandboxToken);
    const row = await tokens.findOneBy({ tokenHash: hashToken(refreshToken), kind: 'refresh' });
    if (!row || row.revokedAt || row.expiresAt <= new Date()) {
      throw new OAuthProtocolError(400, 'invalid_grant', 'The refresh token is invalid, expired or already used');
    }
    const revoked = await tokens.update({ id: row.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    if ((revoked.affected ?? 0) !== 1) {
      throw new OAuthProtocolError(400, 'invalid_grant', 'The refresh token was already used');
    }
    return this.issue(row.accountId, row.scope);
  }

  private async issue(accountId: string, scope: string): Promise<TokenAnswer> {
    const access = newSecretToken();
    const refresh = newSecretToken();
    const now = Date.now();
    const tokens = this.db.getRepository(SandboxToken);
    await tokens.save(
      tokens.create([
        {
          tokenHash: hashToken(access),
          kind: 'access',
          accountId,
          scope,
          expiresAt: new Date(now + ACCESS_TTL_SECONDS * 1000),
        },
        { tokenHash: hashToken(refresh), kind: 'refresh', accountId, scope, expiresAt: new Date(now + REFRESH_TTL_MS) },
      ]),
    );
    return {
      access_token: access,
      token_type: 'Bearer',
      expires_in: ACCESS_TTL_SECONDS,
      refresh_token: refresh,
      scope,
    };
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
