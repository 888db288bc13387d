import type { TestApp } from './test-app';

export interface ProviderRedirect {
  state: string;
  code: string | null;
  error: string | null;
}

/**
 * Plays the person at the sandbox platform: opens the consent page Atrium redirected to, approves
 * (or cancels) as `handle`, and returns what the platform sends back to /oauth/callback.
 */
export async function consentAtSandbox(
  t: TestApp,
  authorizationUrl: string,
  handle: string,
  decision: 'approve' | 'deny' = 'approve',
): Promise<ProviderRedirect> {
  const url = new URL(authorizationUrl);
  const page = await t.http().get(url.pathname + url.search);
  if (page.status !== 200) throw new Error(`Consent page answered ${page.status}: ${page.text}`);
  const response = await t
    .http()
    .post('/api/dev-oauth/authorize')
    .type('form')
    .send({ ...Object.fromEntries(url.searchParams), handle, display_name: `Sandbox ${handle}`, decision });
  if (response.status !== 303) throw new Error(`Consent answered ${response.status}: ${response.text}`);
  const back = new URL(response.headers['location']);
  return {
    state: back.searchParams.get('state') ?? '',
    code: back.searchParams.get('code'),
    error: back.searchParams.get('error'),
  };
}

/** Connects a sandbox account through the whole flow as the given signed-in caller. */
export async function connectSandboxAccount(
  t: TestApp,
  token: string,
  handle: string,
  start: { path: string; body: object } = { path: '/api/v1/social-accounts/connect', body: { provider: 'local' } },
): Promise<{ id: string; clientId: string | null }> {
  const started = await t.http().post(start.path).set('Authorization', `Bearer ${token}`).send(start.body);
  if (started.status !== 201)
    throw new Error(`Connect start answered ${started.status}: ${JSON.stringify(started.body)}`);
  const { state, code } = await consentAtSandbox(t, started.body.authorizationUrl, handle);
  const done = await t
    .http()
    .post('/api/v1/social-accounts/oauth/complete')
    .set('Authorization', `Bearer ${token}`)
    .send({ state, code });
  if (done.status !== 200) throw new Error(`Complete answered ${done.status}: ${JSON.stringify(done.body)}`);
  return done.body.accounts[0];
}
