import { AgencyMembership } from '../src/core/tenancy/entities/agency-membership.entity';
import { Client } from '../src/core/tenancy/entities/client.entity';
import { ClientMembership } from '../src/core/tenancy/entities/client-membership.entity';
import { Agency } from '../src/core/tenancy/entities/agency.entity';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** The two audiences never cross, and every change in access applies on the next request. */
describe('Audiences and live access checks', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t);
  });
  afterAll(() => t.close());

  const get = (path: string, token: string, headers: Record<string, string> = {}) =>
    t
      .http()
      .get(path)
      .set({ Authorization: `Bearer ${token}`, ...headers });

  it('lets an agency user reach agency routes and refuses them the portal', async () => {
    const owner = await factory.agencyUser(await factory.agency(), 'owner');
    const { accessToken } = await factory.signIn(owner.email);
    expect((await get('/api/v1/agency/overview', accessToken)).status).toBe(200);
    const portal = await get('/api/v1/portal/overview', accessToken);
    expect(portal.status).toBe(403);
    expect(portal.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
  });

  it('lets a client user reach the portal and refuses them every agency route', async () => {
    const agency = await factory.agency('Agency With Clients');
    const client = await factory.client(agency, ['calendar.view', 'users.manage'], 'Acme');
    const user = await factory.clientUser(client, 'member');
    const { accessToken } = await factory.signIn(user.email);

    const me = await get('/api/v1/me', accessToken);
    expect(me.body).toMatchObject({ audience: 'client', agencyRole: null });
    // A member never holds the admin-only permissions, whatever the client allows.
    expect(me.body.clients).toEqual([
      {
        id: client.id,
        name: 'Acme',
        role: 'member',
        permissions: ['calendar.view'],
      },
    ]);

    const portal = await get('/api/v1/portal/overview', accessToken);
    expect(portal.status).toBe(200);
    expect(portal.body).toMatchObject({
      agency: { name: 'Agency With Clients' },
      client: { id: client.id, name: 'Acme' },
    });
    expect((await get('/api/v1/agency/overview', accessToken)).status).toBe(403);
  });

  it('applies a role change on the next request', async () => {
    const agency = await factory.agency();
    const client = await factory.client(agency, ['calendar.view', 'users.manage']);
    const user = await factory.clientUser(client, 'member');
    const { accessToken } = await factory.signIn(user.email);
    expect((await get('/api/v1/me', accessToken)).body.clients[0].permissions).toEqual(['calendar.view']);
    await t.db.getRepository(ClientMembership).update({ userId: user.id }, { role: 'admin' });
    expect((await get('/api/v1/me', accessToken)).body.clients[0]).toMatchObject({
      role: 'admin',
      permissions: ['calendar.view', 'users.manage'],
    });
  });

  it('refuses a removed client user, a deleted client and a suspended agency on the next request', async () => {
    const agency = await factory.agency();
    const client = await factory.client(agency);
    const removed = await factory.clientUser(client);
    const ofDeletedClient = await factory.clientUser(client);
    const removedToken = (await factory.signIn(removed.email)).accessToken;

    await t.db.getRepository(ClientMembership).update({ userId: removed.id }, { status: 'deactivated' });
    expect((await get('/api/v1/portal/overview', removedToken)).status).toBe(401);

    const deletedToken = (await factory.signIn(ofDeletedClient.email)).accessToken;
    await t.db.getRepository(Client).update({ id: client.id }, { deletedAt: new Date() });
    expect((await get('/api/v1/portal/overview', deletedToken)).status).toBe(401);
    // And they can no longer sign in either, with the same answer as a wrong password.
    expect(
      (
        await t.http().post('/api/v1/auth/login').send({
          email: ofDeletedClient.email,
          password: 'a perfectly fine passphrase',
        })
      ).status,
    ).toBe(401);

    const owner = await factory.agencyUser(agency, 'owner');
    const ownerToken = (await factory.signIn(owner.email)).accessToken;
    await t.db.getRepository(Agency).update({ id: agency.id }, { status: 'suspended' });
    // Refused with a plain reason (403), not as an ended session: the session may work again after a restore.
    const suspended = await get('/api/v1/agency/overview', ownerToken);
    expect(suspended.status).toBe(403);
    expect(suspended.body.message).toMatch(/suspended/i);
  });

  it('refuses an agency user whose membership was deactivated', async () => {
    const agency = await factory.agency();
    const admin = await factory.agencyUser(agency, 'admin');
    const { accessToken } = await factory.signIn(admin.email);
    await t.db.getRepository(AgencyMembership).update({ userId: admin.id }, { status: 'deactivated' });
    expect((await get('/api/v1/me', accessToken)).status).toBe(401);
  });

  it('switches between clients with the X-Atrium-Client header, and answers 404 for a foreign client id', async () => {
    const agency = await factory.agency();
    const first = await factory.client(agency, ['calendar.view'], 'Alpha');
    const second = await factory.client(agency, ['media.upload'], 'Beta');
    const user = await factory.clientUser(first, 'member');
    await factory.addToClient(user, second, 'member');
    const foreign = await factory.client(await factory.agency(), ['users.manage'], 'Foreign');
    const { accessToken } = await factory.signIn(user.email);

    expect((await get('/api/v1/portal/overview', accessToken)).body.client.name).toBe('Alpha');
    expect(
      (
        await get('/api/v1/portal/overview', accessToken, {
          'X-Atrium-Client': second.id,
        })
      ).body.client.name,
    ).toBe('Beta');
    const smuggled = await get('/api/v1/portal/overview', accessToken, {
      'X-Atrium-Client': foreign.id,
    });
    expect(smuggled.status).toBe(404);
    // /me still answers, so the portal can recover the list of the user's clients.
    expect((await get('/api/v1/me', accessToken, { 'X-Atrium-Client': foreign.id })).status).toBe(200);
  });

  it('counts only the caller agency in the overview', async () => {
    const mine = await factory.agency();
    const theirs = await factory.agency();
    await factory.clientUser(await factory.client(mine));
    await factory.clientUser(await factory.client(theirs));
    await factory.clientUser(await factory.client(theirs));
    const owner = await factory.agencyUser(mine, 'owner');
    const { accessToken } = await factory.signIn(owner.email);
    const overview = await get('/api/v1/agency/overview', accessToken);
    expect(overview.body.counts).toEqual({
      clients: 1,
      agencyUsers: 1,
      clientUsers: 1,
    });
    // Clients sign in at the agency's own address on the installation (no custom domain here).
    expect(overview.body.portalUrl).toBe(`https://portal.atrium.test/a/${mine.slug}/login`);
  });
});
