import {
  ProviderError,
  type AccountCredentials,
  type AuthorizationUrlParams,
  type CodeExchangeParams,
  type ConnectedIdentity,
  type Fetch,
  type ProviderCredentials,
  type PublishRequest,
  type PublishResult,
  type SocialProviderAdapter,
  type TokenSet,
} from '../provider-adapter';
import {
  bearer,
  buildAuthorizationUrl,
  optionalString,
  parseTokenResponse,
  postTokenRequest,
  requestJson,
  requiredString,
  type CallContext,
} from './oauth2-http';

/** The app registered on one Mastodon server (its client id and secret only work there). */
export interface MastodonCredentials extends ProviderCredentials {
  instanceUrl: string;
}

/**
 * Mastodon, on the one server this installation is configured for. Tokens do not expire. Publishing
 * sends the post's idempotency key, which Mastodon honours (for an hour), so a retry never posts twice.
 */
export class MastodonAdapter implements SocialProviderAdapter {
  readonly id = 'mastodon' as const;
  readonly name = 'Mastodon';
  readonly maxTextLength = 500;
  readonly requiresMedia = false;
  readonly acceptsMedia = false;
  readonly idempotentPublish = true;
  readonly renewsWithAccessToken = false;
  readonly scopes = ['profile', 'write:statuses', 'write:media'] as const;
  private readonly instance: URL;

  constructor(
    private readonly credentials: MastodonCredentials,
    private readonly fetch: Fetch,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.instance = new URL(credentials.instanceUrl);
  }

  authorizationUrl(params: AuthorizationUrlParams): string {
    const endpoint = { url: this.url('/oauth/authorize'), clientId: this.credentials.clientId, scopes: this.scopes };
    return buildAuthorizationUrl({ ...endpoint, scopeSeparator: ' ' }, params);
  }

  async exchangeCode(params: CodeExchangeParams): Promise<TokenSet> {
    return this.tokenRequest('the sign-in', this.scopes, null, {
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
      code_verifier: params.codeVerifier,
    });
  }

  async identities(tokens: TokenSet): Promise<ConnectedIdentity[]> {
    const context = this.context('the profile request');
    const account = await requestJson(
      this.fetch,
      this.url('/api/v1/accounts/verify_credentials'),
      { headers: bearer(tokens.accessToken) },
      context,
    );
    const username = requiredString(account, 'username', context);
    // acct is "name" for a local account; the full handle adds the server so it is unambiguous elsewhere.
    const acct = optionalString(account, 'acct') ?? username;
    return [
      {
        externalId: requiredString(account, 'id', context),
        displayName: optionalString(account, 'display_name') ?? username,
        handle: acct.includes('@') ? `@${acct}` : `@${acct}@${this.instance.host}`,
        avatarUrl: optionalString(account, 'avatar'),
        profileUrl: optionalString(account, 'url'),
        tokens,
      },
    ];
  }

  async refresh(account: AccountCredentials): Promise<TokenSet> {
    const { refreshToken } = account.tokens;
    if (!refreshToken) {
      throw new ProviderError('auth', 'Mastodon gave no refresh token for this account; connect it again.');
    }
    return this.tokenRequest('the token refresh', account.tokens.scopes, refreshToken, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
  }

  async publish(account: AccountCredentials, post: PublishRequest): Promise<PublishResult> {
    if (post.media.length > 0) {
      throw new ProviderError('rejected', 'Mastodon: images are not supported by Atrium for this platform yet.');
    }
    const context = this.context('the post');
    const status = await requestJson(
      this.fetch,
      this.url('/api/v1/statuses'),
      {
        method: 'POST',
        headers: {
          ...bearer(account.tokens.accessToken),
          'Content-Type': 'application/json',
          'Idempotency-Key': post.idempotencyKey,
        },
        body: JSON.stringify({ status: post.text }),
      },
      context,
    );
    return { externalId: requiredString(status, 'id', context), url: optionalString(status, 'url') };
  }

  private async tokenRequest(
    subject: string,
    requestedScopes: readonly string[],
    previousRefreshToken: string | null,
    params: Record<string, string>,
  ): Promise<TokenSet> {
    const context = this.context(subject);
    const body = await postTokenRequest(
      this.fetch,
      { url: this.url('/oauth/token'), credentials: this.credentials, clientAuth: 'body', params },
      context,
    );
    return parseTokenResponse(body, context, { now: this.now, requestedScopes, previousRefreshToken });
  }

  /** Keeps a path prefix if the server lives under one (https://example.org/mastodon). */
  private url(path: string): string {
    return `${this.instance.origin}${this.instance.pathname.replace(/\/$/, '')}${path}`;
  }

  private context(subject: string): CallContext {
    return { platform: this.name, subject, now: this.now };
  }
}
