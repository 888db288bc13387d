import { randomBytes } from 'node:crypto';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import type { Agency } from '../src/core/tenancy/entities/agency.entity';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import { OAuthConnectState } from '../src/modules/social/entities/oauth-connect-state.entity';
import { SocialAccount } from '../src/modules/social/entities/social-account.entity';
import { Factory } from './support/factories';
import { connectSandboxAccount, consentAtSandbox } from './support/sandbox-oauth';
import { startTestApp, TestApp } from './support/test-app';

const handle = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

describe('Social accounts: connecting through OAuth 2 with PKCE', () => {
  let t: TestApp;
  let f: Factory;
  let agency: Agency;
  let client: Client;
  let otherClient: Client;
  let owner: string;
  let member: string;
  let memberEmail: string;
  let clientAdmin: string;
  let otherClientAdmin: string;
  let clientWithoutAccounts: string;
  let otherAgencyOwner: string;

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => t.http().patch(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', `Bearer ${token}`),
  });
  const signIn = async (email: string) => (await f.signIn(email)).accessToken;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    agency = await f.agency('Social Agency');
    client = await f.client(agency, [...CLIENT_PERMISSIONS], 'Acme');
    otherClient = await f.client(agency, [...CLIENT_PERMISSIONS], 'Globex');
    const limited = await f.client(agency, ['calendar.view'], 'Limited');
    owner = await signIn((await f.agencyUser(agency, 'owner')).email);
    memberEmail = (await f.agencyUser(agency, 'member')).email;
    member = await signIn(memberEmail);
    clientAdmin = await signIn((await f.clientUser(client, 'admin')).email);
    otherClientAdmin = await signIn((await f.clientUser(otherClient, 'admin')).email);
    clientWithoutAccounts = await signIn((await f.clientUser(limited, 'admin')).email);
    otherAgencyOwner = await signIn((await f.agencyUser(await f.agency('Elsewhere'), 'owner')).email);
  });
  afterAll(() => t.close());

  it('offers the local sandbox (and no platform without credentials)', async () => {
    const response = await as(member).get('/api/v1/social/providers');
    expect(response.status).toBe(200);
    expect(response.body.map((p: { id: string }) => p.id)).toEqual(['local']);
  });

  it('connects an account end to end; tokens are sealed at rest and never sent to a browser', async () => {
    const started = await as(member).post('/api/v1/social-accounts/connect', {
      provider: 'local',
      clientId: client.id,
    });
    expect(started.status).toBe(201);
    const consent = new URL(started.body.authorizationUrl);
    expect(consent.origin + consent.pathname).toBe(`${t.config.appUrl}/api/dev-oauth/authorize`);
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('redirect_uri')).toBe(`${t.config.appUrl}/oauth/callback`);
    expect(consent.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const back = await consentAtSandbox(t, started.body.authorizationUrl, handle('acme'));
    const done = await as(member).post('/api/v1/social-accounts/oauth/complete', {
      state: back.state,
      code: back.code,
    });
    expect(done.status).toBe(200);
    expect(done.body.returnTo).toBe('agency');
    const [account] = done.body.accounts;
    expect(account).toMatchObject({ provider: 'local', clientId: client.id, clientName: 'Acme', health: 'connected' });
    expect(JSON.stringify(done.body)).not.toMatch(/token|Sealed/i);

    const stored = await t.db.getRepository(SocialAccount).findOneByOrFail({ id: account.id });
    expect(stored.accessTokenSealed).toMatch(/^v1\./);
    expect(stored.refreshTokenSealed).toMatch(/^v1\./);
    const list = await as(owner).get(`/api/v1/social-accounts?clientId=${client.id}`);
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(account.id);
    expect(JSON.stringify(list.body)).not.toMatch(/Sealed|accessToken|refreshToken/);
  });

  it('refuses a forged state and a state started by another session', async () => {
    const forged = await as(member).post('/api/v1/social-accounts/oauth/complete', {
      state: randomBytes(32).toString('base64url'),
      code: 'anything',
    });
    expect(forged.status).toBe(400);

    const started = await as(member).post('/api/v1/social-accounts/connect', { provider: 'local' });
    const back = await consentAtSandbox(t, started.body.authorizationUrl, handle('replay'));
    const stolen = await as(owner).post('/api/v1/social-accounts/oauth/complete', {
      state: back.state,
      code: back.code,
    });
    expect(stolen.status).toBe(400);
    const sameUserOtherSession = await signIn(memberEmail);
    const elsewhere = await as(sameUserOtherSession).post('/api/v1/social-accounts/oauth/complete', {
      state: back.state,
      code: back.code,
    });
    expect(elsewhere.status).toBe(400);
    // The refused attempts did not burn it: the session that started it still finishes.
    const rightful = await as(member).post('/api/v1/social-accounts/oauth/complete', {
      state: back.state,
      code: back.code,
    });
    expect(rightful.status).toBe(200);
  });

  it('spends a state once: a replay after success is refused', async () => {
    const started = await as(owner).post('/api/v1/social-accounts/connect', { provider: 'local' });
    const back = await consentAtSandbox(t, started.body.authorizationUrl, handle('once'));
    const first = await as(owner).post('/api/v1/social-accounts/oauth/complete', {
      state: back.state,
      code: back.code,
    });
    expect(first.status).toBe(200);
    const replay = await as(owner).post('/api/v1/social-accounts/oauth/complete', {
      state: back.state,
      code: back.code,
    });
    expect(replay.status).toBe(400);
  });

  it('refuses an expired state', async () => {
    const started = await as(owner).post('/api/v1/social-accounts/connect', { provider: 'local' });
    const back = await consentAtSandbox(t, started.body.authorizationUrl, handle('late'));
    await t.db
      .getRepository(OAuthConnectState)
      .createQueryBuilder()
      .update()
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('usedAt IS NULL')
      .execute();
    const late = await as(owner).post('/api/v1/social-accounts/oauth/complete', { state: back.state, code: back.code });
    expect(late.status).toBe(400);
  });

  it('refuses a platform that is not offered, naming the field', async () => {
    const response = await as(owner).post('/api/v1/social-accounts/connect', { provider: 'linkedin' });
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('provider');
  });

  it("a client's admin connects from the portal: the account lands on that client, visible to the agency", async () => {
    const account = await connectSandboxAccount(t, clientAdmin, handle('portal'), {
      path: '/api/v1/portal/accounts/connect',
      body: { provider: 'local' },
    });
    expect(account.clientId).toBe(client.id);
    const agencyView = await as(owner).get(`/api/v1/social-accounts?clientId=${client.id}`);
    expect(agencyView.body.items.find((a: { id: string }) => a.id === account.id)).toMatchObject({
      connectedVia: 'portal',
      clientName: 'Acme',
    });
    const portal = await as(clientAdmin).get('/api/v1/portal/accounts');
    expect(portal.body.items.map((a: { id: string }) => a.id)).toContain(account.id);
    // Another client of the same agency can neither see nor remove it.
    const other = await as(otherClientAdmin).get('/api/v1/portal/accounts');
    expect(other.body.items.map((a: { id: string }) => a.id)).not.toContain(account.id);
    expect((await as(otherClientAdmin).delete(`/api/v1/portal/accounts/${account.id}`)).status).toBe(404);
    expect((await as(otherAgencyOwner).delete(`/api/v1/social-accounts/${account.id}`)).status).toBe(404);
  });

  it('a client without accounts.manage cannot start a connection', async () => {
    const response = await as(clientWithoutAccounts).post('/api/v1/portal/accounts/connect', { provider: 'local' });
    expect(response.status).toBe(403);
  });

  it("a client cannot take over an account that is another client's (409, nothing changes)", async () => {
    const name = handle('taken');
    const first = await connectSandboxAccount(t, clientAdmin, name, {
      path: '/api/v1/portal/accounts/connect',
      body: { provider: 'local' },
    });
    const started = await as(otherClientAdmin).post('/api/v1/portal/accounts/connect', { provider: 'local' });
    const back = await consentAtSandbox(t, started.body.authorizationUrl, name);
    const response = await as(otherClientAdmin).post('/api/v1/social-accounts/oauth/complete', {
      state: back.state,
      code: back.code,
    });
    expect(response.status).toBe(409);
    const stored = await t.db.getRepository(SocialAccount).findOneByOrFail({ id: first.id });
    expect(stored.clientId).toBe(client.id);
  });

  it('assigns, unassigns and disconnects; a disconnected account holds no tokens', async () => {
    const account = await connectSandboxAccount(t, owner, handle('assign'));
    expect(account.clientId).toBeNull();
    const assigned = await as(member).patch(`/api/v1/social-accounts/${account.id}`, { clientId: otherClient.id });
    expect(assigned.body).toMatchObject({ clientId: otherClient.id, clientName: 'Globex' });
    const foreignClient = await f.client(await f.agency(), [...CLIENT_PERMISSIONS]);
    expect(
      (await as(member).patch(`/api/v1/social-accounts/${account.id}`, { clientId: foreignClient.id })).status,
    ).toBe(404);
    expect(
      (await as(member).patch(`/api/v1/social-accounts/${account.id}`, { clientId: null })).body.clientId,
    ).toBeNull();
    expect((await as(member).delete(`/api/v1/social-accounts/${account.id}`)).status).toBe(204);
    const stored = await t.db.getRepository(SocialAccount).findOneByOrFail({ id: account.id });
    expect(stored).toMatchObject({ status: 'disconnected', accessTokenSealed: null, refreshTokenSealed: null });
    expect((await as(member).get('/api/v1/social-accounts')).body.items.map((a: { id: string }) => a.id)).not.toContain(
      account.id,
    );
  });

  it('shows health: expiring ahead of an unrenewable expiry, needs reconnect after', async () => {
    const account = await connectSandboxAccount(t, owner, handle('health'));
    const accounts = t.db.getRepository(SocialAccount);
    await accounts.update(
      { id: account.id },
      { refreshTokenSealed: null, tokenExpiresAt: new Date(Date.now() + 3 * 86400_000) },
    );
    const soon = (await as(owner).get('/api/v1/social-accounts')).body.items.find(
      (a: { id: string }) => a.id === account.id,
    );
    expect(soon.health).toBe('expiring');
    expect(new Date(soon.expiresAt).getTime()).toBeGreaterThan(Date.now());
    await accounts.update({ id: account.id }, { tokenExpiresAt: new Date(Date.now() - 1000) });
    const gone = (await as(owner).get('/api/v1/social-accounts')).body.items.find(
      (a: { id: string }) => a.id === account.id,
    );
    expect(gone).toMatchObject({ health: 'needs_reconnect' });
    expect(gone.problem).toMatch(/expired/);
  });

  it("emails the agency's owners and admins once when an unrenewable connection enters its last week", async () => {
    const ownerUser = await f.agencyUser(agency, 'owner');
    const adminUser = await f.agencyUser(agency, 'admin');
    const memberUser = await f.agencyUser(agency, 'member');
    const account = await connectSandboxAccount(t, owner, handle('warn'));
    const accounts = t.db.getRepository(SocialAccount);
    await accounts.update(
      { id: account.id },
      { refreshTokenSealed: null, tokenExpiresAt: new Date(Date.now() + 2 * 86400_000) },
    );
    const { ExpiryWarningsService } = await import('../src/modules/social/expiry-warnings.service');
    const warnings = t.app.get(ExpiryWarningsService);
    expect(await warnings.warn()).toBe(1);
    const [email] = await t.emailsTo(ownerUser.email);
    expect(email.subject).toMatch(/needs reconnecting by/);
    expect(email.textBody).toContain(`${t.config.appUrl}/app/accounts`);
    expect(await t.emailsTo(adminUser.email)).toHaveLength(1);
    expect(await t.emailsTo(memberUser.email)).toHaveLength(0);
    // Once only, until a new token arrives.
    expect(await warnings.warn()).toBe(0);
    expect(await t.emailsTo(ownerUser.email)).toHaveLength(1);
  });

  it('a person who cancels at the platform gets no account', async () => {
    const started = await as(owner).post('/api/v1/social-accounts/connect', { provider: 'local' });
    const back = await consentAtSandbox(t, started.body.authorizationUrl, handle('deny'), 'deny');
    expect(back).toMatchObject({ error: 'access_denied', code: null });
  });
});

describe('The sandbox OAuth 2 server checks what a real platform checks', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const authorizeQuery = (overrides: Record<string, string> = {}) =>
    new URLSearchParams({
      response_type: 'code',
      client_id: 'atrium-local',
      redirect_uri: `${t.config.appUrl}/oauth/callback`,
      state: 'abc',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      ...overrides,
    }).toString();

  it('never redirects to an unregistered redirect URI, and demands PKCE', async () => {
    const consent = await t.http().get(`/api/dev-oauth/authorize?${authorizeQuery()}`);
    expect(consent.status).toBe(200);
    expect(consent.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(consent.text).toContain('<h1>Connect an account on the demo platform</h1>');
    const evil = await t
      .http()
      .get(`/api/dev-oauth/authorize?${authorizeQuery({ redirect_uri: 'https://evil.example/cb' })}`);
    expect(evil.status).toBe(400);
    expect(evil.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(evil.headers['location']).toBeUndefined();
    const noPkce = await t.http().get(`/api/dev-oauth/authorize?${authorizeQuery({ code_challenge_method: 'plain' })}`);
    expect(noPkce.status).toBe(400);
  });

  it('refuses a wrong PKCE verifier and a reused code', async () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const form = await t
      .http()
      .post('/api/dev-oauth/authorize')
      .type('form')
      .send({
        ...Object.fromEntries(new URLSearchParams(authorizeQuery())),
        handle: 'pkce-check',
        display_name: 'PKCE',
        decision: 'approve',
      });
    const code = new URL(form.headers['location']).searchParams.get('code') as string;
    const { SandboxOAuthServer } = await import('../src/modules/local-oauth/sandbox-oauth.server');
    const secret = t.app.get(SandboxOAuthServer).clientSecret;
    const exchange = (codeVerifier: string) =>
      t
        .http()
        .post('/api/dev-oauth/token')
        .auth('atrium-local', secret)
        .type('form')
        .send({
          grant_type: 'authorization_code',
          code,
          redirect_uri: `${t.config.appUrl}/oauth/callback`,
          code_verifier: codeVerifier,
        });
    const wrong = await exchange('x'.repeat(43));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    const right = await exchange(verifier);
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const reused = await exchange(verifier);
    expect(reused.body.error).toBe('invalid_grant');
    const badClient = await t
      .http()
      .post('/api/dev-oauth/token')
      .auth('atrium-local', 'wrong')
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: right.body.refresh_token });
    expect(badClient.status).toBe(401);
  });
});
