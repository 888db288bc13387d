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
  isRecord,
  optionalString,
  parseTokenResponse,
  postTokenRequest,
  requestJson,
  requiredString,
  type CallContext,
  type ErrorClassifier,
} from './oauth2-http';

const AUTHORIZE_URL = 'https://x.com/i/oauth2/authorize';
const TOKEN_URL = 'https://api.x.com/2/oauth2/token';
const ME_URL = 'https://api.x.com/2/users/me?user.fields=profile_image_url';
const TWEETS_URL = 'https://api.x.com/2/tweets';

/**
 * X answers 403 both for a token without rights and for a duplicate post. Only the first means
 * reconnecting; a duplicate is content the platform refuses.
 */
const classifyXError: ErrorClassifier = (status, body) => {
  const detail = isRecord(body) ? body['detail'] : null;
  if (status === 403 && typeof detail === 'string' && /duplicate content/i.test(detail)) return 'rejected';
  return null;
};

/** X (Twitter): OAuth 2.0 with PKCE as a confidential client; refresh tokens rotate on every use. */
export class XAdapter implements SocialProviderAdapter {
  readonly id = 'x' as const;
  readonly name = 'X';
  readonly maxTextLength = 280;
  readonly requiresMedia = false;
  readonly acceptsMedia = false;
  readonly idempotentPublish = false;
  readonly renewsWithAccessToken = false;
  // offline.access is what makes X issue a refresh token at all.
  readonly scopes = ['tweet.read', 'tweet.write', 'users.read', 'offline.access'] as const;

  constructor(
    private readonly credentials: ProviderCredentials,
    private readonly fetch: Fetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  authorizationUrl(params: AuthorizationUrlParams): string {
    const endpoint = { url: AUTHORIZE_URL, clientId: this.credentials.clientId, scopes: this.scopes };
    return buildAuthorizationUrl({ ...endpoint, scopeSeparator: ' ' }, params);
  }

  async exchangeCode(params: CodeExchangeParams): Promise<TokenSet> {
    return this.tokenRequest('the sign-in', this.scopes, {
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
      code_verifier: params.codeVerifier,
    });
  }

  async identities(tokens: TokenSet): Promise<ConnectedIdentity[]> {
    const context = this.context('the profile request');
    const body = await requestJson(this.fetch, ME_URL, { headers: bearer(tokens.accessToken) }, context);
    const user = isRecord(body['data']) ? body['data'] : {};
    const username = requiredString(user, 'username', context);
    return [
      {
        externalId: requiredString(user, 'id', context),
        displayName: optionalString(user, 'name') ?? username,
        handle: `@${username}`,
        avatarUrl: optionalString(user, 'profile_image_url'),
        profileUrl: `https://x.com/${username}`,
        tokens,
      },
    ];
  }

  async refresh(account: AccountCredentials): Promise<TokenSet> {
    const { refreshToken } = account.tokens;
    if (!refreshToken) throw new ProviderError('auth', 'X gave no refresh token for this account; connect it again.');
    // The old refresh token stops working now; the caller must store the new one before anything else.
    return this.tokenRequest('the token refresh', account.tokens.scopes, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
  }

  async publish(account: AccountCredentials, post: PublishRequest): Promise<PublishResult> {
    if (post.media.length > 0) {
      throw new ProviderError('rejected', 'X: images are not supported by Atrium for this platform yet.');
    }
    const context = this.context('the post');
    const body = await requestJson(
      this.fetch,
      TWEETS_URL,
      {
        method: 'POST',
        headers: { ...bearer(account.tokens.accessToken), 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: post.text }),
      },
      context,
    );
    const id = requiredString(isRecord(body['data']) ? body['data'] : {}, 'id', context);
    const username = account.handle?.replace(/^@/, '');
    // x.com/i/web/status/{id} resolves any post when the handle is unknown.
    return {
      externalId: id,
      url: username ? `https://x.com/${username}/status/${id}` : `https://x.com/i/web/status/${id}`,
    };
  }

  private async tokenRequest(
    subject: string,
    requestedScopes: readonly string[],
    params: Record<string, string>,
  ): Promise<TokenSet> {
    const context = this.context(subject);
    const body = await postTokenRequest(
      this.fetch,
      { url: TOKEN_URL, credentials: this.credentials, clientAuth: 'basic', params },
      context,
    );
    return parseTokenResponse(body, context, { now: this.now, requestedScopes });
  }

  private context(subject: string): CallContext {
    return { platform: this.name, subject, now: this.now, classify: classifyXError };
  }
}
