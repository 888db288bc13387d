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
  callApi,
  optionalString,
  parseTokenResponse,
  postTokenRequest,
  requestJson,
  requiredString,
  type CallContext,
} from './oauth2-http';

const AUTHORIZE_URL = 'https://www.linkedin.com/oauth/v2/authorization';
const TOKEN_URL = 'https://www.linkedin.com/oauth/v2/accessToken';
const USERINFO_URL = 'https://api.linkedin.com/v2/userinfo';
const POSTS_URL = 'https://api.linkedin.com/rest/posts';
/** LinkedIn retires each monthly API version about a year after release; move this forward when it does. */
const LINKEDIN_VERSION = '202405';

/**
 * `commentary` is LinkedIn's "little text" format: an unescaped reserved character such as "(" makes
 * LinkedIn silently cut the post short there. Escaped, they show as typed (hashtags included).
 */
export function escapeLittleText(text: string): string {
  return text.replace(/[\\|{}@[\]()<>#*_~]/g, (character) => `\\${character}`);
}

/** LinkedIn: Sign In with LinkedIn (OpenID Connect) and Share on LinkedIn, posting as the member. */
export class LinkedInAdapter implements SocialProviderAdapter {
  readonly id = 'linkedin' as const;
  readonly name = 'LinkedIn';
  readonly maxTextLength = 3000;
  readonly requiresMedia = false;
  readonly acceptsMedia = false;
  readonly idempotentPublish = false;
  readonly renewsWithAccessToken = false;
  readonly scopes = ['openid', 'profile', 'w_member_social'] as const;

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
    const context = this.context('the sign-in');
    const body = await postTokenRequest(
      this.fetch,
      {
        url: TOKEN_URL,
        credentials: this.credentials,
        clientAuth: 'body',
        params: {
          grant_type: 'authorization_code',
          code: params.code,
          redirect_uri: params.redirectUri,
          code_verifier: params.codeVerifier,
        },
      },
      context,
    );
    return parseTokenResponse(body, context, { now: this.now, requestedScopes: this.scopes });
  }

  async identities(tokens: TokenSet): Promise<ConnectedIdentity[]> {
    const context = this.context('the profile request');
    const profile = await requestJson(this.fetch, USERINFO_URL, { headers: bearer(tokens.accessToken) }, context);
    const sub = requiredString(profile, 'sub', context);
    return [
      {
        externalId: sub,
        displayName: optionalString(profile, 'name') ?? 'LinkedIn member',
        // userinfo carries no vanity name, and the public profile URL needs it.
        handle: null,
        avatarUrl: optionalString(profile, 'picture'),
        profileUrl: null,
        tokens,
      },
    ];
  }

  async refresh(account: AccountCredentials): Promise<TokenSet> {
    const { refreshToken } = account.tokens;
    if (!refreshToken) {
      // LinkedIn only issues refresh tokens to approved partner apps; everyone else reconnects.
      throw new ProviderError('auth', 'LinkedIn gave no refresh token for this account; connect it again.');
    }
    const context = this.context('the token refresh');
    const body = await postTokenRequest(
      this.fetch,
      {
        url: TOKEN_URL,
        credentials: this.credentials,
        clientAuth: 'body',
        params: { grant_type: 'refresh_token', refresh_token: refreshToken },
      },
      context,
    );
    return parseTokenResponse(body, context, {
      now: this.now,
      requestedScopes: account.tokens.scopes,
      previousRefreshToken: refreshToken,
    });
  }

  async publish(account: AccountCredentials, post: PublishRequest): Promise<PublishResult> {
    if (post.media.length > 0) {
      throw new ProviderError('rejected', 'LinkedIn: images are not supported by Atrium for this platform yet.');
    }
    const context = this.context('the post');
    const response = await callApi(
      this.fetch,
      POSTS_URL,
      {
        method: 'POST',
        headers: {
          ...bearer(account.tokens.accessToken),
          'Content-Type': 'application/json',
          'LinkedIn-Version': LINKEDIN_VERSION,
          'X-Restli-Protocol-Version': '2.0.0',
        },
        body: JSON.stringify({
          author: `urn:li:person:${account.externalId}`,
          commentary: escapeLittleText(post.text),
          visibility: 'PUBLIC',
          distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
        }),
      },
      context,
    );
    // 201 with an empty body: the new post's URN only comes back in this header.
    const urn = response.headers.get('x-restli-id');
    if (!urn) {
      throw new ProviderError(
        'unavailable',
        'LinkedIn accepted the post but did not say which post it created; check the profile before retrying.',
      );
    }
    return { externalId: urn, url: `https://www.linkedin.com/feed/update/${urn}` };
  }

  private context(subject: string): CallContext {
    return { platform: this.name, subject, now: this.now };
  }
}
