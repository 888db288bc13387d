import { randomUUID } from 'node:crypto';
import { VIEW_AS_READ_ONLY_MESSAGE, VIEW_AS_TTL_SECONDS, CLIENT_PERMISSIONS } from '@atrium/shared';
import { listRoutes } from '../src/core/auth/route-inventory';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { Client } from '../src/core/tenancy/entities/client.entity';
import { Session } from '../src/core/tenancy/entities/session.entity';
import { User } from '../src/core/tenancy/entities/user.entity';
import { MediaAsset } from '../src/modules/media/entities/media-asset.entity';
import type { MATRIX as MatrixTable } from './authorization-matrix.int-spec';
import { refreshCookieFrom } from './support/factories';
import { MatrixWorld } from './support/matrix-world';
import { png } from './support/media-files';
import { startTestApp, TestApp } from './support/test-app';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * The authorization matrix's table of requests (real targets, real bodies). Its file also declares
 * the matrix's own tests, which must not run a second time here: `describe` is a no-op while it loads.
 */
function matrixTable(): typeof MatrixTable {
  const declare = globalThis.describe;
  globalThis.describe = (() => undefined) as unknown as typeof describe;
  try {
    return jest.requireActual<{ MATRIX: typeof MatrixTable }>('./authorization-matrix.int-spec').MATRIX;
  } finally {
    globalThis.describe = declare;
  }
}

const subjectOf = (token: string): { sub: string; sid: string; iat: number; exp: number } =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

/** Signed file URLs carry their own expiry: two reads a second apart differ only there. */
const withoutSignatures = (body: unknown): unknown =>
  JSON.parse(JSON.stringify(body).replace(/\/api\/v1\/files\/[\w.-]+/g, '/api/v1/files/<signed>'));

describe('View as client', () => {
  let t: TestApp;
  let w: MatrixWorld;
  let clientAdminId: string;
  let clientMemberId: string;

  beforeAll(async () => {
    // No background workers: nothing but the requests under test may change the database.
    t = await startTestApp({ RUN_WORKERS: 'false' });
    w = await new MatrixWorld(t).build();
    clientAdminId = subjectOf(w.tokens.clientAdmin).sub;
    clientMemberId = subjectOf(w.tokens.clientMember).sub;
    // Something to read on every portal page.
    await w.freshPost('scheduled');
    await w.freshMedia('portal');
  });
  afterAll(() => t.close());

  const as = (token: string, method: Method, path: string) =>
    t.http()[method](path).set('Authorization', `Bearer ${token}`);

  const startView = (viewerToken: string, userId: string, clientId = w.clientA1.id) =>
    as(viewerToken, 'post', `/api/v1/clients/${clientId}/view-as`).send({ userId });

  async function viewToken(userId = clientAdminId, viewer = w.tokens.agencyOwner): Promise<string> {
    const response = await startView(viewer, userId);
    expect(response.status).toBe(201);
    return response.body.accessToken as string;
  }

  /** Every row of every table, per table, to prove that a refused request changed nothing. */
  async function database(): Promise<Record<string, string>> {
    const tables: Record<string, string> = {};
    for (const table of t.db.entityMetadatas.map((metadata) => metadata.tableName).sort()) {
      const rows: object[] = await t.db.query(`SELECT * FROM ${t.db.driver.escape(table)}`);
      tables[table] = JSON.stringify(rows.map((row) => JSON.stringify(row)).sort());
    }
    return tables;
  }

  const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
    Object.keys(after).filter((table) => before[table] !== after[table]);

  it('gives a short, read-only, non-renewable token for an active user of a live client of the agency', async () => {
    const response = await startView(w.tokens.agencyMember, clientAdminId);

    expect(response.status).toBe(201);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: VIEW_AS_TTL_SECONDS,
      portalUrl: `${t.config.appUrl}/portal/view-as`,
    });
    expect(VIEW_AS_TTL_SECONDS).toBeLessThanOrEqual(15 * 60);
    const claims = subjectOf(response.body.accessToken);
    expect(claims.sub).toBe(clientAdminId);
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(15 * 60);

    const session = await t.db.getRepository(Session).findOneByOrFail({ id: claims.sid });
    expect(session).toMatchObject({
      userId: clientAdminId,
      viewerUserId: subjectOf(w.tokens.agencyMember).sub,
      viewedClientId: w.clientA1.id,
      revokedAt: null,
      host: null,
    });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeLessThanOrEqual(15 * 60_000);
  });

  it('writes who viewed which client as whom to the audit log', async () => {
    const token = await viewToken(clientMemberId, w.tokens.agencyAdmin);
    const entry = await t.db
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'portal.viewed_as_client', targetId: clientMemberId });
    expect(entry).toMatchObject({
      agencyId: w.agencyA.id,
      actorUserId: subjectOf(w.tokens.agencyAdmin).sub,
      targetType: 'user',
      targetId: clientMemberId,
      details: { clientId: w.clientA1.id, sessionId: subjectOf(token).sid, expiresAt: expect.any(String) },
    });
  });

  it('reads the portal exactly as the user would', async () => {
    const view = await viewToken(clientAdminId);
    const pages = [
      '/api/v1/portal/overview',
      `/api/v1/portal/calendar?from=${new Date(Date.now() - 86400_000).toISOString()}&to=${new Date(Date.now() + 6 * 86400_000).toISOString()}`,
      '/api/v1/portal/media',
      '/api/v1/portal/team',
      '/api/v1/portal/accounts',
      '/api/v1/portal/brand',
      '/api/v1/social/providers',
    ];
    for (const page of pages) {
      const own = await as(w.tokens.clientAdmin, 'get', page);
      const viewed = await as(view, 'get', page);
      expect({ page, status: viewed.status }).toEqual({ page, status: 200 });
      expect(withoutSignatures(viewed.body)).toEqual(withoutSignatures(own.body));
    }
    // The pages really had something in them.
    const calendar = await as(view, 'get', pages[1]);
    expect(calendar.body.items.length).toBeGreaterThan(0);
    const media = await as(view, 'get', pages[2]);
    expect(media.body.items.length).toBeGreaterThan(0);
    const team = await as(view, 'get', pages[3]);
    expect(team.body.members.map((row: { id: string }) => row.id)).toEqual(expect.arrayContaining([clientAdminId]));
  });

  it('answers /me as the user, saying who is looking', async () => {
    const view = await viewToken(clientAdminId, w.tokens.agencyOwner);
    const own = await as(w.tokens.clientAdmin, 'get', '/api/v1/me');
    const viewed = await as(view, 'get', '/api/v1/me');
    const owner = await t.db.getRepository(User).findOneByOrFail({ id: subjectOf(w.tokens.agencyOwner).sub });

    expect(viewed.status).toBe(200);
    expect(own.body.viewAs).toBeUndefined();
    expect(withoutSignatures(viewed.body)).toEqual({
      ...(withoutSignatures(own.body) as object),
      viewAs: { viewerName: owner.name },
    });
  });

  it('shows a client member what a member sees: no Team', async () => {
    const view = await viewToken(clientMemberId);
    expect((await as(view, 'get', '/api/v1/portal/team')).status).toBe(403);
    expect((await as(view, 'get', '/api/v1/portal/overview')).status).toBe(200);
  });

  it('serves the files it lists through their signed URLs', async () => {
    const view = await viewToken(clientAdminId);
    const [item] = (await as(view, 'get', '/api/v1/portal/media')).body.items as Array<{ downloadUrl: string }>;
    const download = await t.http().get(item.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
  });

  it('refuses every write route of the matrix with 403 and changes nothing', async () => {
    const view = await viewToken(clientAdminId);
    const writes = Object.entries(matrixTable()).filter(([route]) => !route.startsWith('GET '));
    // Every portal write is among them.
    expect(writes.map(([route]) => route)).toEqual(
      expect.arrayContaining(['POST /api/v1/portal/team/invitations', 'POST /api/v1/portal/media', 'PATCH /api/v1/me']),
    );
    const answers: Record<string, unknown> = {};
    for (const [route, entry] of writes) {
      const request = await entry.request(w);
      const before = await database();
      const call = as(view, request.method.toLowerCase() as Method, request.path);
      const response = await (request.body ? call.send(request.body) : call);
      answers[route] = {
        status: response.status,
        message: response.body.message,
        changed: changedTables(before, await database()),
      };
    }
    const refused = { status: 403, message: VIEW_AS_READ_ONLY_MESSAGE, changed: [] };
    expect(answers).toEqual(Object.fromEntries(writes.map(([route]) => [route, refused])));
  });

  it('refuses every route that is not a read, public ones included, whatever its parameters', async () => {
    const view = await viewToken(clientAdminId);
    const writes = listRoutes(t.app).filter((route) => !['GET', 'HEAD'].includes(route.method));
    expect(writes.some((route) => route.path === '/api/v1/auth/logout')).toBe(true);
    const before = await database();
    const answers: Record<string, number> = {};
    for (const route of writes) {
      const path = route.path.replace(/:\w+/g, () => randomUUID());
      answers[`${route.method} ${route.path}`] = (
        await as(view, route.method.toLowerCase() as Method, path).send({})
      ).status;
    }
    expect(answers).toEqual(Object.fromEntries(writes.map((route) => [`${route.method} ${route.path}`, 403])));
    expect(changedTables(before, await database())).toEqual([]);
  });

  it('refuses real file uploads before reading them', async () => {
    const view = await viewToken(clientAdminId);
    const before = await t.db.getRepository(MediaAsset).count();
    const upload = await as(view, 'post', '/api/v1/portal/media').attach('file', await png(), {
      filename: 'from-the-view.png',
      contentType: 'image/png',
    });
    expect(upload.status).toBe(403);
    expect(upload.body.message).toBe(VIEW_AS_READ_ONLY_MESSAGE);
    const avatar = await as(view, 'put', '/api/v1/me/avatar').attach('file', await png(), {
      filename: 'face.png',
      contentType: 'image/png',
    });
    expect(avatar.status).toBe(403);
    expect(await t.db.getRepository(MediaAsset).count()).toBe(before);
  });

  it("cannot sign the agency user out or take over their session from the view's tab", async () => {
    const owner = await w.factory.agencyUser(w.agencyA, 'owner');
    const signedIn = await w.factory.signIn(owner.email);
    const view = await viewToken(clientAdminId, signedIn.accessToken);

    // The browser sends the agency user's refresh cookie along with anything the view's tab posts.
    const logout = await as(view, 'post', '/api/v1/auth/logout').set('Cookie', signedIn.cookie);
    expect(logout.status).toBe(403);
    const refresh = await as(view, 'post', '/api/v1/auth/refresh').set('Cookie', signedIn.cookie);
    expect(refresh.status).toBe(403);

    // An ended view's token is still refused there.
    await t.db.getRepository(Session).update({ id: subjectOf(view).sid }, { revokedAt: new Date() });
    expect((await as(view, 'post', '/api/v1/auth/logout').set('Cookie', signedIn.cookie)).status).toBe(403);

    // The agency user's own session is untouched.
    const renewed = await t.http().post('/api/v1/auth/refresh').set('Cookie', signedIn.cookie);
    expect(renewed.status).toBe(200);
    expect(renewed.body.me.audience).toBe('agency');
    expect(refreshCookieFrom(renewed.headers['set-cookie'])).toMatch(/^atrium_rt=/);
  });

  it('is refused on agency routes', async () => {
    const view = await viewToken(clientAdminId);
    for (const path of ['/api/v1/clients', '/api/v1/agency/overview', `/api/v1/clients/${w.clientA1.id}/users`]) {
      expect({ path, status: (await as(view, 'get', path)).status }).toEqual({ path, status: 403 });
    }
  });

  it('shows only the client it was opened for', async () => {
    const both = await w.factory.clientUser(w.clientA1, 'admin');
    await w.factory.addToClient(both, w.clientA2, 'admin');
    const view = await viewToken(both.id);

    const me = await as(view, 'get', '/api/v1/me');
    expect(me.body.clients.map((client: { id: string }) => client.id)).toEqual([w.clientA1.id]);
    const other = await as(view, 'get', '/api/v1/portal/overview').set('X-Atrium-Client', w.clientA2.id);
    expect(other.status).toBe(404);
  });

  it('does not count as the user being active', async () => {
    const person = await w.factory.clientUser(w.clientA1, 'member');
    const view = await viewToken(person.id);
    expect((await as(view, 'get', '/api/v1/portal/overview')).status).toBe(200);

    const rows = await as(w.tokens.agencyOwner, 'get', `/api/v1/clients/${w.clientA1.id}/users`);
    expect(rows.body.find((row: { id: string }) => row.id === person.id)).toMatchObject({ lastActiveAt: null });
    expect((await t.db.getRepository(User).findOneByOrFail({ id: person.id })).lastLoginAt).toBeNull();
  });

  it('answers 404 for a client or person out of reach', async () => {
    const deleted = await w.freshClient();
    const deletedUser = await w.factory.clientUser(deleted, 'admin');
    await t.db.getRepository(Client).update({ id: deleted.id }, { deletedAt: new Date() });
    const deactivated = await w.factory.clientUser(w.clientA1, 'member');
    await t.db.getRepository(User).update({ id: deactivated.id }, { status: 'deactivated' });
    const ofOtherClient = subjectOf(w.tokens.otherClient).sub;
    const removed = subjectOf(w.tokens.removedUser).sub;
    const agencyPerson = subjectOf(w.tokens.agencyMember).sub;

    const cases: Array<[string, string, string, string]> = [
      ['another agency', w.tokens.otherAgency, w.clientA1.id, clientAdminId],
      ['a removed user', w.tokens.agencyOwner, w.clientA1.id, removed],
      ['a deactivated user', w.tokens.agencyOwner, w.clientA1.id, deactivated.id],
      ["another client's user", w.tokens.agencyOwner, w.clientA1.id, ofOtherClient],
      ['an agency user', w.tokens.agencyOwner, w.clientA1.id, agencyPerson],
      ['an unknown user', w.tokens.agencyOwner, w.clientA1.id, randomUUID()],
      ['a deleted client', w.tokens.agencyOwner, deleted.id, deletedUser.id],
      ['an unknown client', w.tokens.agencyOwner, randomUUID(), clientAdminId],
    ];
    const answers = Object.fromEntries(
      await Promise.all(
        cases.map(async ([name, token, clientId, userId]) => [name, (await startView(token, userId, clientId)).status]),
      ),
    );
    expect(answers).toEqual(Object.fromEntries(cases.map(([name]) => [name, 404])));
    expect((await startView(w.tokens.clientAdmin, clientAdminId)).status).toBe(403);
    expect((await startView(w.tokens.agencyOwner, 'not-a-uuid')).status).toBe(400);
  });

  it('stops working when the agency user who opened it leaves the agency', async () => {
    const viewer = await w.factory.agencyUser(w.agencyA, 'member');
    const view = await viewToken(clientAdminId, (await w.factory.signIn(viewer.email)).accessToken);
    expect((await as(view, 'get', '/api/v1/portal/overview')).status).toBe(200);

    expect((await as(w.tokens.agencyOwner, 'delete', `/api/v1/team/${viewer.id}`)).status).toBe(204);
    expect((await as(view, 'get', '/api/v1/portal/overview')).status).toBe(401);
    expect((await as(view, 'get', '/api/v1/me')).status).toBe(401);
  });

  it('stops working when the person leaves the client, or when it expires', async () => {
    const person = await w.factory.clientUser(w.clientA1, 'member');
    const view = await viewToken(person.id);
    expect((await as(view, 'get', '/api/v1/portal/overview')).status).toBe(200);
    expect(
      (await as(w.tokens.agencyOwner, 'delete', `/api/v1/clients/${w.clientA1.id}/users/${person.id}`)).status,
    ).toBe(204);
    expect((await as(view, 'get', '/api/v1/portal/overview')).status).toBe(401);

    const later = await viewToken(clientAdminId);
    await t.db.getRepository(Session).update({ id: subjectOf(later).sid }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await as(later, 'get', '/api/v1/portal/overview')).status).toBe(401);
  });

  it('leaves the portal open to everyone else, and the permissions of the client as they were', async () => {
    await viewToken(clientAdminId);
    expect((await as(w.tokens.clientAdmin, 'patch', '/api/v1/me').send({ timezone: 'Europe/Paris' })).status).toBe(200);
    const client = await t.db.getRepository(Client).findOneByOrFail({ id: w.clientA1.id });
    expect([...client.permissions].sort()).toEqual([...CLIENT_PERMISSIONS].sort());
  });
});
