import type { AccountCredentials } from '../provider-adapter';
import { MastodonAdapter } from './mastodon.adapter';
import { JPEG, consent, now, postRequest, queryOf, rejectionOf, secondsFromNow } from './testing/fixtures';
import { loadRecordings, replay } from './testing/replay-fetch';

const recordings = loadRecordings('mastodon');
const credentials = {
  clientId: 'mstdn-client-id-Zx81',
  clientSecret: 'mstdn-client-secret-Lp02',
  instanceUrl: 'https://social.example.org/',
};
const SCOPES = ['profile', 'write:statuses', 'write:media'];
const ACCESS_TOKEN = 'ZA-mastodon-token-9q8w7e6r';
const codeParams = {
  code: 'mstdn-auth-code-Yh5tR2',
  codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  redirectUri: consent('mastodon').redirectUri,
};

function account(refreshToken: string | null = null): AccountCredentials {
  return {
    externalId: '109348787349833232',
    handle: '@atrium@social.example.org',
    tokens: { accessToken: ACCESS_TOKEN, refreshToken, expiresAt: null, scopes: SCOPES },
  };
}

describe('MastodonAdapter', () => {
  it('sends the person to their configured server, with space-separated scopes', () => {
    const url = new MastodonAdapter(credentials, replay(recordings).fetch, now).authorizationUrl(consent('mastodon'));

    expect(url.startsWith('https://social.example.org/oauth/authorize?')).toBe(true);
    expect(queryOf(url)).toEqual({
      response_type: 'code',
      client_id: 'mstdn-client-id-Zx81',
      redirect_uri: 'https://atrium.example/api/v1/social/callback/mastodon',
      scope: 'profile write:statuses write:media',
      state: 'state-7f3a9c',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
  });

  it('connects with a non-expiring token and publishes with the idempotency key', async () => {
    // The recording lists Idempotency-Key, so the replay fails if the header is missing or different.
    const http = replay(recordings, 'token', 'verifyCredentials', 'publish');
    const adapter = new MastodonAdapter(credentials, http.fetch, now);

    const tokens = await adapter.exchangeCode(codeParams);
    expect(tokens).toEqual({ accessToken: ACCESS_TOKEN, refreshToken: null, expiresAt: null, scopes: SCOPES });

    expect(await adapter.identities(tokens)).toEqual([
      {
        externalId: '109348787349833232',
        displayName: 'Atrium Studio',
        handle: '@atrium@social.example.org',
        avatarUrl: 'https://files.social.example.org/accounts/avatars/109/348/787/original/a1b2c3.png',
        profileUrl: 'https://social.example.org/@atrium',
        tokens,
      },
    ]);

    await expect(adapter.publish(account(), postRequest('Spring launch is live'))).resolves.toEqual({
      externalId: '112540000000000001',
      url: 'https://social.example.org/@atrium/112540000000000001',
    });
    expect(adapter.idempotentPublish).toBe(true);
    http.assertDone();
  });

  it('treats an invalid_grant on sign-in as auth', async () => {
    const http = replay(recordings, 'tokenInvalidGrant');
    const error = await rejectionOf(new MastodonAdapter(credentials, http.fetch, now).exchangeCode(codeParams));
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain('mstdn-auth-code-Yh5tR2');
    http.assertDone();
  });

  it('uses a refresh token when the server issued one', async () => {
    const http = replay(recordings, 'refresh');
    await expect(
      new MastodonAdapter(credentials, http.fetch, now).refresh(account('ZR-mastodon-refresh-1a2s')),
    ).resolves.toEqual({
      accessToken: 'ZA-mastodon-token-renewed-5t6y',
      refreshToken: 'ZR-mastodon-refresh-rotated-3d4f',
      expiresAt: secondsFromNow(604800),
      scopes: SCOPES,
    });
    http.assertDone();
  });

  it('asks for a reconnect when there is no refresh token, without calling the server', async () => {
    const http = replay(recordings);
    const error = await rejectionOf(new MastodonAdapter(credentials, http.fetch, now).refresh(account()));
    expect(error.kind).toBe('auth');
    http.assertDone();
  });

  it.each([
    ['publishInvalidToken', 'auth', null, 'Mastodon refused the post: The access token is invalid'],
    // Mastodon sends no Retry-After; X-RateLimit-Reset is an ISO date 30 minutes after NOW.
    ['publishRateLimited', 'rate_limited', 1_800_000, 'try the post again in about 30 minutes'],
    ['publishTooLong', 'rejected', null, 'Mastodon refused the post: Validation failed: Text character limit of 500'],
    ['publishBadGateway', 'unavailable', null, 'Mastodon could not handle the post right now (HTTP 502)'],
  ])('maps %s to %s', async (recording, kind, retryAfterMs, message) => {
    const http = replay(recordings, recording);
    const adapter = new MastodonAdapter(credentials, http.fetch, now);
    const error = await rejectionOf(adapter.publish(account(), postRequest('Spring launch is live')));
    expect(error).toMatchObject({ kind, retryAfterMs });
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(ACCESS_TOKEN);
    http.assertDone();
  });

  it('builds the same full handle whether or not the configured URL ends in a slash', async () => {
    const http = replay(recordings, 'verifyCredentials');
    const adapter = new MastodonAdapter({ ...credentials, instanceUrl: 'https://social.example.org' }, http.fetch, now);
    const [identity] = await adapter.identities({
      accessToken: ACCESS_TOKEN,
      refreshToken: null,
      expiresAt: null,
      scopes: SCOPES,
    });
    expect(identity.handle).toBe('@atrium@social.example.org');
    http.assertDone();
  });

  it('refuses images without calling the server', async () => {
    const http = replay(recordings);
    const adapter = new MastodonAdapter(credentials, http.fetch, now);
    expect((await rejectionOf(adapter.publish(account(), postRequest('a', [JPEG])))).kind).toBe('rejected');
    http.assertDone();
  });
});
