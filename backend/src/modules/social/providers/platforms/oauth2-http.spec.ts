import { ProviderError, type Fetch } from '../provider-adapter';
import {
  buildAuthorizationUrl,
  callApi,
  parseTokenResponse,
  postTokenRequest,
  requestJson,
  retryAfterFrom,
  type CallContext,
} from './oauth2-http';
import { NOW, now, queryOf, rejectionOf, secondsFromNow } from './testing/fixtures';
import { replayFetch } from './testing/replay-fetch';

const context: CallContext = { platform: 'Example', subject: 'the post', now };
const credentials = { clientId: 'client-42', clientSecret: 'very-secret-value' };
const consent = { state: 'st', codeChallenge: 'challenge', redirectUri: 'https://atrium.example/cb?x=1' };

/** A fetch that always answers the same way, for the error-mapping tests. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}): Fetch {
  return async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
}

describe('buildAuthorizationUrl', () => {
  it('carries PKCE, state and the exact redirect URI, with %20 between space-separated scopes', () => {
    const url = buildAuthorizationUrl(
      { url: 'https://auth.example/authorize', clientId: 'client-42', scopes: ['a', 'b:c'], scopeSeparator: ' ' },
      consent,
    );
    expect(url).toContain('scope=a%20b%3Ac');
    expect(url).not.toContain('+');
    expect(queryOf(url)).toEqual({
      response_type: 'code',
      client_id: 'client-42',
      redirect_uri: 'https://atrium.example/cb?x=1',
      scope: 'a b:c',
      state: 'st',
      code_challenge: 'challenge',
      code_challenge_method: 'S256',
    });
  });

  it('joins scopes with commas where the platform wants them', () => {
    const url = buildAuthorizationUrl(
      { url: 'https://auth.example/authorize', clientId: 'c', scopes: ['a', 'b'], scopeSeparator: ',' },
      consent,
    );
    expect(queryOf(url)['scope']).toBe('a,b');
  });
});

describe('postTokenRequest', () => {
  const tokenAnswer = { status: 200, body: { access_token: 'tok-123456' } };

  it('authenticates the client with HTTP Basic and keeps the secret out of the form', async () => {
    const http = replayFetch([
      {
        request: {
          method: 'POST',
          url: 'https://auth.example/token',
          headers: { Authorization: 'Basic Y2xpZW50LTQyOnZlcnktc2VjcmV0LXZhbHVl' },
          body: { grant_type: 'authorization_code', code: 'abc' },
        },
        response: tokenAnswer,
      },
    ]);
    const request = { url: 'https://auth.example/token', credentials, clientAuth: 'basic' as const };
    await postTokenRequest(
      http.fetch,
      { ...request, params: { grant_type: 'authorization_code', code: 'abc' } },
      context,
    );
    http.assertDone();
  });

  it('puts client_id and client_secret in the form when the platform wants them there', async () => {
    const http = replayFetch([
      {
        request: {
          method: 'POST',
          url: 'https://auth.example/token',
          body: {
            grant_type: 'refresh_token',
            refresh_token: 'r',
            client_id: 'client-42',
            client_secret: 'very-secret-value',
          },
        },
        response: tokenAnswer,
      },
    ]);
    const request = { url: 'https://auth.example/token', credentials, clientAuth: 'body' as const };
    await postTokenRequest(
      http.fetch,
      { ...request, params: { grant_type: 'refresh_token', refresh_token: 'r' } },
      context,
    );
    http.assertDone();
  });
});

describe('parseTokenResponse', () => {
  const options = { now, requestedScopes: ['asked'] };

  it('turns expires_in into a moment relative to the injected clock', () => {
    const tokens = parseTokenResponse(
      { access_token: 'a', refresh_token: 'r', expires_in: 3600, scope: 'one two' },
      context,
      options,
    );
    expect(tokens).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: secondsFromNow(3600),
      scopes: ['one', 'two'],
    });
  });

  it.each([
    ['one,two', ['one', 'two']],
    [
      ['one', 'two'],
      ['one', 'two'],
    ],
    [undefined, ['asked']],
  ])('reads scope %j', (scope, scopes) => {
    expect(parseTokenResponse({ access_token: 'a', scope }, context, options).scopes).toEqual(scopes);
  });

  it('gives no end when expires_in is missing, and reads it when it is a string', () => {
    expect(parseTokenResponse({ access_token: 'a' }, context, options).expiresAt).toBeNull();
    expect(parseTokenResponse({ access_token: 'a', expires_in: '60' }, context, options).expiresAt).toEqual(
      secondsFromNow(60),
    );
  });

  it('keeps the previous refresh token only when the answer carries none', () => {
    const keep = { ...options, previousRefreshToken: 'old' };
    expect(parseTokenResponse({ access_token: 'a' }, context, keep).refreshToken).toBe('old');
    expect(parseTokenResponse({ access_token: 'a', refresh_token: 'new' }, context, keep).refreshToken).toBe('new');
  });

  it('refuses an answer without an access token', () => {
    expect(() => parseTokenResponse({ token_type: 'bearer' }, context, options)).toThrow(ProviderError);
  });
});

describe('retryAfterFrom', () => {
  it.each([
    [{ 'retry-after': '120' }, 120_000],
    [{ 'retry-after': new Date(NOW.getTime() + 30_000).toUTCString() }, 30_000],
    [{ 'x-rate-limit-reset': String(NOW.getTime() / 1000 + 900) }, 900_000],
    [{ 'x-ratelimit-reset': '2024-06-01T12:05:00.000Z' }, 300_000],
    [{ 'x-ratelimit-reset': '2024-06-01T11:00:00.000Z' }, 0],
    [{}, null],
  ])('reads %j', (headers, expected) => {
    expect(retryAfterFrom(new Headers(headers), now)).toBe(expected);
  });
});

describe('callApi error mapping', () => {
  it.each([
    [401, { message: 'Invalid access token' }, {}, 'auth'],
    [403, { message: 'Not enough permissions' }, {}, 'auth'],
    [400, { error: 'invalid_grant', error_description: 'Expired' }, {}, 'auth'],
    [400, { error: 'invalid_token' }, {}, 'auth'],
    [400, {}, { 'www-authenticate': 'Bearer error="invalid_token"' }, 'auth'],
    [429, { message: 'Slow down' }, { 'retry-after': '5' }, 'rate_limited'],
    [500, { message: 'Oops' }, {}, 'unavailable'],
    [503, '<html>down</html>', {}, 'unavailable'],
    [400, { message: 'Text too long' }, {}, 'rejected'],
    [422, { error: 'Validation failed' }, {}, 'rejected'],
  ])('maps %i %j to %s', async (status, body, headers, kind) => {
    const error = await rejectionOf(callApi(answering(status, body, headers), 'https://api.example/x', {}, context));
    expect(error.kind).toBe(kind);
    expect(error.retryAfterMs).toBe(kind === 'rate_limited' ? 5000 : null);
  });

  it('writes messages a person can read', async () => {
    const fetch = answering(422, { message: 'Content is a duplicate of urn:li:share:1.' });
    const error = await rejectionOf(callApi(fetch, 'https://api.example/x', {}, context));
    expect(error.message).toBe('Example refused the post: Content is a duplicate of urn:li:share:1.');
  });

  it('treats a refused grant at a token endpoint as auth, whatever the error code', async () => {
    const fetch = answering(400, { error: 'invalid_request', error_description: 'bad token' });
    const error = await rejectionOf(
      callApi(fetch, 'https://api.example/token', {}, { ...context, tokenEndpoint: true }),
    );
    expect(error.kind).toBe('auth');
  });

  it('lets a platform classifier overrule the status code', async () => {
    const fetch = answering(403, { detail: 'duplicate' });
    const classify = () => 'rejected' as const;
    expect((await rejectionOf(callApi(fetch, 'https://api.example/x', {}, { ...context, classify }))).kind).toBe(
      'rejected',
    );
  });

  it('blanks out every credential the request carried, even when the platform echoes it', async () => {
    const echo = 'Bad token bearer-token-1 refresh-token-2 query-token-3 very-secret-value';
    const fetch = answering(400, { message: echo });
    const init = {
      method: 'POST',
      headers: { Authorization: 'Bearer bearer-token-1' },
      body: new URLSearchParams({ refresh_token: 'refresh-token-2', client_secret: 'very-secret-value' }),
    };
    const error = await rejectionOf(callApi(fetch, 'https://api.example/x?access_token=query-token-3', init, context));
    expect(error.message).toBe('Example refused the post: Bad token [redacted] [redacted] [redacted] [redacted].');
  });

  it('blanks out the signed URL of a post image the platform could not fetch', async () => {
    const signed = 'https://atrium.example/api/v1/files/eyJhIjoiYiJ9.c2lnbmF0dXJl';
    const fetch = answering(400, { message: `Could not fetch ${signed}` });
    const init = { method: 'POST', body: new URLSearchParams({ image_url: signed, caption: 'Hello' }) };
    const error = await rejectionOf(callApi(fetch, 'https://api.example/media', init, context));
    expect(error.message).toBe('Example refused the post: Could not fetch [redacted].');
  });

  it('blanks out the client secret sent in an HTTP Basic header', async () => {
    const fetch = answering(401, { error_description: 'client very-secret-value unknown' });
    const init = { headers: { Authorization: 'Basic Y2xpZW50LTQyOnZlcnktc2VjcmV0LXZhbHVl' } };
    const error = await rejectionOf(callApi(fetch, 'https://api.example/token', init, context));
    expect(error.message).not.toContain('very-secret-value');
  });

  it('reports a network failure as unavailable without its cause', async () => {
    const fetch: Fetch = () => Promise.reject(new TypeError('fetch failed: connect ECONNREFUSED'));
    const error = await rejectionOf(callApi(fetch, 'https://api.example/x?access_token=t0ken-secret', {}, context));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe('Example could not be reached for the post; try again later.');
  });

  it('lets a programming error through instead of calling it an outage', async () => {
    const fetch: Fetch = () => Promise.reject(new RangeError('bug'));
    await expect(callApi(fetch, 'https://api.example/x', {}, context)).rejects.toThrow(RangeError);
  });

  it('reports a 2xx answer that is not JSON as unavailable', async () => {
    const error = await rejectionOf(requestJson(answering(200, 'not json'), 'https://api.example/x', {}, context));
    expect(error.kind).toBe('unavailable');
  });
});
