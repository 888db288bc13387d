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
import {
  buildAuthorizationUrl,
  isRecord,
  optionalString,
  parseScopes,
  postTokenRequest,
  requiredString,
} from './oauth2-http';

const AUTHORIZE_URL = 'https://www.instagram.com/oauth/authorize';
const TOKEN_URL = 'https://api.instagram.com/oauth/access_token';
const GRAPH = 'https://graph.instagram.com';
const GRAPH_API = `${GRAPH}/v21.0`;
/** image/jpg is not a registered type, but uploads labelled so are still JPEG files. */
const JPEG_TYPES = new Set(['image/jpeg', 'image/jpg']);

/**
 * Instagram professional (business or creator) accounts through the Instagram API with Instagram
 * Login. There is no refresh token: the long-lived access token (about 60 days) renews itself.
 */
export class InstagramAdapter implements SocialProviderAdapter {
  readonly id = 'instagram' as const;
  readonly name = 'Instagram';
  readonly maxTextLength = 2200;
  readonly requiresMedia = true;
  readonly acceptsMedia = true;
  // The publishing API fetches image_url itself and takes one JPEG (carousels are not built yet).
  readonly mediaLimits: MediaLimits = { maxFiles: 1, mimeTypes: ['image/jpeg'], typesLabel: 'JPEG images' };
  readonly idempotentPublish = false;
  readonly renewsWithAccessToken = true;
  readonly scopes = ['instagram_business_basic', 'instagram_business_content_publish'] as const;

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
    const answer = await postTokenRequest(
      this.fetch,
      {
        url: TOKEN_URL,
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
    // Documented as {data: [{access_token, user_id, permissions}]}; older apps still get the flat shape.
    const shortLived = Array.isArray(answer['data']) && isRecord(answer['data'][0]) ? answer['data'][0] : answer;
    const granted = parseScopes(shortLived['permissions']) ?? [...this.scopes];
    return exchangeForLongLivedToken(
      this.fetch,
      {
        graph: GRAPH,
        grantType: 'ig_exchange_token',
        clientSecret: this.credentials.clientSecret,
        shortLivedToken: requiredString(shortLived, 'access_token', context),
        scopes: granted,
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
      { fields: 'user_id,username,name,profile_picture_url', access_token: tokens.accessToken },
      context,
    );
    const username = requiredString(profile, 'username', context);
    return [
      {
        // user_id is the professional account id the publishing endpoints take; `id` is app-scoped.
        externalId: requiredString(profile, 'user_id', context),
        displayName: optionalString(profile, 'name') ?? username,
        handle: `@${username}`,
        avatarUrl: optionalString(profile, 'profile_picture_url'),
        profileUrl: `https://www.instagram.com/${username}/`,
        tokens,
      },
    ];
  }

  async refresh(account: AccountCredentials): Promise<TokenSet> {
    const context = graphContext(this.name, 'the token refresh', this.now, true);
    return refreshLongLivedToken(
      this.fetch,
      { graph: GRAPH, grantType: 'ig_refresh_token', tokens: account.tokens, now: this.now },
      context,
    );
  }

  async publish(account: AccountCredentials, post: PublishRequest): Promise<PublishResult> {
    const [image, ...more] = post.media;
    if (!image) throw new ProviderError('rejected', 'Instagram posts need an image; add one and try again.');
    if (more.length > 0) {
      throw new ProviderError('rejected', 'Instagram: posts with several images are not supported by Atrium yet.');
    }
    if (!JPEG_TYPES.has(image.mimeType.toLowerCase())) {
      // The publishing API fetches image_url itself and only takes JPEG.
      throw new ProviderError('rejected', 'Instagram accepts JPEG images only; use a .jpg image.');
    }
    return publishThroughContainer(this.fetch, {
      platform: this.name,
      now: this.now,
      graphApi: GRAPH_API,
      userId: account.externalId,
      accessToken: account.tokens.accessToken,
      containerEdge: 'media',
      containerFields: { image_url: image.url, caption: post.text },
      publishEdge: 'media_publish',
    });
  }
}
