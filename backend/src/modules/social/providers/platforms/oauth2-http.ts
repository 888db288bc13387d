import {
  ProviderError,
  type AuthorizationUrlParams,
  type Fetch,
  type ProviderCredentials,
  type ProviderErrorKind,
  type TokenSet,
} from '../provider-adapter';

/**
 * Shared HTTP plumbing for the platform adapters: the consent URL, token requests, token responses and
 * the translation of HTTP failures into ProviderError kinds with messages a person can read.
 *
 * Nothing here logs. Error messages quote what the platform said, with every credential the request
 * carried (tokens, codes, the client secret) blanked out, because platforms sometimes echo them back.
 */

/** Reads a platform's own error body when status codes alone mislead (Graph API, X's 403 duplicates). */
export type ErrorClassifier = (status: number, body: unknown) => ProviderErrorKind | null;

/** Who asked for what, so that a failure can be explained: "LinkedIn refused the post: …". */
export interface CallContext {
  /** The platform's name as people know it. */
  platform: string;
  /** What was attempted, as a noun phrase: "the post", "the sign-in". */
  subject: string;
  /**
   * Token endpoints answer 400 for a refused code or refresh token (X says invalid_request, not
   * invalid_grant); retrying cannot help there, the person has to connect again.
   */
  tokenEndpoint?: boolean;
  classify?: ErrorClassifier;
  now?: () => Date;
}

/** A hung platform must not hold a publish job forever; fetch has no timeout of its own. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Request fields and query parameters whose values must never reach a message. */
/** Fields whose values never reach a message or a log: credentials, and signed media URLs (bearer links). */
const SECRET_PARAMS = [
  'access_token',
  'refresh_token',
  'client_secret',
  'code',
  'code_verifier',
  'fb_exchange_token',
  'url',
  'image_url',
];

export interface AuthorizationEndpoint {
  url: string;
  clientId: string;
  scopes: readonly string[];
  /** OAuth 2 says space; Meta's platforms want commas. */
  scopeSeparator: ' ' | ',';
}

export function buildAuthorizationUrl(endpoint: AuthorizationEndpoint, params: AuthorizationUrlParams): string {
  const query: [string, string][] = [
    ['response_type', 'code'],
    ['client_id', endpoint.clientId],
    ['redirect_uri', params.redirectUri],
    ['scope', endpoint.scopes.join(endpoint.scopeSeparator)],
    ['state', params.state],
    ['code_challenge', params.codeChallenge],
    ['code_challenge_method', 'S256'],
  ];
  // encodeURIComponent, not URLSearchParams: a space must be %20, some consent pages do not read "+".
  return `${endpoint.url}?${query.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;
}

export interface TokenRequest {
  url: string;
  credentials: ProviderCredentials;
  /** 'basic': an HTTP Basic header (RFC 6749 §2.3.1); 'body': client_id and client_secret as form fields. */
  clientAuth: 'basic' | 'body';
  params: Record<string, string>;
}

/** POSTs a form-encoded token request and returns the JSON answer. */
export async function postTokenRequest(
  fetch: Fetch,
  request: TokenRequest,
  context: CallContext,
): Promise<Record<string, unknown>> {
  const form = new URLSearchParams(request.params);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.clientAuth === 'basic') {
    headers['Authorization'] = basicAuthorization(request.credentials);
  } else {
    form.set('client_id', request.credentials.clientId);
    form.set('client_secret', request.credentials.clientSecret);
  }
  return requestJson(fetch, request.url, { method: 'POST', headers, body: form }, { ...context, tokenEndpoint: true });
}

export function basicAuthorization(credentials: ProviderCredentials): string {
  // RFC 6749 §2.3.1 form-encodes both parts before joining them.
  const pair = `${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`;
  return `Basic ${Buffer.from(pair).toString('base64')}`;
}

export interface TokenParseOptions {
  now: () => Date;
  /** RFC 6749 §5.1: a response without scope granted what was asked. */
  requestedScopes: readonly string[];
  /** Kept when a refresh answer carries no new refresh token (platforms that do not rotate them). */
  previousRefreshToken?: string | null;
}

export function parseTokenResponse(
  body: Record<string, unknown>,
  context: CallContext,
  options: TokenParseOptions,
): TokenSet {
  return {
    accessToken: requiredString(body, 'access_token', context),
    refreshToken: optionalString(body, 'refresh_token') ?? options.previousRefreshToken ?? null,
    expiresAt: expiresAtFrom(body['expires_in'], options.now),
    scopes: parseScopes(body['scope']) ?? [...options.requestedScopes],
  };
}

/** expires_in (seconds from now) to a moment; null when the platform gives no end. */
export function expiresAtFrom(expiresIn: unknown, now: () => Date): Date | null {
  const seconds = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return null;
  return new Date(now().getTime() + seconds * 1000);
}

/** Platforms answer "a b", "a,b" (LinkedIn, Meta) or a list; null when there is nothing to read. */
export function parseScopes(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.filter((scope): scope is string => typeof scope === 'string' && scope !== '');
  if (typeof value !== 'string') return null;
  return value.split(/[\s,]+/).filter((scope) => scope !== '');
}

export function bearer(accessToken: string): Record<string, string> {
  return { Authorization: `Bearer ${accessToken}` };
}

/** fetch, with network failures and non-2xx answers turned into ProviderError. */
export async function callApi(fetch: Fetch, url: string, init: RequestInit, context: CallContext): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    // Anything but a network failure is a bug here and must surface as one, not as "try again later".
    if (!isNetworkError(error)) throw error;
    // The cause (DNS, reset, timeout) does not change what to do next, and it may quote the URL.
    throw new ProviderError(
      'unavailable',
      `${context.platform} could not be reached for ${context.subject}; try again later.`,
    );
  }
  if (!response.ok) throw await errorFromResponse(response, context, secretsIn(url, init));
  return response;
}

/** fetch rejects with a TypeError when the connection fails, and with these names when it is aborted. */
function isNetworkError(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

export async function requestJson(
  fetch: Fetch,
  url: string,
  init: RequestInit,
  context: CallContext,
): Promise<Record<string, unknown>> {
  return readJson(await callApi(fetch, url, init, context), context);
}

export async function readJson(response: Response, context: CallContext): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    if (isRecord(body)) return body;
  } catch {
    // Falls through: a body that is not JSON is as useless as JSON of the wrong shape.
  }
  throw new ProviderError('unavailable', `${context.platform} answered ${context.subject} with something unreadable.`);
}

/** Builds the ProviderError for a non-2xx response. `secrets` are blanked out of the message. */
export async function errorFromResponse(
  response: Response,
  context: CallContext,
  secrets: readonly string[] = [],
): Promise<ProviderError> {
  const text = await response.text().catch(() => '');
  const body = parseJson(text);
  const kind = classify(response.status, body, response.headers, context);
  // Redact before shortening, or a cut might leave the start of a token behind.
  const detail = shorten(redact(describe(body, response.status), secrets));
  const retryAfterMs =
    kind === 'rate_limited' ? retryAfterFrom(response.headers, context.now ?? (() => new Date())) : null;
  return new ProviderError(kind, messageFor(kind, context, detail, retryAfterMs), retryAfterMs);
}

function classify(status: number, body: unknown, headers: Headers, context: CallContext): ProviderErrorKind {
  const platformKind = context.classify?.(status, body);
  if (platformKind) return platformKind;
  if (status === 429) return 'rate_limited';
  const oauthError = oauthErrorCode(body, headers);
  if (oauthError === 'invalid_grant' || oauthError === 'invalid_token') return 'auth';
  if (status === 401 || status === 403) return 'auth';
  if (status >= 500 || status === 408) return 'unavailable';
  return context.tokenEndpoint ? 'auth' : 'rejected';
}

/** The OAuth error code, from the body (RFC 6749 §5.2) or the WWW-Authenticate header (RFC 6750 §3). */
function oauthErrorCode(body: unknown, headers: Headers): string | null {
  const fromBody = isRecord(body) ? body['error'] : null;
  if (typeof fromBody === 'string') return fromBody;
  return /error="([^"]+)"/.exec(headers.get('www-authenticate') ?? '')?.[1] ?? null;
}

/**
 * Milliseconds until a retry may succeed: Retry-After (seconds or an HTTP date), else X's
 * x-rate-limit-reset (epoch seconds) or Mastodon's X-RateLimit-Reset (an ISO date).
 */
export function retryAfterFrom(headers: Headers, now: () => Date): number | null {
  const value = headers.get('retry-after') ?? headers.get('x-rate-limit-reset') ?? headers.get('x-ratelimit-reset');
  if (!value) return null;
  const isRetryAfter = headers.has('retry-after');
  let ms: number;
  if (/^\d+$/.test(value.trim())) {
    const seconds = Number(value);
    ms = isRetryAfter ? seconds * 1000 : seconds * 1000 - now().getTime();
  } else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    ms = at - now().getTime();
  }
  return Math.max(0, Math.round(ms));
}

/** The most useful sentence in the error body, whichever platform's shape it has. */
function describe(body: unknown, status: number): string {
  const record = isRecord(body) ? body : {};
  const graphError = isRecord(record['error']) ? record['error'] : {};
  const errors = Array.isArray(record['errors']) ? record['errors'] : [];
  const firstError: Record<string, unknown> = isRecord(errors[0]) ? errors[0] : {};
  const candidates = [
    graphError['error_user_msg'], // Graph API, worded for the person
    graphError['message'], // Graph API (Facebook, Instagram, Threads)
    record['error_description'], // OAuth 2
    record['error_message'], // Instagram's token endpoint
    firstError['message'], // X, when it names the failing parameter
    record['detail'], // X (RFC 7807 problem details)
    record['message'], // LinkedIn
    record['error'], // Mastodon, or a bare OAuth error code
    record['title'],
  ];
  const found = candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '');
  return found ?? `HTTP ${status}`;
}

function shorten(detail: string): string {
  const tidy = detail.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return tidy.length > 200 ? `${tidy.slice(0, 199)}…` : tidy;
}

function messageFor(
  kind: ProviderErrorKind,
  context: CallContext,
  detail: string,
  retryAfterMs: number | null,
): string {
  const { platform, subject } = context;
  switch (kind) {
    case 'auth':
      return `${platform} refused ${subject}: ${detail}. The account needs to be connected again.`;
    case 'rejected':
      return `${platform} refused ${subject}: ${detail}.`;
    case 'rate_limited':
      return `${platform} is limiting requests (${detail}); try ${subject} again ${waitPhrase(retryAfterMs)}.`;
    case 'unavailable':
      return `${platform} could not handle ${subject} right now (${detail}); try again later.`;
  }
}

function waitPhrase(ms: number | null): string {
  if (ms === null) return 'later';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  return `in about ${Math.ceil(seconds / 60)} minutes`;
}

/** Every credential a request carried: the Authorization header and secret-named fields of query and form. */
function secretsIn(url: string, init: RequestInit): string[] {
  const found: string[] = [];
  const collect = (params: URLSearchParams) => {
    for (const name of SECRET_PARAMS) found.push(...params.getAll(name));
  };
  collect(new URL(url).searchParams);
  if (init.body instanceof URLSearchParams) collect(init.body);
  const authorization = new Headers(init.headers).get('authorization');
  if (authorization) {
    const [scheme, credential = ''] = authorization.split(' ');
    found.push(credential);
    if (scheme.toLowerCase() === 'basic') found.push(...Buffer.from(credential, 'base64').toString().split(':'));
  }
  // Short values (a client id like "42") would blank out ordinary words.
  return found.filter((value) => value.length >= 6);
}

export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string field; numeric ids are accepted only when JSON could carry them exactly. */
export function optionalString(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}

export function requiredString(record: Record<string, unknown>, key: string, context: CallContext): string {
  const value = optionalString(record, key);
  if (value === null) {
    throw new ProviderError('unavailable', `${context.platform} answered ${context.subject} without "${key}".`);
  }
  return value;
}
