import type { Fetch, TokenSet } from '../provider-adapter';
import {
  isRecord,
  optionalString,
  parseTokenResponse,
  requestJson,
  requiredString,
  type CallContext,
  type ErrorClassifier,
} from './oauth2-http';

/**
 * Facebook, Instagram and Threads all speak Meta's Graph API dialect. Requests carry the token as the
 * documented `access_token` parameter (in the form body for POSTs, so it stays out of URLs where it can).
 */

/** Token refused or expired (190, 102) and missing permissions (10, 200–299): the person must reconnect. */
const AUTH_CODES = new Set([10, 102, 190]);
/** App, user, Page and publishing-quota limits (4, 17, 32, 613, 9 and the 80001+ business limits). */
const RATE_LIMIT_CODES = new Set([4, 9, 17, 32, 613]);
/** A container that is still being processed (9007) succeeds on a later try; so do transient errors. */
const TRANSIENT_CODES = new Set([1, 2, 9007]);

/**
 * Graph API status codes mislead: an expired token is a 400 with code 190, a rate limit can be a 403.
 * The error code decides; unknown codes fall back to the HTTP status.
 */
export const classifyGraphError: ErrorClassifier = (_status, body) => {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : null;
  const code = typeof error?.['code'] === 'number' ? error['code'] : null;
  if (code === null) return null;
  if (AUTH_CODES.has(code) || (code >= 200 && code <= 299)) return 'auth';
  if (RATE_LIMIT_CODES.has(code) || (code >= 80001 && code <= 80014)) return 'rate_limited';
  if (TRANSIENT_CODES.has(code) || error?.['is_transient'] === true) return 'unavailable';
  return null;
};

export function graphContext(platform: string, subject: string, now: () => Date, tokenEndpoint = false): CallContext {
  return { platform, subject, now, tokenEndpoint, classify: classifyGraphError };
}

export function graphGet(
  fetch: Fetch,
  url: string,
  params: Record<string, string>,
  context: CallContext,
): Promise<Record<string, unknown>> {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return requestJson(fetch, target.toString(), { method: 'GET' }, context);
}

export function graphPost(
  fetch: Fetch,
  url: string,
  params: Record<string, string>,
  context: CallContext,
): Promise<Record<string, unknown>> {
  return requestJson(fetch, url, { method: 'POST', body: new URLSearchParams(params) }, context);
}

export interface ContainerPublish {
  platform: string;
  now: () => Date;
  /** The Graph API base with its version, e.g. https://graph.threads.net/v1.0. */
  graphApi: string;
  userId: string;
  accessToken: string;
  /** `media` (Instagram) or `threads` (Threads), and the fields describing the post. */
  containerEdge: string;
  containerFields: Record<string, string>;
  /** `media_publish` or `threads_publish`. */
  publishEdge: string;
}

/**
 * Instagram and Threads publish in two steps: create a container, then publish it. A container
 * that is never published expires by itself, so a failure before the second step is safe to retry.
 * The link comes from a third call; the post exists by then, so a failed lookup only loses the link.
 */
export async function publishThroughContainer(
  fetch: Fetch,
  request: ContainerPublish,
): Promise<{ externalId: string; url: string | null }> {
  const context = graphContext(request.platform, 'the post', request.now);
  const user = `${request.graphApi}/${encodeURIComponent(request.userId)}`;
  const token = request.accessToken;
  const container = await graphPost(
    fetch,
    `${user}/${request.containerEdge}`,
    { ...request.containerFields, access_token: token },
    context,
  );
  const published = await graphPost(
    fetch,
    `${user}/${request.publishEdge}`,
    { creation_id: requiredString(container, 'id', context), access_token: token },
    context,
  );
  const id = requiredString(published, 'id', context);
  return { externalId: id, url: await permalinkOf(fetch, request, id) };
}

async function permalinkOf(fetch: Fetch, request: ContainerPublish, id: string): Promise<string | null> {
  try {
    const media = await graphGet(
      fetch,
      `${request.graphApi}/${encodeURIComponent(id)}`,
      { fields: 'permalink', access_token: request.accessToken },
      graphContext(request.platform, 'the permalink', request.now),
    );
    return optionalString(media, 'permalink');
  } catch {
    return null;
  }
}

/**
 * Instagram and Threads hand out an hour-long token for the code; swap it for the 60-day one
 * (`ig_exchange_token` / `th_exchange_token`) before anything is stored.
 */
export async function exchangeForLongLivedToken(
  fetch: Fetch,
  request: {
    graph: string;
    grantType: string;
    clientSecret: string;
    shortLivedToken: string;
    scopes: readonly string[];
    now: () => Date;
  },
  context: CallContext,
): Promise<TokenSet> {
  const longLived = await graphGet(
    fetch,
    `${request.graph}/access_token`,
    { grant_type: request.grantType, client_secret: request.clientSecret, access_token: request.shortLivedToken },
    context,
  );
  return parseTokenResponse(longLived, context, { now: request.now, requestedScopes: request.scopes });
}

/**
 * Renews a long-lived Instagram or Threads token with itself (`ig_refresh_token` /
 * `th_refresh_token`). Works on an unexpired token at least a day old; an expired one answers
 * code 190 (auth).
 */
export async function refreshLongLivedToken(
  fetch: Fetch,
  request: { graph: string; grantType: string; tokens: TokenSet; now: () => Date },
  context: CallContext,
): Promise<TokenSet> {
  const body = await graphGet(
    fetch,
    `${request.graph}/refresh_access_token`,
    { grant_type: request.grantType, access_token: request.tokens.accessToken },
    context,
  );
  return parseTokenResponse(body, context, { now: request.now, requestedScopes: request.tokens.scopes });
}
