import type { AccountCredentials } from '../provider-adapter';
import { LinkedInAdapter, escapeLittleText } from './linkedin.adapter';
import { JPEG, consent, now, postRequest, queryOf, rejectionOf, secondsFromNow } from './testing/fixtures';
import { loadRecordings, replay } from './testing/replay-fetch';

const recordings = loadRecordings('linkedin');
const credentials = { clientId: '86li7client', clientSecret: 'WPL_AP1.linkedin-client-secret' };
const ACCESS_TOKEN = 'AQV-linkedin-access-token-8f2d1c';

function account(refreshToken: string | null = null): AccountCredentials {
  return {
    externalId: '782bbtaQ',
    handle: null,
    tokens: {
      accessToken: ACCESS_TOKEN,
      refreshToken,
      expiresAt: null,
      scopes: ['openid', 'profile', 'w_member_social'],
    },
  };
}

describe('LinkedInAdapter', () => {
  it('sends the person to LinkedIn consent with PKCE and space-separated scopes', () => {
    const adapter = new LinkedInAdapter(credentials, replay(recordings).fetch, now);
    const url = adapter.authorizationUrl(consent('linkedin'));

    expect(url.startsWith('https://www.linkedin.com/oauth/v2/authorization?')).toBe(true);
    expect(url).toContain('scope=openid%20profile%20w_member_social');
    expect(queryOf(url)).toEqual({
      response_type: 'code',
      client_id: '86li7client',
      redirect_uri: 'https://atrium.example/api/v1/social/callback/linkedin',
      scope: 'openid profile w_member_social',
      state: 'state-7f3a9c',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
  });

  it('connects a member and publishes as them, escaping little-text characters', async () => {
    const http = replay(recordings, 'token', 'userinfo', 'publish');
    const adapter = new LinkedInAdapter(credentials, http.fetch, now);

    const tokens = await adapter.exchangeCode({
      code: 'AQTzT9bq0linkedin-code',
      codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      redirectUri: consent('linkedin').redirectUri,
    });
    expect(tokens).toEqual({
      accessToken: ACCESS_TOKEN,
      refreshToken: null,
      expiresAt: secondsFromNow(5183999),
      scopes: ['openid', 'profile', 'w_member_social'],
    });

    const identities = await adapter.identities(tokens);
    expect(identities).toEqual([
      {
        externalId: '782bbtaQ',
        displayName: 'Ada Lovelace',
        handle: null,
        avatarUrl: 'https://media.licdn.com/dms/image/D4E03AQ/profile-displayphoto-shrink_100_100/0/1700000000000',
        profileUrl: null,
        tokens,
      },
    ]);

    const result = await adapter.publish(account(), postRequest('Spring launch (finally) #atrium'));
    expect(result).toEqual({
      externalId: 'urn:li:share:7199001234567890123',
      url: 'https://www.linkedin.com/feed/update/urn:li:share:7199001234567890123',
    });
    http.assertDone();
  });

  it('refuses an expired sign-in code as auth', async () => {
    const http = replay(recordings, 'tokenCodeExpired');
    const adapter = new LinkedInAdapter(credentials, http.fetch, now);
    const params = { code: 'AQTzT9bq0linkedin-code', codeVerifier: 'v', redirectUri: consent('linkedin').redirectUri };

    const error = await rejectionOf(adapter.exchangeCode(params));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/^LinkedIn refused the sign-in: Unable to retrieve access token/);
    http.assertDone();
  });

  it('refreshes with the refresh token and keeps it when LinkedIn does not rotate it', async () => {
    const http = replay(recordings, 'refresh');
    const adapter = new LinkedInAdapter(credentials, http.fetch, now);

    await expect(adapter.refresh(account('AQW-linkedin-refresh-token-51e0aa'))).resolves.toEqual({
      accessToken: 'AQV-linkedin-access-token-renewed-77c0',
      refreshToken: 'AQW-linkedin-refresh-token-51e0aa',
      expiresAt: secondsFromNow(5183999),
      scopes: ['openid', 'profile', 'w_member_social'],
    });
    http.assertDone();
  });

  it('asks for a reconnect when there is no refresh token, without calling LinkedIn', async () => {
    const http = replay(recordings);
    const error = await rejectionOf(new LinkedInAdapter(credentials, http.fetch, now).refresh(account()));
    expect(error.kind).toBe('auth');
    http.assertDone();
  });

  it('treats a revoked refresh token (invalid_grant) as auth', async () => {
    const http = replay(recordings, 'refreshRevoked');
    const adapter = new LinkedInAdapter(credentials, http.fetch, now);
    const error = await rejectionOf(adapter.refresh(account('AQW-linkedin-refresh-token-51e0aa')));
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain('AQW-linkedin-refresh-token-51e0aa');
    http.assertDone();
  });

  it.each([
    ['publishRevoked', 'auth', null, 'LinkedIn refused the post: The token used in the request has been revoked'],
    ['publishThrottled', 'rate_limited', 3_600_000, 'LinkedIn is limiting requests'],
    ['publishDuplicate', 'rejected', null, 'LinkedIn refused the post: Content is a duplicate'],
    ['publishUnavailable', 'unavailable', null, 'LinkedIn could not handle the post right now (HTTP 503)'],
    ['publishNetworkError', 'unavailable', null, 'LinkedIn could not be reached for the post'],
  ])('maps %s to %s', async (recording, kind, retryAfterMs, message) => {
    const http = replay(recordings, recording);
    const adapter = new LinkedInAdapter(credentials, http.fetch, now);

    const error = await rejectionOf(adapter.publish(account(), postRequest('Hello')));
    expect(error).toMatchObject({ kind, retryAfterMs });
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(ACCESS_TOKEN);
    http.assertDone();
  });

  it('refuses images honestly instead of posting the text without them', async () => {
    const http = replay(recordings);
    const adapter = new LinkedInAdapter(credentials, http.fetch, now);
    const error = await rejectionOf(adapter.publish(account(), postRequest('With a picture', [JPEG])));
    expect(error.kind).toBe('rejected');
    http.assertDone();
  });

  it('escapes every little-text reserved character, the backslash included', () => {
    expect(escapeLittleText('a\\b (c) [d] {e} <f> @g #h *i _j ~k |l')).toBe(
      'a\\\\b \\(c\\) \\[d\\] \\{e\\} \\<f\\> \\@g \\#h \\*i \\_j \\~k \\|l',
    );
  });
});
