import type {
  AccountCredentials,
  AuthorizationUrlParams,
  CodeExchangeParams,
  ConnectedIdentity,
  Fetch,
  ProviderCredentials,
  PublishRequest,
  PublishResult,
  SocialProviderAdapter,
  TokenSet,
} from './provider-adapter';
import { ProviderError } from './provider-adapter';

export interface LocalProviderEndpoints {
  /** Where browsers are sent for consent (the public APP_URL). */
  publicBaseUrl: string;
  /** Where the backend calls the token, profile and publish endpoints (this server's own address). */
  internalBaseUrl: () => string;
}

interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
}

/**
 * The sandbox platform served by LocalOAuthModule. Talks to it over HTTP exactly like the real
 * adapters talk to theirs, so the whole connect-and-publish path is the production path.
 */
export class LocalSandboxAdapter implements SocialProviderAdapter {
  readonly id = 'local' as const;
  readonly name = 'Demo platform';
  readonly maxTextLength = 5000;
  readonly requiresMedia = false;
  readonly acceptsMedia = true;
  readonly idempotentPublish = true;
  readonly renewsWithAccessToken = false;
  readonly scopes = ['profile', 'publish'] as const;

  constructor(
    private readonly credentials: ProviderCredentials,
    private readonly endpoints: LocalProviderEndpoints,
    private readonly fetch: Fetch,
  ) {}

  authorizationUrl(params: AuthorizationUrlParams): string {
    const url = new URL(`${this.endpoints.publicBaseUrl}/api/dev-oauth/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.credentials.clientId,
      redirect_uri: params.redirectUri,
      scope: this.scopes.join(' '),
      state: params.state,
      code_challenge: params.codeChallenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  async exchangeCode(params: CodeExchangeParams): Promise<TokenSet> {
    return this.tokenRequest({
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
      code_verifier: params.codeVerifier,
    });
  }

  async identities(tokens: TokenSet): Promise<ConnectedIdentity[]> {
    const profile = (await this.call('GET', '/me', tokens.accessToken)) as {
      id: string;
      handle: string;
      name: string;
      profile_url: string;
    };
    return [
      {
        externalId: profile.id,
        displayName: profile.name,
        handle: `@${profile.handle}`,
        avatarUrl: null,
        profileUrl: profile.profile_url,
        tokens,
      },
    ];
  }

  async refresh(account: AccountCredentials): Promise<TokenSet> {
    if (!account.tokens.refreshToken) throw new ProviderError('auth', 'The sandbox account has no refresh token');
    return this.tokenRequest({ grant_type: 'refresh_token', refresh_token: account.tokens.refreshToken });
  }

  async publish(account: AccountCredentials, post: PublishRequest): Promise<PublishResult> {
    const answer = (await this.call('POST', '/posts', account.tokens.accessToken, post.idempotencyKey, {
      text: post.text,
      media: post.media,
    })) as { id: string; url: string };
    return { externalId: answer.id, url: answer.url };
  }

  private async tokenRequest(fields: Record<string, string>): Promise<TokenSet> {
    const response = await this.send(`${this.endpoints.internalBaseUrl()}/api/dev-oauth/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams(fields).toString(),
    });
    const body = (await this.readJson(response)) as TokenResponse;
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token ?? null,
      expiresAt: body.expires_in ? new Date(Date.now() + body.expires_in * 1000) : null,
      scopes: (body.scope ?? '').split(' ').filter(Boolean),
    };
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    accessToken: string,
    idempotencyKey?: string,
    body?: unknown,
  ): Promise<unknown> {
    const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    const response = await this.send(`${this.endpoints.internalBaseUrl()}/api/dev-oauth${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return this.readJson(response);
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetch(url, init);
    } catch {
      throw new ProviderError('unavailable', 'The sandbox platform could not be reached');
    }
  }

  private async readJson(response: Response): Promise<unknown> {
    const body = (await response.json().catch(() => ({}))) as { error?: string; error_description?: string };
    if (response.ok) return body;
    const reason = body.error_description ?? body.error ?? `HTTP ${response.status}`;
    if (response.status === 401 || body.error === 'invalid_grant') {
      throw new ProviderError('auth', `The sandbox refused the credentials: ${reason}`);
    }
    if (response.status === 429) throw new ProviderError('rate_limited', `The sandbox is rate limiting: ${reason}`);
    if (response.status >= 500) throw new ProviderError('unavailable', `The sandbox is unavailable: ${reason}`);
    throw new ProviderError('rejected', `The sandbox refused the post: ${reason}`);
  }
}
