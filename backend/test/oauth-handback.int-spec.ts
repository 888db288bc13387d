import { randomBytes } from 'node:crypto';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import type { Agency } from '../src/core/tenancy/entities/agency.entity';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import { CustomDomain } from '../src/modules/domains/entities/custom-domain.entity';
import { hashToken } from '../src/modules/auth/token-hash';
import { OAuthConnectState } from '../src/modules/social/entities/oauth-connect-state.entity';
import { Factory, TEST_PASSWORD } from './support/factories';
import { consentAtSandbox } from './support/sandbox-oauth';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Social OAuth round trips always come back to APP_URL/oauth/callback (the one redirect URI the
 * platforms know). One begun on an agency's custom domain is handed back there with a one-time
 * code, and finished there by the session that began it; never anywhere else.
 */
describe('OAuth hand-back to a custom domain', () => {
  let t: TestApp;
  let f: Factory;
  let agency: Agency;
  let client: Client;
  const HOST = 'portal.handback.example';

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    agency = await f.agency('Handback Agency');
    client = await f.client(agency, [...CLIENT_PERMISSIONS], 'Acme');
    await t.db.getRepository(CustomDomain).save(
      t.db.getRepository(CustomDomain).create({
        agencyId: agency.id,
        hostname: HOST,
        verifiedHostname: HOST,
        challengeToken: 'c'.repeat(32),
        status: 'active',
        verifiedAt: new Date(),
      }),
    );
  });
  afterAll(() => t.close());

  /** A client admin signed in on `host` (the custom domain, or the installation when null). */
  async function clientAdminOn(host: string | null) {
    const person = await f.clientUser(client, 'admin');
    const login = t.http().post('/api/v1/auth/login');
    if (host) login.set('Host', host);
    const response = await login.send({ email: person.email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const token: string = response.body.accessToken;
    const call = (method: 'get' | 'post', path: string) => {
      const request = t.http()[method](path).set('Authorization', `Bearer ${token}`);
      return host ? request.set('Host', host) : request;
    };
    return {
      post: (path: string, body: object = {}) => call('post', path).send(body),
      get: (path: string) => call('get', path),
    };
  }

  /** Starts a portal connection and consents at the sandbox: what the platform sends to APP_URL. */
  async function roundTrip(api: Awaited<ReturnType<typeof clientAdminOn>>) {
    const started = await api.post('/api/v1/portal/accounts/connect', { provider: 'local' });
    expect(started.status).toBe(201);
    const consent = new URL(started.body.authorizationUrl);
    // The platform always returns to the installation, whichever address the round trip began on.
    expect(consent.searchParams.get('redirect_uri')).toBe(`${t.config.appUrl}/oauth/callback`);
    const back = await consentAtSandbox(t, started.body.authorizationUrl, `hb-${randomBytes(3).toString('hex')}`);
    return { state: back.state, code: back.code ?? '' };
  }

  const handBack = (body: object) => t.http().post('/api/v1/public/oauth/handback').send(body);
  const codeOf = (url: string) => new URL(url).searchParams.get('code') ?? '';

  it('hands the browser back to the custom domain, which finishes with the one-time code', async () => {
    const api = await clientAdminOn(HOST);
    const { state, code } = await roundTrip(api);
    const states = t.db.getRepository(OAuthConnectState);
    expect((await states.findOneByOrFail({ stateHash: hashToken(state) })).host).toBe(HOST);

    const handed = await handBack({ state, code });
    expect(handed.status).toBe(200);
    expect(handed.body.url).toMatch(
      new RegExp(`^https://${HOST.replace(/\./g, '\\.')}/oauth/callback\\?code=[A-Za-z0-9_-]{43}$`),
    );
    const once = codeOf(handed.body.url);
    // Stored only as a hash; the platform's code sealed.
    const row = await states.findOneByOrFail({ stateHash: hashToken(state) });
    expect(row.handbackHash).toBe(hashToken(once));
    expect(JSON.stringify(row)).not.toContain(once);
    expect(row.handbackCodeSealed).toMatch(/^v1\./);
    expect(row.handbackCodeSealed).not.toContain(code);

    // The hand-back happens once; the state can no longer be finished directly either.
    expect((await handBack({ state, code })).status).toBe(404);
    expect((await api.post('/api/v1/social-accounts/oauth/complete', { state, code })).status).toBe(400);

    // Someone else's session (another client admin of the same domain) cannot use the code...
    const other = await clientAdminOn(HOST);
    expect((await other.post('/api/v1/social-accounts/oauth/complete-handback', { code: once })).status).toBe(400);
    // ...the one that began the round trip can, once.
    const done = await api.post('/api/v1/social-accounts/oauth/complete-handback', { code: once });
    expect(done.status).toBe(200);
    expect(done.body.returnTo).toBe('portal');
    expect(done.body.accounts[0]).toMatchObject({ provider: 'local', clientId: client.id });
    expect((await api.post('/api/v1/social-accounts/oauth/complete-handback', { code: once })).status).toBe(400);
  });

  it('hands a refusal back to the custom domain and spends the state', async () => {
    const api = await clientAdminOn(HOST);
    const started = await api.post('/api/v1/portal/accounts/connect', { provider: 'local' });
    const back = await consentAtSandbox(t, started.body.authorizationUrl, 'hb-deny', 'deny');
    expect(back.error).toBe('access_denied');
    const handed = await handBack({ state: back.state, error: back.error });
    expect(handed.status).toBe(200);
    expect(handed.body.url).toBe(`https://${HOST}/oauth/callback?error=access_denied`);
    expect((await handBack({ state: back.state, error: 'access_denied' })).status).toBe(404);
  });

  it('hands nothing back for a round trip begun on the installation, nor for an unknown state', async () => {
    const api = await clientAdminOn(null);
    const { state, code } = await roundTrip(api);
    expect((await handBack({ state, code })).status).toBe(404);
    expect((await handBack({ state: randomBytes(32).toString('base64url'), code: 'x' })).status).toBe(404);
    expect((await handBack({ state })).status).toBe(400);
    // Asking did not spend it: the installation's own callback still finishes it.
    expect((await api.post('/api/v1/social-accounts/oauth/complete', { state, code })).status).toBe(200);
  });

  it('refuses an expired hand-back code', async () => {
    const api = await clientAdminOn(HOST);
    const { state, code } = await roundTrip(api);
    const once = codeOf((await handBack({ state, code })).body.url);
    await t.db
      .getRepository(OAuthConnectState)
      .update({ stateHash: hashToken(state) }, { handbackExpiresAt: new Date(Date.now() - 1000) });
    expect((await api.post('/api/v1/social-accounts/oauth/complete-handback', { code: once })).status).toBe(400);
  });

  it('never sends anyone to a domain that is no longer served', async () => {
    const api = await clientAdminOn(HOST);
    const { state, code } = await roundTrip(api);
    await t.db.getRepository(CustomDomain).update({ agencyId: agency.id }, { status: 'pending' });
    try {
      expect((await handBack({ state, code })).status).toBe(404);
    } finally {
      await t.db.getRepository(CustomDomain).update({ agencyId: agency.id }, { status: 'active' });
    }
  });
});
