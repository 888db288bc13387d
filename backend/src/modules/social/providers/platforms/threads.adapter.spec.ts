import type { AccountCredentials } from '../provider-adapter';
import { JPEG, consent, now, postRequest, queryOf, rejectionOf, secondsFromNow } from './testing/fixtures';
import { loadRecordings, replay } from './testing/replay-fetch';
import { ThreadsAdapter } from './threads.adapter';

const recordings = loadRecordings('threads');
const credentials = { clientId: '1357924680135792', clientSecret: 'th-app-secret-9e8d7c6b' };
const SCOPES = ['threads_basic', 'threads_content_publish'];
const ACCESS_TOKEN = 'THAAlong-threads-token-2222';
const codeParams = {
  code: 'AQCth-auth-code-3c4d',
  codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  redirectUri: consent('threads').redirectUri,
};

const account: AccountCredentials = {
  externalId: '26123456789012345',
  handle: '@atrium.bakery',
  tokens: { accessToken: ACCESS_TOKEN, refreshToken: null, expiresAt: secondsFromNow(86400), scopes: SCOPES },
};

describe('ThreadsAdapter', () => {
  it('sends the person to Threads consent with comma-separated scopes', () => {
    const url = new ThreadsAdapter(credentials, replay(recordings).fetch, now).authorizationUrl(consent('threads'));

    expect(url.startsWith('https://threads.net/oauth/authorize?')).toBe(true);
    expect(queryOf(url)).toEqual({
      response_type: 'code',
      client_id: '1357924680135792',
      redirect_uri: 'https://atrium.example/api/v1/social/callback/threads',
      scope: 'threads_basic,threads_content_publish',
      state: 'state-7f3a9c',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
  });

  it('connects with a 60-day token and publishes text through a container', async () => {
    const http = replay(recordings, 'token', 'longLived', 'me', 'container', 'threadsPublish', 'permalink');
    const adapter = new ThreadsAdapter(credentials, http.fetch, now);

    const tokens = await adapter.exchangeCode(codeParams);
    expect(tokens).toEqual({
      accessToken: ACCESS_TOKEN,
      refreshToken: null,
      expiresAt: secondsFromNow(5183944),
      scopes: SCOPES,
    });

    expect(await adapter.identities(tokens)).toEqual([
      {
        externalId: '26123456789012345',
        displayName: 'Atrium Bakery',
        handle: '@atrium.bakery',
        avatarUrl: 'https://scontent-threads.cdninstagram.com/v/t51.2885-19/9981_n.jpg',
        profileUrl: 'https://www.threads.net/@atrium.bakery',
        tokens,
      },
    ]);

    await expect(adapter.publish(account, postRequest('Fresh pretzels from 7am'))).resolves.toEqual({
      externalId: '18012345678901234',
      url: 'https://www.threads.net/@atrium.bakery/post/C8AbCdEfGhI',
    });
    http.assertDone();
  });

  it('treats a refused sign-in code as auth', async () => {
    const http = replay(recordings, 'tokenBadCode');
    const error = await rejectionOf(new ThreadsAdapter(credentials, http.fetch, now).exchangeCode(codeParams));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('Threads refused the sign-in: Invalid verification code format');
    expect(error.message).not.toContain('th-app-secret-9e8d7c6b');
    http.assertDone();
  });

  it('renews the long-lived token itself', async () => {
    const http = replay(recordings, 'refresh');
    await expect(new ThreadsAdapter(credentials, http.fetch, now).refresh(account)).resolves.toEqual({
      accessToken: 'THAAlong-threads-token-renewed-3333',
      refreshToken: null,
      expiresAt: secondsFromNow(5183944),
      scopes: SCOPES,
    });
    http.assertDone();
  });

  it.each([
    ['containerTokenExpired', 'auth', null, 'Threads refused the post: Error validating access token'],
    ['containerTooManyRequests', 'rate_limited', 300_000, 'try the post again in about 5 minutes'],
    ['containerTextTooLong', 'rejected', null, 'Threads refused the post: The post text can be at most 500'],
    ['containerServerError', 'unavailable', null, 'Threads could not handle the post right now'],
  ])('maps %s to %s', async (recording, kind, retryAfterMs, message) => {
    const http = replay(recordings, recording);
    const adapter = new ThreadsAdapter(credentials, http.fetch, now);
    const error = await rejectionOf(adapter.publish(account, postRequest('Fresh pretzels from 7am')));
    expect(error).toMatchObject({ kind, retryAfterMs });
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(ACCESS_TOKEN);
    http.assertDone();
  });

  it('publishes text with one image through an IMAGE container Threads fetches itself', async () => {
    const http = replay(recordings, 'containerImage', 'threadsPublishImage', 'permalinkImage');
    const adapter = new ThreadsAdapter(credentials, http.fetch, now);
    await expect(adapter.publish(account, postRequest('Fresh pretzels from 7am', [JPEG]))).resolves.toEqual({
      externalId: '18012345678901235',
      url: 'https://www.threads.net/@atrium.bakery/post/C8AbCdEfGhJ',
    });
    http.assertDone();
  });

  it('refuses several images, and files other than JPEG or PNG, without calling Threads', async () => {
    const http = replay(recordings);
    const adapter = new ThreadsAdapter(credentials, http.fetch, now);
    expect(adapter.mediaLimits).toMatchObject({ maxFiles: 1, mimeTypes: ['image/jpeg', 'image/png'] });
    expect((await rejectionOf(adapter.publish(account, postRequest('a', [JPEG, JPEG])))).kind).toBe('rejected');
    const pdf = { url: JPEG.url, mimeType: 'application/pdf' };
    expect((await rejectionOf(adapter.publish(account, postRequest('a', [pdf])))).kind).toBe('rejected');
    http.assertDone();
  });
});
