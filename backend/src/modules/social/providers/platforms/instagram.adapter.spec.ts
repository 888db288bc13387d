import type { AccountCredentials } from '../provider-adapter';
import { InstagramAdapter } from './instagram.adapter';
import { JPEG, consent, now, postRequest, queryOf, rejectionOf, secondsFromNow } from './testing/fixtures';
import { loadRecordings, replay } from './testing/replay-fetch';

const recordings = loadRecordings('instagram');
const credentials = { clientId: '990011223344556', clientSecret: 'ig-app-secret-5a6b7c8d' };
const SCOPES = ['instagram_business_basic', 'instagram_business_content_publish'];
const ACCESS_TOKEN = 'IGAAlong-ig-token-bbbb2222';
const codeParams = {
  code: 'AQBig-auth-code-77aa',
  codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  redirectUri: consent('instagram').redirectUri,
};

const account: AccountCredentials = {
  externalId: '17841400000000001',
  handle: '@atrium.bakery',
  tokens: { accessToken: ACCESS_TOKEN, refreshToken: null, expiresAt: secondsFromNow(86400), scopes: SCOPES },
};

describe('InstagramAdapter', () => {
  it('sends the person to Instagram business login with comma-separated scopes', () => {
    const url = new InstagramAdapter(credentials, replay(recordings).fetch, now).authorizationUrl(consent('instagram'));

    expect(url.startsWith('https://www.instagram.com/oauth/authorize?')).toBe(true);
    expect(queryOf(url)).toEqual({
      response_type: 'code',
      client_id: '990011223344556',
      redirect_uri: 'https://atrium.example/api/v1/social/callback/instagram',
      scope: 'instagram_business_basic,instagram_business_content_publish',
      state: 'state-7f3a9c',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
  });

  it('connects with a 60-day token, reads the professional account and publishes an image with its permalink', async () => {
    const http = replay(recordings, 'token', 'longLived', 'me', 'container', 'mediaPublish', 'permalink');
    const adapter = new InstagramAdapter(credentials, http.fetch, now);

    const tokens = await adapter.exchangeCode(codeParams);
    expect(tokens).toEqual({
      accessToken: ACCESS_TOKEN,
      refreshToken: null,
      expiresAt: secondsFromNow(5183944),
      scopes: SCOPES,
    });

    expect(await adapter.identities(tokens)).toEqual([
      {
        externalId: '17841400000000001',
        displayName: 'Atrium Bakery',
        handle: '@atrium.bakery',
        avatarUrl: 'https://scontent.cdninstagram.com/v/t51.2885-19/4479_n.jpg',
        profileUrl: 'https://www.instagram.com/atrium.bakery/',
        tokens,
      },
    ]);

    await expect(adapter.publish(account, postRequest('Fresh pretzels from 7am', [JPEG]))).resolves.toEqual({
      externalId: '17920238422030506',
      url: 'https://www.instagram.com/p/C7xYzAbCdEf/',
    });
    http.assertDone();
  });

  it('reads granted permissions from the older flat token answer too', async () => {
    const http = replay(recordings, 'tokenFlat', 'longLived');
    const tokens = await new InstagramAdapter(credentials, http.fetch, now).exchangeCode(codeParams);
    expect(tokens.scopes).toEqual(['instagram_business_basic']);
    http.assertDone();
  });

  it('treats an invalid sign-in code as auth', async () => {
    const http = replay(recordings, 'tokenInvalidCode');
    const error = await rejectionOf(new InstagramAdapter(credentials, http.fetch, now).exchangeCode(codeParams));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('Instagram refused the sign-in: Invalid authorization code');
    http.assertDone();
  });

  it('still reports the post as published when only the permalink lookup fails', async () => {
    const http = replay(recordings, 'container', 'mediaPublish', 'permalinkUnavailable');
    const result = await new InstagramAdapter(credentials, http.fetch, now).publish(
      account,
      postRequest('Fresh pretzels from 7am', [JPEG]),
    );
    expect(result).toEqual({ externalId: '17920238422030506', url: null });
    http.assertDone();
  });

  it('renews the long-lived token itself', async () => {
    const http = replay(recordings, 'refresh');
    await expect(new InstagramAdapter(credentials, http.fetch, now).refresh(account)).resolves.toEqual({
      accessToken: 'IGAAlong-ig-token-renewed-cccc3333',
      refreshToken: null,
      expiresAt: secondsFromNow(5183944),
      scopes: SCOPES,
    });
    http.assertDone();
  });

  it('asks for a reconnect when the token expired before it was renewed', async () => {
    const http = replay(recordings, 'refreshExpired');
    const error = await rejectionOf(new InstagramAdapter(credentials, http.fetch, now).refresh(account));
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain(ACCESS_TOKEN);
    http.assertDone();
  });

  it.each([
    [['containerTokenExpired'], 'auth', 'Instagram refused the post: Error validating access token'],
    [['containerPublishingLimit'], 'rate_limited', 'The maximum number of posts that were allowed to be published'],
    [['containerImageUnfetchable'], 'rejected', 'Instagram refused the post: The media could not be fetched'],
    // Publishing an unprocessed container fails; a later retry makes a fresh container, so it is safe.
    [['container', 'mediaPublishNotReady'], 'unavailable', 'The media is not ready for publishing'],
  ])('maps %j to %s', async (names, kind, message) => {
    const http = replay(recordings, ...names);
    const adapter = new InstagramAdapter(credentials, http.fetch, now);
    const error = await rejectionOf(adapter.publish(account, postRequest('Fresh pretzels from 7am', [JPEG])));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(ACCESS_TOKEN);
    http.assertDone();
  });

  it('rejects a post without an image before any request', async () => {
    const http = replay(recordings);
    const error = await rejectionOf(
      new InstagramAdapter(credentials, http.fetch, now).publish(account, postRequest('Hi')),
    );
    expect(error.kind).toBe('rejected');
    expect(error.message).toMatch(/^Instagram posts need an image/);
    http.assertDone();
  });

  it.each([
    [[JPEG, JPEG], /several images/],
    [[{ url: 'https://media.atrium.example/a.png', mimeType: 'image/png' }], /JPEG images only/],
  ])('rejects what the publishing API cannot take, before any request', async (media, message) => {
    const http = replay(recordings);
    const adapter = new InstagramAdapter(credentials, http.fetch, now);
    const error = await rejectionOf(adapter.publish(account, postRequest('Hi', media)));
    expect(error.kind).toBe('rejected');
    expect(error.message).toMatch(message);
    http.assertDone();
  });
});
