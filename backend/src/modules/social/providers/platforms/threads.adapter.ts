import {
  ProviderError,
  type AccountCredentials,
  type AuthorizationUrlParams,
  type CodeExchangeParams,
  type ConnectedIdentity,
  type MediaLimits,
  type Fetch,
  type ProviderCredentials,
  type PublishRequest,
  type PublishResult,
  type SocialProviderAdapter,
  type TokenSet,
} from '../provider-adapter';
import {
  exchangeForLongLivedToken,
  graphContext,
  graphGet,
  publishThroughContainer,
  refreshLongLivedToken,
} from './meta-graph';
import { buildAuthorizationUrl, optionalString, postTokenRequest, requiredString } from './oauth2-http';

const AUTHORIZE_URL = 'https://threads.net/oauth/authorize';
const GRAPH = 'https://graph.threads.net';
const GRAPH_API = `${GRAPH}/v1.0`;

/**
 * Threads: text posts, or text with one image. Like Instagram, there is no refresh token: the long-lived access token
 * (about 60 days) renews itself while it is still valid.
 */
export class ThreadsAdapter implements SocialProviderAdapter {
  readonly id = 'threads' as const;
  readonly name = 'Threads';
  readonly maxTextLength = 500;
  readonly requiresMedia = false;
  readonly acceptsMedia = true;
  // Threads fetches image_url itself; one JPEG or PNG per post (carousels are not built yet).
  readonly mediaLimits: MediaLimits = {
    maxFiles: 1,
    mimeTypes: ['image/jpeg', 'image/png'],
    typesLabel: 'JPEG or PNG images',
  };
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
    return exchangeForLongLivedToken(
      this.fetch,
      {
        graph: GRAPH,
        grantType: 'th_exchange_token',
        clientSecret: this.credentials.clientSecret,
        shortLivedToken: requiredString(shortLived, 'access_token', context),
        scopes: this.scopes,
        now: this.now,
      },
      context,
    );
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
    const context = graphContext(this.name, 'the token refresh', this.now, true);
    return refreshLongLivedToken(
      this.fetch,
      { graph: GRAPH, grantType: 'th_refresh_token', tokens: account.tokens, now: this.now },
      context,
    );
  }

  async publish(account: AccountCredentials, post: PublishRequest): Promise<PublishResult> {
    const [image, ...more] = post.media;
    if (more.length > 0) {
      throw new ProviderError('rejected', 'Threads: posts with several images are not supported by Atrium yet.');
    }
    if (image && !this.mediaLimits.mimeTypes.includes(image.mimeType.toLowerCase())) {
      throw new ProviderError('rejected', 'Threads accepts JPEG or PNG images only.');
    }
    return publishThroughContainer(this.fetch, {
      platform: this.name,
      now: this.now,
      graphApi: GRAPH_API,
      userId: account.externalId,
      accessToken: account.tokens.accessToken,
      containerEdge: 'threads',
      containerFields: image
        ? { media_type: 'IMAGE', image_url: image.url, text: post.text }
        : { media_type: 'TEXT', text: post.text },
      publishEdge: 'threads_publish',
    });
  }
}
