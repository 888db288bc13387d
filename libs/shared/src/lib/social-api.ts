/**
 * Social accounts, provider connections and Client Connect Links: the contract between the
 * backend's controllers and the frontend's services.
 */

/** Every platform Atrium has an adapter for; `local` is the built-in development provider. */
export const SOCIAL_PROVIDERS = ['local', 'linkedin', 'x', 'facebook', 'instagram', 'mastodon', 'threads'] as const;
export type SocialProviderId = (typeof SOCIAL_PROVIDERS)[number];

/** A platform this installation offers (only providers with credentials are offered). */
export interface SocialProviderInfo {
  id: SocialProviderId;
  name: string;
  /** Longest post text the platform accepts. */
  maxTextLength: number;
  /** True when a post needs at least one image (Instagram). */
  requiresMedia: boolean;
  /** True when posts to it may carry images. */
  acceptsMedia: boolean;
  /** Stricter rules for those files (how many, which types); null when any library files go. */
  mediaLimits: MediaLimitsView | null;
}

/** The files one post may carry to a platform. */
export interface MediaLimitsView {
  maxFiles: number;
  mimeTypes: string[];
  /** For people: "JPEG images", "JPEG or PNG images". */
  typesLabel: string;
}

/**
 * `connected`: tokens work. `expiring`: the token ends within the warning window and cannot be
 * refreshed automatically, so someone should reconnect soon. `needs_reconnect`: it no longer works.
 */
export type AccountHealth = 'connected' | 'expiring' | 'needs_reconnect';

export type ConnectedVia = 'agency' | 'portal' | 'connect_link';

export interface SocialAccountView {
  id: string;
  provider: SocialProviderId;
  providerName: string;
  displayName: string;
  handle: string | null;
  avatarUrl: string | null;
  profileUrl: string | null;
  clientId: string | null;
  clientName: string | null;
  health: AccountHealth;
  /** When the access token stops working and cannot be renewed without the person; null = no known end. */
  expiresAt: string | null;
  /** Why the account needs reconnecting, in words a person understands. */
  problem: string | null;
  connectedVia: ConnectedVia;
  connectedAt: string;
}

export interface SocialAccountList {
  items: SocialAccountView[];
}

/** Start an OAuth connection from the agency workspace; optionally assign the result to a client. */
export interface StartConnectRequest {
  provider: SocialProviderId;
  clientId?: string | null;
}

/** Start an OAuth connection from the portal: the account lands on the caller's client. */
export interface PortalStartConnectRequest {
  provider: SocialProviderId;
}

/** Where to send the browser; the provider redirects back to `/oauth/callback`. */
export interface StartConnectResponse {
  authorizationUrl: string;
}

/** What the `/oauth/callback` page posts back (the query parameters the provider sent). */
export interface CompleteConnectRequest {
  state: string;
  code: string;
}

export interface CompleteConnectResponse {
  accounts: SocialAccountView[];
  /** Where the person started, so the callback page can send them back. */
  returnTo: 'agency' | 'portal' | 'connect_link';
}

export interface AssignAccountRequest {
  clientId: string | null;
}

// ---- Client Connect Links ------------------------------------------------------------------

export type ConnectLinkStatus = 'active' | 'expired' | 'revoked';

export interface ConnectLinkView {
  id: string;
  clientId: string;
  /** The full link to send to the client; null if it can no longer be read (ENCRYPTION_KEY changed). */
  url: string | null;
  status: ConnectLinkStatus;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
  createdByName: string | null;
  /** How many accounts were connected through this link. */
  accountsConnected: number;
}

export interface CreateConnectLinkRequest {
  /** 1 to 30 days; 7 when omitted. */
  validForDays?: number;
}

/** Shown on the public connect page before anything happens. */
export interface ConnectLinkPreview {
  agencyName: string;
  clientName: string;
  expiresAt: string;
  providers: SocialProviderInfo[];
  /** Accounts already connected through this link (no tokens, only what the page shows). */
  accounts: Array<Pick<SocialAccountView, 'id' | 'provider' | 'providerName' | 'displayName' | 'handle'>>;
}

export interface ConnectLinkTokenRequest {
  token: string;
}

export interface ConnectLinkStartRequest {
  token: string;
  provider: SocialProviderId;
}

/**
 * `binding` is a secret the connect page keeps in sessionStorage and posts back with the code: it
 * ties the OAuth round trip to the browser that started it, as the session does for signed-in users.
 */
export interface ConnectLinkStartResponse extends StartConnectResponse {
  binding: string;
}

/** What a visitor without an Atrium login learns after connecting: only what the page shows. */
export interface ConnectLinkCompleteResponse {
  accounts: ConnectLinkPreview['accounts'];
}

export interface ConnectLinkCompleteRequest extends CompleteConnectRequest {
  token: string;
  binding: string;
}

/**
 * A round trip begun on an agency's custom domain comes back to APP_URL/oauth/callback (the one
 * registered redirect URI); that page asks where to hand the browser back to, with what it got.
 */
export interface OAuthHandbackRequest {
  state: string;
  /** The provider's authorization code, or */
  code?: string;
  /** the provider's error code when it sent one instead (e.g. `access_denied`). */
  error?: string;
}

export interface OAuthHandbackResponse {
  /** `https://<custom domain>/oauth/callback?code=<one-time code>` (or `?error=…`). */
  url: string;
}

/** On the custom domain: finish with the one-time hand-back code, in the session that started. */
export interface CompleteHandbackRequest {
  code: string;
}

export const SOCIAL_PATHS = {
  providers: '/api/v1/social/providers',
  accounts: '/api/v1/social-accounts',
  connect: '/api/v1/social-accounts/connect',
  complete: '/api/v1/social-accounts/oauth/complete',
  completeHandback: '/api/v1/social-accounts/oauth/complete-handback',
  oauthHandback: '/api/v1/public/oauth/handback',
  account: (id: string) => `/api/v1/social-accounts/${id}`,
  clientConnectLinks: (clientId: string) => `/api/v1/clients/${clientId}/connect-links`,
  connectLink: (id: string) => `/api/v1/connect-links/${id}`,
  portalAccounts: '/api/v1/portal/accounts',
  portalConnect: '/api/v1/portal/accounts/connect',
  portalAccount: (id: string) => `/api/v1/portal/accounts/${id}`,
  linkPreview: '/api/v1/connect-links/preview',
  linkStart: '/api/v1/connect-links/authorize',
  linkComplete: '/api/v1/connect-links/complete',
} as const;
