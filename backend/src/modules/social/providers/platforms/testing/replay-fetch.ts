import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fetch } from '../../provider-adapter';

/**
 * A Fetch that replays recorded HTTP exchanges in order, for adapter tests that cannot reach the
 * platforms. Each call must match the next recording (method, full URL, listed headers, body), or
 * the test fails. In recordings, the string "<any>" matches any non-empty value (a PKCE verifier).
 *
 * Adapters turn a thrown fetch into ProviderError('unavailable'), which a test may even expect, so a
 * mismatch is also kept here and `assertDone()` reports it: every test must end with assertDone().
 */

export const ANY = '<any>';

export interface RecordedRequest {
  method: string;
  url: string;
  /** Each must be present with this value; other headers are not checked. */
  headers?: Record<string, string>;
  /** An object is compared field by field with the parsed form or JSON body; absent means no body. */
  body?: unknown;
}

export type RecordedResponse =
  | { status: number; headers?: Record<string, string>; body: unknown }
  /** The connection failed (DNS, reset, timeout): fetch rejects. */
  | { networkError: true };

export interface RecordedExchange {
  request: RecordedRequest;
  response: RecordedResponse;
}

export interface ReplayFetch {
  fetch: Fetch;
  /** Fails when a request did not match, or recorded exchanges were never requested. */
  assertDone(): void;
}

export function replayFetch(exchanges: readonly RecordedExchange[]): ReplayFetch {
  const pending = [...exchanges];
  const failures: string[] = [];

  const fetch: Fetch = async (url, init = {}) => {
    const expected = pending.shift();
    const actual = `${init.method ?? 'GET'} ${url}`;
    const problem = expected ? await mismatch(expected.request, url, init) : `unexpected request ${actual}`;
    if (problem) {
      failures.push(problem);
      throw new Error(`replay-fetch: ${problem}`);
    }
    const response = (expected as RecordedExchange).response;
    if ('networkError' in response) throw new TypeError('fetch failed');
    return toResponse(response);
  };

  return {
    fetch,
    assertDone() {
      if (failures.length > 0) throw new Error(`replay-fetch: ${failures.join('\n')}`);
      if (pending.length > 0) {
        const names = pending.map(({ request }) => `${request.method} ${request.url}`);
        throw new Error(`replay-fetch: never requested:\n${names.join('\n')}`);
      }
    },
  };
}

/** Recordings kept in __recordings__/<platform>.json as named exchanges. */
export function loadRecordings(platform: string): Record<string, RecordedExchange> {
  const file = join(__dirname, '..', '__recordings__', `${platform}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, RecordedExchange>;
}

/** Replays the named recordings of one platform in the given order. */
export function replay(recordings: Record<string, RecordedExchange>, ...names: string[]): ReplayFetch {
  return replayFetch(
    names.map((name) => {
      const exchange = recordings[name];
      if (!exchange) throw new Error(`replay-fetch: no recording named "${name}"`);
      return exchange;
    }),
  );
}

async function mismatch(expected: RecordedRequest, url: string, init: RequestInit): Promise<string | null> {
  const where = `${expected.method} ${expected.url}`;
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== expected.method.toUpperCase()) return `${where}: method was ${method}`;

  const urlProblem = compareUrls(expected.url, url);
  if (urlProblem) return `${where}: ${urlProblem}`;

  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const problem = compare(value, headers.get(name) ?? undefined, `header ${name}`);
    if (problem) return `${where}: ${problem}`;
  }

  const body = await readBody(init.body, headers);
  if (expected.body === undefined) return body === undefined ? null : `${where}: expected no body`;
  const problem = compare(expected.body, body, 'body');
  return problem ? `${where}: ${problem}` : null;
}

function compareUrls(expected: string, actual: string): string | null {
  const want = new URL(expected);
  const got = new URL(actual);
  if (want.origin + want.pathname !== got.origin + got.pathname) return `URL was ${got.origin}${got.pathname}`;
  const query = (url: URL) => Object.fromEntries(url.searchParams);
  if ([...got.searchParams].length !== [...want.searchParams].length) return 'query had repeated or extra parameters';
  return compare(query(want), query(got), 'query');
}

/** Forms and JSON are compared as parsed values, so field order and encoding do not matter. */
async function readBody(body: RequestInit['body'], headers: Headers): Promise<unknown> {
  if (body === undefined || body === null) return undefined;
  if (body instanceof URLSearchParams) return Object.fromEntries(body);
  if (typeof body !== 'string') return new Response(body).text();
  if ((headers.get('content-type') ?? '').includes('application/json')) return JSON.parse(body) as unknown;
  if ((headers.get('content-type') ?? '').includes('form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(body));
  return body;
}

/** Deep comparison with "<any>"; objects must have exactly the recorded keys. Returns the first difference. */
function compare(expected: unknown, actual: unknown, path: string): string | null {
  if (expected === ANY) {
    return actual === undefined || actual === null || actual === '' ? `${path} was empty, expected a value` : null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${path} was ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const problem = compare(expected[i], actual[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      return `${path} was ${JSON.stringify(actual)}`;
    }
    const want = expected as Record<string, unknown>;
    const got = actual as Record<string, unknown>;
    const extra = Object.keys(got).filter((key) => !(key in want));
    if (extra.length > 0) return `${path} had unexpected ${extra.join(', ')}`;
    for (const key of Object.keys(want)) {
      const problem = compare(want[key], got[key], `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  }
  return Object.is(expected, actual)
    ? null
    : `${path} was ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

function toResponse(recorded: { status: number; headers?: Record<string, string>; body: unknown }): Response {
  const headers = new Headers(recorded.headers);
  let body: string | null = null;
  if (typeof recorded.body === 'string') {
    body = recorded.body;
  } else if (recorded.body !== null && recorded.body !== undefined) {
    body = JSON.stringify(recorded.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json; charset=utf-8');
  }
  return new Response(body, { status: recorded.status, headers });
}
