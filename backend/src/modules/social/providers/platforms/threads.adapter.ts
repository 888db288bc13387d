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
import { graphContext, graphGet, publishThroughContainer } from './meta-graph';
import {
  buildAuthorizationUrl,
  optionalString,
  parseTokenResponse,
  postTokenRequest,
  requiredString,
} from './oauth2-http';

const AUTHORIZE_URL = 'https://threads.net/oauth/authorize';
const GRAPH = 'https://graph.threads.net';
const GRAPH_API = `${GRAPH}/v1.0`;

/**
 * Threads, text posts only. Like Instagram, there is no refresh token: the long-lived access token
 * (about 60 days) renews itself while it is still valid.
 */
export class ThreadsAdapter implements SocialProviderAdapter {
  readonly id = 'threads' as const;
  readonly name = 'Threads';
  readonly maxTextLength = 500;
  readonly requiresMedia = false;
  readonly idempotentPublish = false;
  readonly renewsWithAccessToken = true;
  readonly scopes = ['threads_basic', 'threads_content_publish'] as const;

  constructor(
    private readonly credentials: ProviderCredentials,
    private readonly fetch: Fetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  authorizationUrl(params: AuthorizationUrlParams): string {
    const endpoint = { url: AUTHORIZE_URL, clientId: this.credentials.clientId, scopes: this.scopes };
    return buildAuthorizationUrl({ ...endpoint, scopeSeparator: ',' }, params);
  }

  async exchangeCode(params: CodeExchangeParams): Promise<TokenSet> {
    const context = graphContext(this.name, 'the sign-in', this.now, true);
    const shortLived = await postTokenRequest(
      this.fetch,
      {
        url: `${GRAPH}/oauth/access_token`,
        credentials: this.credentials,
        clientAuth: 'body',
        params: {
          grant_type: 'authorization_code',
          redirect_uri: params.redirectUri,
          code: params.code,
          code_verifier: params.codeVerifier,
        },
      },
      context,
    );
    // The code yields an hour-long token; swap it for the 60-day one before anything is stored.
    const longLived = await graphGet(
      this.fetch,
      `${GRAPH}/access_token`,
      {
        grant_type: 'th_exchange_token',
        client_secret: this.credentials.clientSecret,
        access_token: requiredString(shortLived, 'access_token', context),
      },
      context,
    );
    return parseTokenResponse(longLived, context, { now: this.now, requestedScopes: this.scopes });
  }

  async identities(tokens: TokenSet): Promise<ConnectedIdentity[]> {
    const context = graphContext(this.name, 'the profile request', this.now);
    const profile = await graphGet(
      this.fetch,
      `${GRAPH_API}/me`,
      { fields: 'id,username,name,threads_profile_picture_url', access_token: tokens.accessToken },
      context,
    );
    const username = requiredString(profile, 'username', context);
    return [
      {
        externalId: requiredString(profile, 'id', context),
        displayName: optionalString(profile, 'name') ?? username,
        handle: `@${username}`,
        avatarUrl: optionalString(profile, 'threads_profile_picture_url'),
        profileUrl: `https://www.threads.net/@${username}`,
        tokens,
      },
    ];
  }

  async refresh(account: AccountCredentials): Promise<TokenSet> {
    // Works on an unexpired long-lived token at least a day old; an expired one answers code 190 (auth).
    const context = graphContext(this.name, 'the token refresh', this.now, true);
    const body = await graphGet(
      this.fetch,
      `${GRAPH}/refresh_access_token`,
      { grant_type: 'th_refresh_token', access_token: account.tokens.accessToken },
      context,
    );
    return parseTokenResponse(body, context, { now: this.now, requestedScopes: account.tokens.scopes });
  }

  async publish(account: AccountCredentials, post: PublishRequest): Promise<PublishResult> {
    if (post.media.length > 0) {
      throw new ProviderError('rejected', 'Threads: images are not supported by Atrium for this platform yet.');
    }
    return publishThroughContainer(this.fetch, {
      platform: this.name,
      now: this.now,
      graphApi: GRAPH_API,
      userId: account.externalId,
      accessToken: account.tokens.accessToken,
      containerEdge: 'threads',
      containerFields: { media_type: 'TEXT', text: post.text },
      publishEdge: 'threads_publish',
    });
  }
}
