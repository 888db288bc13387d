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
import { graphContext, graphGet, graphPost } from './meta-graph';
import {
  buildAuthorizationUrl,
  isRecord,
  optionalString,
  parseTokenResponse,
  postTokenRequest,
  requiredString,
} from './oauth2-http';

const GRAPH = 'https://graph.facebook.com/v21.0';
const AUTHORIZE_URL = 'https://www.facebook.com/v21.0/dialog/oauth';
const TOKEN_URL = `${GRAPH}/oauth/access_token`;
/** Enough for any agency client; a person managing more Pages than this connects the first ones. */
const MAX_PAGE_LISTS = 10;

/**
 * Facebook Pages. The person signs in; Atrium keeps a long-lived user token only long enough to list
 * the Pages they manage, and stores one account per Page with that Page's own token. Page tokens
 * obtained from a long-lived user token do not expire, so there is nothing to refresh.
 */
export class FacebookAdapter implements SocialProviderAdapter {
  readonly id = 'facebook' as const;
  readonly name = 'Facebook';
  readonly maxTextLength = 63206;
  readonly requiresMedia = false;
  readonly acceptsMedia = true;
  // A Page photo post: Facebook fetches the URL itself. One image per post (albums are not built yet).
  readonly mediaLimits: MediaLimits = {
    maxFiles: 1,
    mimeTypes: ['image/jpeg', 'image/png', 'image/gif'],
    typesLabel: 'JPEG, PNG or GIF images',
  };
  readonly idempotentPublish = false;
  readonly renewsWithAccessToken = false;
  readonly scopes = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement'] as const;

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
    // POST rather than the documented GET keeps the secret and the code out of the URL; Graph takes both.
    const shortLived = await postTokenRequest(
      this.fetch,
      {
        url: TOKEN_URL,
        credentials: this.credentials,
        clientAuth: 'body',
        params: { code: params.code, redirect_uri: params.redirectUri, code_verifier: params.codeVerifier },
      },
      context,
    );
    // The code yields an hour-long token; Page tokens derived from it would expire with it.
    const longLived = await postTokenRequest(
      this.fetch,
      {
        url: TOKEN_URL,
        credentials: this.credentials,
        clientAuth: 'body',
        params: {
          grant_type: 'fb_exchange_token',
          fb_exchange_token: requiredString(shortLived, 'access_token', context),
        },
      },
      context,
    );
    return parseTokenResponse(longLived, context, { now: this.now, requestedScopes: this.scopes });
  }

  async identities(tokens: TokenSet): Promise<ConnectedIdentity[]> {
    const context = graphContext(this.name, 'the list of Pages', this.now);
    const identities: ConnectedIdentity[] = [];
    let body = await graphGet(
      this.fetch,
      `${GRAPH}/me/accounts`,
      { fields: 'id,name,access_token,picture{url},link', access_token: tokens.accessToken },
      context,
    );
    for (let lists = 1; ; lists++) {
      const pages = Array.isArray(body['data']) ? body['data'].filter(isRecord) : [];
      for (const page of pages) identities.push(this.pageIdentity(page, tokens));
      const next = isRecord(body['paging']) ? optionalString(body['paging'], 'next') : null;
      if (!next || lists >= MAX_PAGE_LISTS) return identities;
      // `next` is a complete URL from Graph, already carrying the token and the fields.
      body = await graphGet(this.fetch, next, {}, context);
    }
  }

  async refresh(_account: AccountCredentials): Promise<TokenSet> {
    throw new ProviderError(
      'auth',
      'Facebook Page connections cannot be renewed automatically; connect the Page again.',
    );
  }

  async publish(account: AccountCredentials, post: PublishRequest): Promise<PublishResult> {
    const [image, ...more] = post.media;
    if (more.length > 0) {
      throw new ProviderError('rejected', 'Facebook: posts with several images are not supported by Atrium yet.');
    }
    if (image && !this.mediaLimits.mimeTypes.includes(image.mimeType.toLowerCase())) {
      throw new ProviderError('rejected', 'Facebook accepts JPEG, PNG or GIF images only.');
    }
    const context = graphContext(this.name, 'the post', this.now);
    const page = encodeURIComponent(account.externalId);
    const accessToken = account.tokens.accessToken;
    if (image) {
      // A photo on the Page's timeline; its post (not the photo) is what people see and link to.
      const body = await graphPost(
        this.fetch,
        `${GRAPH}/${page}/photos`,
        { url: image.url, message: post.text, access_token: accessToken },
        context,
      );
      const id = requiredString(body, 'post_id', context);
      return { externalId: id, url: `https://www.facebook.com/${id}` };
    }
    const body = await graphPost(
      this.fetch,
      `${GRAPH}/${page}/feed`,
      { message: post.text, access_token: accessToken },
      context,
    );
    const id = requiredString(body, 'id', context);
    return { externalId: id, url: `https://www.facebook.com/${id}` };
  }

  private pageIdentity(page: Record<string, unknown>, userTokens: TokenSet): ConnectedIdentity {
    const context = graphContext(this.name, 'the list of Pages', this.now);
    const id = requiredString(page, 'id', context);
    const picture = isRecord(page['picture']) && isRecord(page['picture']['data']) ? page['picture']['data'] : {};
    return {
      externalId: id,
      displayName: optionalString(page, 'name') ?? `Facebook Page ${id}`,
      handle: null,
      avatarUrl: optionalString(picture, 'url'),
      profileUrl: optionalString(page, 'link') ?? `https://www.facebook.com/${id}`,
      tokens: {
        accessToken: requiredString(page, 'access_token', context),
        refreshToken: null,
        expiresAt: null,
        scopes: userTokens.scopes,
      },
    };
  }
}
