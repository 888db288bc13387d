import type { SocialProviderId } from '@atrium/shared';

/**
 * The provider model. One adapter per platform declares how its OAuth 2 authorization-code flow
 * (always with PKCE) is started and finished, how the connected profile(s) are read, how tokens are
 * refreshed and how a post is published. Adapters only talk HTTP through the `fetch` they are given,
 * so tests can replay recorded exchanges and the local development provider can be reached in-process.
 */

/** The HTTP function adapters use: the global `fetch` in production. */
export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** An application registered with the platform (from configuration; never sent to a browser). */
export interface ProviderCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenSet {
  accessToken: string;
  /** Null when the platform issues none (then the access token must be long-lived or the person reconnects). */
  refreshToken: string | null;
  /** When the access token expires; null when the platform gives no end. */
  expiresAt: Date | null;
  scopes: string[];
}

/**
 * One account the person connected. Most platforms yield one; Facebook yields one per Page the
 * person manages, each with its own Page token.
 */
export interface ConnectedIdentity {
  externalId: string;
  displayName: string;
  handle: string | null;
  avatarUrl: string | null;
  profileUrl: string | null;
  tokens: TokenSet;
}

/** What adapters need to act for a stored account. */
export interface AccountCredentials {
  externalId: string;
  handle: string | null;
  tokens: TokenSet;
}

export interface PublishMedia {
  /** A URL the platform can fetch (signed, short-lived) and the file's MIME type. */
  url: string;
  mimeType: string;
}

export interface PublishRequest {
  text: string;
  media: PublishMedia[];
  /**
   * Stable for one post on one account across retries. Platforms that honour idempotency keys
   * (Mastodon, the local provider) get it, so a retried request never posts twice.
   */
  idempotencyKey: string;
}

export interface PublishResult {
  externalId: string;
  url: string | null;
}

/**
 * `auth`: the token is refused or cannot be refreshed, the person must reconnect.
 * `rate_limited` and `unavailable`: try again later (only safe when the post was certainly not created,
 * or the platform deduplicates with the idempotency key).
 * `rejected`: the platform refused this content (too long, needs an image, ...); retrying will not help.
 */
export type ProviderErrorKind = 'auth' | 'rate_limited' | 'unavailable' | 'rejected';

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface AuthorizationUrlParams {
  state: string;
  codeChallenge: string;
  redirectUri: string;
}

export interface CodeExchangeParams {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

/** The files one post may carry to a platform, checked when the post is saved. */
export interface MediaLimits {
  maxFiles: number;
  mimeTypes: readonly string[];
  /** For people: "JPEG images", "JPEG or PNG images". */
  typesLabel: string;
}

export interface SocialProviderAdapter {
  readonly id: SocialProviderId;
  readonly name: string;
  readonly maxTextLength: number;
  readonly requiresMedia: boolean;
  /** True when posts may carry images (Atrium publishes images to these platforms). */
  readonly acceptsMedia: boolean;
  /** What those files may be, when the platform is stricter than "any library files". */
  readonly mediaLimits?: MediaLimits;
  /** True when a retried publish with the same idempotency key cannot create a second post. */
  readonly idempotentPublish: boolean;
  /**
   * True when a still-valid access token can be exchanged for a fresh one without a refresh token
   * (Instagram, Threads): such accounts are renewed ahead of expiry instead of warning people.
   */
  readonly renewsWithAccessToken: boolean;
  readonly scopes: readonly string[];

  /** The consent page URL: response_type=code, PKCE S256, the given state and exact redirect URI. */
  authorizationUrl(params: AuthorizationUrlParams): string;
  /** Trades the code (and the PKCE verifier) for tokens. */
  exchangeCode(params: CodeExchangeParams): Promise<TokenSet>;
  /** Reads the connected profile(s) with the new tokens. */
  identities(tokens: TokenSet): Promise<ConnectedIdentity[]>;
  /** Renews the account's tokens; throws ProviderError('auth') when the person must reconnect. */
  refresh(account: AccountCredentials): Promise<TokenSet>;
  publish(account: AccountCredentials, post: PublishRequest): Promise<PublishResult>;
}
