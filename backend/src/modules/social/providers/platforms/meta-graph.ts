import type { Fetch } from '../provider-adapter';
import { isRecord, requestJson, type CallContext, type ErrorClassifier } from './oauth2-http';

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
