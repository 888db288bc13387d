import { CLIENT_PERMISSIONS } from '@atrium/shared';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import { SocialAccount } from '../src/modules/social/entities/social-account.entity';
import { Factory } from './support/factories';
import { consentAtSandbox } from './support/sandbox-oauth';
import { startTestApp, TestApp } from './support/test-app';

describe('Client Connect Links', () => {
  let t: TestApp;
  let f: Factory;
  let client: Client;
  let owner: string;
  let otherAgencyOwner: string;
  let agencySlug: string;

  const create = (token: string, clientId: string, body: object = {}) =>
    t.http().post(`/api/v1/clients/${clientId}/connect-links`).set('Authorization', `Bearer ${token}`).send(body);
  const tokenOf = (url: string) => new URL(url).searchParams.get('token') as string;
  const pub = (path: string, body: object) => t.http().post(`/api/v1/connect-links/${path}`).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    const agency = await f.agency('Link Agency');
    agencySlug = agency.slug;
    client = await f.client(agency, [...CLIENT_PERMISSIONS], 'No-Portal Client');
    owner = (await f.signIn((await f.agencyUser(agency, 'member')).email)).accessToken;
    otherAgencyOwner = (await f.signIn((await f.agencyUser(await f.agency(), 'owner')).email)).accessToken;
  });
  afterAll(() => t.close());

  it('lets anyone holding the link connect accounts onto that client, without a login', async () => {
    const link = await create(owner, client.id, { validForDays: 3 });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ status: 'active', accountsConnected: 0, clientId: client.id });
    // The agency's branded page on the installation (the OAuth round trip stays on APP_URL).
    expect(link.body.url).toMatch(new RegExp(`^${t.config.appUrl}/a/${agencySlug}/connect\\?token=`));
    const token = tokenOf(link.body.url);

    const preview = await pub('preview', { token });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ agencyName: 'Link Agency', clientName: 'No-Portal Client', accounts: [] });
    expect(preview.body.providers.map((p: { id: string }) => p.id)).toEqual(['local']);

    const started = await pub('authorize', { token, provider: 'local' });
    expect(started.status).toBe(200);
    expect(started.body.binding).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const back = await consentAtSandbox(t, started.body.authorizationUrl, 'linked-brand');

    const wrongBinding = await pub('complete', { token, binding: 'x'.repeat(43), state: back.state, code: back.code });
    expect(wrongBinding.status).toBe(400);
    const done = await pub('complete', { token, binding: started.body.binding, state: back.state, code: back.code });
    expect(done.status).toBe(200);
    expect(Object.keys(done.body.accounts[0]).sort()).toEqual([
      'displayName',
      'handle',
      'id',
      'provider',
      'providerName',
    ]);
    const stored = await t.db.getRepository(SocialAccount).findOneByOrFail({ id: done.body.accounts[0].id });
    expect(stored).toMatchObject({ clientId: client.id, connectedVia: 'connect_link' });
    expect(JSON.stringify(done.body)).not.toMatch(/Sealed|accessToken/);

    const listed = await t
      .http()
      .get(`/api/v1/clients/${client.id}/connect-links`)
      .set('Authorization', `Bearer ${owner}`);
    expect(listed.body[0]).toMatchObject({ id: link.body.id, accountsConnected: 1 });
    expect((await pub('preview', { token })).body.accounts).toHaveLength(1);
  });

  it('a state started from a link cannot be finished by a signed-in session, nor with another link', async () => {
    const token = tokenOf((await create(owner, client.id)).body.url);
    const other = tokenOf((await create(owner, client.id)).body.url);
    const started = await pub('authorize', { token, provider: 'local' });
    const back = await consentAtSandbox(t, started.body.authorizationUrl, 'cross-link');
    const bySession = await t
      .http()
      .post('/api/v1/social-accounts/oauth/complete')
      .set('Authorization', `Bearer ${owner}`)
      .send({ state: back.state, code: back.code });
    expect(bySession.status).toBe(400);
    const byOtherLink = await pub('complete', {
      token: other,
      binding: started.body.binding,
      state: back.state,
      code: back.code,
    });
    expect(byOtherLink.status).toBe(400);
  });

  it('a revoked link stops working at once, even mid-connection', async () => {
    const link = await create(owner, client.id);
    const token = tokenOf(link.body.url);
    const started = await pub('authorize', { token, provider: 'local' });
    const back = await consentAtSandbox(t, started.body.authorizationUrl, 'revoked-brand');
    const revoke = await t
      .http()
      .delete(`/api/v1/connect-links/${link.body.id}`)
      .set('Authorization', `Bearer ${owner}`);
    expect(revoke.status).toBe(204);
    expect((await pub('preview', { token })).status).toBe(404);
    expect((await pub('authorize', { token, provider: 'local' })).status).toBe(404);
    const late = await pub('complete', { token, binding: started.body.binding, state: back.state, code: back.code });
    expect(late.status).toBe(404);
    expect(await t.db.getRepository(SocialAccount).countBy({ displayName: 'Sandbox revoked-brand' })).toBe(0);
  });

  it('an expired link and an unknown token answer the same 404', async () => {
    const link = await create(owner, client.id, { validForDays: 1 });
    const { ConnectLink } = await import('../src/modules/social/entities/connect-link.entity');
    await t.db.getRepository(ConnectLink).update({ id: link.body.id }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await pub('preview', { token: tokenOf(link.body.url) });
    const unknown = await pub('preview', { token: 'not-a-real-token' });
    expect(expired.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(expired.body.message).toBe(unknown.body.message);
  });

  it('validates the lifetime and keeps other agencies out', async () => {
    const tooLong = await create(owner, client.id, { validForDays: 90 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details[0].field).toBe('validForDays');
    expect((await create(otherAgencyOwner, client.id)).status).toBe(404);
    const link = await create(owner, client.id);
    const foreignRevoke = await t
      .http()
      .delete(`/api/v1/connect-links/${link.body.id}`)
      .set('Authorization', `Bearer ${otherAgencyOwner}`);
    expect(foreignRevoke.status).toBe(404);
  });
});
