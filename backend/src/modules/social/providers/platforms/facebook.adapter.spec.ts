import type { AccountCredentials, TokenSet } from '../provider-adapter';
import { FacebookAdapter } from './facebook.adapter';
import { JPEG, consent, now, postRequest, queryOf, rejectionOf, secondsFromNow } from './testing/fixtures';
import { loadRecordings, replay } from './testing/replay-fetch';

const recordings = loadRecordings('facebook');
const credentials = { clientId: '1122334455667788', clientSecret: 'fb-app-secret-0f9e8d7c' };
const SCOPES = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement'];
const USER_TOKENS: TokenSet = {
  accessToken: 'EAAGlong-fb-user-token-2222',
  refreshToken: null,
  expiresAt: secondsFromNow(5183944),
  scopes: SCOPES,
};
const PAGE_TOKEN = 'EAAGpage-token-berlin-4444';

const berlinPage: AccountCredentials = {
  externalId: '104790000000002',
  handle: null,
  tokens: { accessToken: PAGE_TOKEN, refreshToken: null, expiresAt: null, scopes: SCOPES },
};

describe('FacebookAdapter', () => {
  it('sends the person to the Facebook login dialog with comma-separated Page scopes', () => {
    const url = new FacebookAdapter(credentials, replay(recordings).fetch, now).authorizationUrl(consent('facebook'));

    expect(url.startsWith('https://www.facebook.com/v21.0/dialog/oauth?')).toBe(true);
    expect(queryOf(url)).toEqual({
      response_type: 'code',
      client_id: '1122334455667788',
      redirect_uri: 'https://atrium.example/api/v1/social/callback/facebook',
      scope: 'pages_show_list,pages_manage_posts,pages_read_engagement',
      state: 'state-7f3a9c',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
  });

  it('trades the code for a long-lived user token', async () => {
    const http = replay(recordings, 'token', 'longLived');
    const adapter = new FacebookAdapter(credentials, http.fetch, now);

    const tokens = await adapter.exchangeCode({
      code: 'AQDfb-auth-code-e1f2',
      codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      redirectUri: consent('facebook').redirectUri,
    });
    expect(tokens).toEqual(USER_TOKENS);
    http.assertDone();
  });

  it('yields one identity per Page, each with its own non-expiring Page token', async () => {
    const http = replay(recordings, 'accounts');
    const identities = await new FacebookAdapter(credentials, http.fetch, now).identities(USER_TOKENS);

    expect(identities).toEqual([
      {
        externalId: '104790000000001',
        displayName: 'Atrium Bakery',
        handle: null,
        avatarUrl: 'https://scontent.xx.fbcdn.net/v/t39.30808-1/bakery_n.jpg',
        profileUrl: 'https://www.facebook.com/atriumbakery',
        tokens: { accessToken: 'EAAGpage-token-bakery-3333', refreshToken: null, expiresAt: null, scopes: SCOPES },
      },
      {
        externalId: '104790000000002',
        displayName: 'Atrium Bakery Berlin',
        handle: null,
        avatarUrl: 'https://scontent.xx.fbcdn.net/v/t39.30808-1/berlin_n.jpg',
        profileUrl: 'https://www.facebook.com/104790000000002',
        tokens: { accessToken: PAGE_TOKEN, refreshToken: null, expiresAt: null, scopes: SCOPES },
      },
    ]);
    http.assertDone();
  });

  it('follows paging.next so no managed Page is left out', async () => {
    const http = replay(recordings, 'accountsWithNext', 'accountsNextPage');
    const identities = await new FacebookAdapter(credentials, http.fetch, now).identities(USER_TOKENS);
    expect(identities.map((page) => page.externalId)).toEqual(['104790000000001', '104790000000002']);
    http.assertDone();
  });

  it('publishes to the Page feed with the Page token', async () => {
    const http = replay(recordings, 'publish');
    const result = await new FacebookAdapter(credentials, http.fetch, now).publish(
      berlinPage,
      postRequest('Fresh pretzels from 7am'),
    );
    expect(result).toEqual({
      externalId: '104790000000002_122100000000000001',
      url: 'https://www.facebook.com/104790000000002_122100000000000001',
    });
    http.assertDone();
  });

  it('cannot refresh: the person reconnects, and Facebook is not called', async () => {
    const http = replay(recordings);
    const error = await rejectionOf(new FacebookAdapter(credentials, http.fetch, now).refresh(berlinPage));
    expect(error.kind).toBe('auth');
    http.assertDone();
  });

  it('treats a used sign-in code as auth', async () => {
    const http = replay(recordings, 'tokenCodeUsed');
    const adapter = new FacebookAdapter(credentials, http.fetch, now);
    const error = await rejectionOf(
      adapter.exchangeCode({ code: 'AQDfb-auth-code-e1f2', codeVerifier: 'v', redirectUri: 'r' }),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('This authorization code has been used');
    expect(error.message).not.toContain('fb-app-secret-0f9e8d7c');
    http.assertDone();
  });

  it.each([
    // Graph answers an invalid token with 400 and code 190: the code decides, not the status.
    ['publishSessionInvalidated', 'auth', null, 'Facebook refused the post: Error validating access token'],
    ['publishMalformedToken', 'auth', null, 'Malformed access token [redacted]'],
    [
      'publishPageRateLimited',
      'rate_limited',
      null,
      'Facebook is limiting requests ((#32) Page request limit reached)',
    ],
    ['publishTooManyRequests', 'rate_limited', 120_000, 'try the post again in about 2 minutes'],
    ['publishDuplicate', 'rejected', null, 'Facebook refused the post: This status update is identical'],
    ['publishTransient', 'unavailable', null, 'Facebook could not handle the post right now'],
  ])('maps %s to %s', async (recording, kind, retryAfterMs, message) => {
    const http = replay(recordings, recording);
    const error = await rejectionOf(
      new FacebookAdapter(credentials, http.fetch, now).publish(berlinPage, postRequest('Fresh pretzels from 7am')),
    );
    expect(error).toMatchObject({ kind, retryAfterMs });
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(PAGE_TOKEN);
    http.assertDone();
  });

  it('publishes text with one image as a Page photo, and links to its post', async () => {
    const http = replay(recordings, 'publishPhoto');
    const result = await new FacebookAdapter(credentials, http.fetch, now).publish(
      berlinPage,
      postRequest('Fresh pretzels from 7am', [JPEG]),
    );
    expect(result).toEqual({
      externalId: '104790000000002_122100000000000078',
      url: 'https://www.facebook.com/104790000000002_122100000000000078',
    });
    http.assertDone();
  });

  it('refuses several images, and files that are not images, without calling Facebook', async () => {
    const http = replay(recordings);
    const adapter = new FacebookAdapter(credentials, http.fetch, now);
    expect((await rejectionOf(adapter.publish(berlinPage, postRequest('a', [JPEG, JPEG])))).kind).toBe('rejected');
    const pdf = { url: JPEG.url, mimeType: 'application/pdf' };
    expect((await rejectionOf(adapter.publish(berlinPage, postRequest('a', [pdf])))).kind).toBe('rejected');
    http.assertDone();
  });
});
