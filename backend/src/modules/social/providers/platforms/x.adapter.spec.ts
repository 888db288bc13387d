import type { AccountCredentials } from '../provider-adapter';
import { JPEG, consent, now, postRequest, queryOf, rejectionOf, secondsFromNow } from './testing/fixtures';
import { loadRecordings, replay } from './testing/replay-fetch';
import { XAdapter } from './x.adapter';

const recordings = loadRecordings('x');
const credentials = { clientId: 'cFVsX2NsaWVudC1pZA', clientSecret: 'x-client-secret-Qq7LmN3r' };
const ACCESS_TOKEN = 'bWtQ-x-access-token-1a2b3c4d';
const REFRESH_TOKEN = 'Uk1T-x-refresh-token-9z8y7x6w';
const SCOPES = ['tweet.write', 'users.read', 'tweet.read', 'offline.access'];

function account(handle: string | null = '@atriumstudio'): AccountCredentials {
  return {
    externalId: '1498765432109876543',
    handle,
    tokens: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN, expiresAt: null, scopes: SCOPES },
  };
}

describe('XAdapter', () => {
  it('sends the person to X consent with PKCE and offline.access', () => {
    const url = new XAdapter(credentials, replay(recordings).fetch, now).authorizationUrl(consent('x'));

    expect(url.startsWith('https://x.com/i/oauth2/authorize?')).toBe(true);
    expect(queryOf(url)).toEqual({
      response_type: 'code',
      client_id: 'cFVsX2NsaWVudC1pZA',
      redirect_uri: 'https://atrium.example/api/v1/social/callback/x',
      scope: 'tweet.read tweet.write users.read offline.access',
      state: 'state-7f3a9c',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
  });

  it('connects with HTTP Basic client auth, reads the profile and links the post under the handle', async () => {
    const http = replay(recordings, 'token', 'me', 'publish');
    const adapter = new XAdapter(credentials, http.fetch, now);

    const tokens = await adapter.exchangeCode({
      code: 'VGNibzFWSWREZm01bjN1N3dicWlNUG1oa2xRRVNNdmVHelJGY2hPWGxNd2dxOjE2MjIxNjA4MjU4MjU6MToxOmFjOjE',
      codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      redirectUri: consent('x').redirectUri,
    });
    expect(tokens).toEqual({
      accessToken: ACCESS_TOKEN,
      refreshToken: REFRESH_TOKEN,
      expiresAt: secondsFromNow(7200),
      scopes: SCOPES,
    });

    expect(await adapter.identities(tokens)).toEqual([
      {
        externalId: '1498765432109876543',
        displayName: 'Atrium Studio',
        handle: '@atriumstudio',
        avatarUrl: 'https://pbs.twimg.com/profile_images/1498765432/logo_normal.jpg',
        profileUrl: 'https://x.com/atriumstudio',
        tokens,
      },
    ]);

    await expect(adapter.publish(account(), postRequest('Spring launch is live'))).resolves.toEqual({
      externalId: '1797000000000000001',
      url: 'https://x.com/atriumstudio/status/1797000000000000001',
    });
    http.assertDone();
  });

  it('stores the rotated refresh token, never the used one', async () => {
    const http = replay(recordings, 'refresh');
    await expect(new XAdapter(credentials, http.fetch, now).refresh(account())).resolves.toEqual({
      accessToken: 'bWtQ-x-access-token-rotated-5e6f',
      refreshToken: 'Uk1T-x-refresh-token-rotated-4v3u',
      expiresAt: secondsFromNow(7200),
      scopes: SCOPES,
    });
    http.assertDone();
  });

  it('treats a refused refresh token as auth, even though X calls it invalid_request', async () => {
    const http = replay(recordings, 'refreshInvalid');
    const error = await rejectionOf(new XAdapter(credentials, http.fetch, now).refresh(account()));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(
      'X refused the token refresh: Value passed for the token was invalid. The account needs to be connected again.',
    );
    http.assertDone();
  });

  it.each([
    ['publishUnauthorized', 'auth', null, 'X refused the post: Unauthorized'],
    ['publishRateLimited', 'rate_limited', 900_000, 'try the post again in about 15 minutes'],
    // A 403 that is about the content must not send the person off to reconnect.
    ['publishDuplicate', 'rejected', null, 'X refused the post: You are not allowed to create a Tweet with duplicate'],
    ['publishTooLong', 'rejected', null, 'X refused the post: Your Tweet text is too long'],
    ['publishServiceUnavailable', 'unavailable', null, 'X could not handle the post right now'],
  ])('maps %s to %s', async (recording, kind, retryAfterMs, message) => {
    const http = replay(recordings, recording);
    const error = await rejectionOf(new XAdapter(credentials, http.fetch, now).publish(account(), postRequest('Hi')));
    expect(error).toMatchObject({ kind, retryAfterMs });
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(ACCESS_TOKEN);
    http.assertDone();
  });

  it('links through x.com/i/web when the handle is unknown', async () => {
    const http = replay(recordings, 'publish');
    const result = await new XAdapter(credentials, http.fetch, now).publish(
      account(null),
      postRequest('Spring launch is live'),
    );
    expect(result.url).toBe('https://x.com/i/web/status/1797000000000000001');
    http.assertDone();
  });

  it('refuses images without calling X', async () => {
    const http = replay(recordings);
    const error = await rejectionOf(
      new XAdapter(credentials, http.fetch, now).publish(account(), postRequest('a', [JPEG])),
    );
    expect(error.kind).toBe('rejected');
    http.assertDone();
  });
});
