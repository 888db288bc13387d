import { DataSource } from 'typeorm';
import { pendingSchemaChanges } from '../src/core/database/schema-drift';
import { LeaseService } from '../src/core/scheduling/lease.service';
import { TenantData } from '../src/core/tenancy/tenant-data';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DATABASE, TEST_REDIS_URL } from './support/test-env';

describe('Platform', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it(`has migrations that match the entities exactly (${TEST_DATABASE})`, async () => {
    expect(await pendingSchemaChanges(t.app.get(DataSource))).toEqual([]);
  });

  it('reports readiness of the database, Redis and the queue', async () => {
    const ready = await t.http().get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.checks.database.status).toBe('up');
    expect(ready.body.checks.queue.status).toBe('up');
    if (TEST_REDIS_URL) expect(ready.body.checks.redis).toEqual({ status: 'up', detail: 'PONG' });
    expect((await t.http().get('/api/health')).body).toEqual({ status: 'ok' });
  });

  it('grants a schedule lease to one instance at a time', async () => {
    const tenant = t.app.get(TenantData);
    const instanceA = new LeaseService(tenant);
    const instanceB = new LeaseService(tenant);
    const results = await Promise.all([
      instanceA.tryAcquire('test-task', 60_000),
      instanceB.tryAcquire('test-task', 60_000),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const holder = results[0] ? instanceA : instanceB;
    const other = results[0] ? instanceB : instanceA;
    expect(await holder.tryAcquire('test-task', 60_000)).toBe(true);
    expect(await other.tryAcquire('test-task', 60_000)).toBe(false);
    // Once the lease runs out, another instance takes over.
    expect(await holder.tryAcquire('test-task', -1)).toBe(true);
    expect(await other.tryAcquire('test-task', 60_000)).toBe(true);
  });

  it('sends security headers and answers unknown API routes in the error shape', async () => {
    const response = await t.http().get('/api/v1/nope');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
    });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('documents every route in OpenAPI with the auth schemes', async () => {
    const document = (await t.http().get('/api/docs-json')).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/signup',
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/api/v1/auth/logout',
        '/api/v1/auth/forgot-password',
        '/api/v1/auth/reset-password',
        '/api/v1/auth/confirm-email',
        '/api/v1/me',
        '/api/health',
        '/api/health/ready',
      ]),
    );
    expect(Object.keys(document.components.securitySchemes)).toEqual(
      expect.arrayContaining(['access-token', 'refresh-cookie']),
    );
    expect(document.components.schemas.ApiErrorDto).toBeDefined();
    expect(document.paths['/api/v1/me'].get.security).toEqual([{ 'access-token': [] }]);
  });
});

describe('Housekeeping', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('purges sessions and email tokens that died over a week ago, and keeps live ones', async () => {
    const { Factory } = await import('./support/factories');
    const { AuthHousekeepingService } = await import('../src/modules/auth/auth-housekeeping.service');
    const { Session } = await import('../src/core/tenancy/entities/session.entity');
    const factory = new Factory(t);
    const user = await factory.agencyUser(await factory.agency(), 'owner');
    const live = await factory.signIn(user.email);
    const dead = await factory.signIn(user.email);
    // The refresh cookie is `atrium_rt=<session id>.<secret>`.
    const old = { id: dead.cookie.split('=')[1].split('.')[0] };
    const sessions = t.db.getRepository(Session);
    await sessions.update({ id: old.id }, { revokedAt: new Date(Date.now() - 8 * 24 * 60 * 60_000) });

    const purged = await t.app.get(AuthHousekeepingService).purge();
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(await sessions.countBy({ id: old.id })).toBe(0);
    expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${live.accessToken}`)).status).toBe(200);
  });

  it('removes sign-ups never confirmed within a week, and nothing else', async () => {
    const { Factory } = await import('./support/factories');
    const { AuthHousekeepingService } = await import('../src/modules/auth/auth-housekeeping.service');
    const { Agency } = await import('../src/core/tenancy/entities/agency.entity');
    const { User } = await import('../src/core/tenancy/entities/user.entity');
    const factory = new Factory(t);
    const weekAgo = new Date(Date.now() - 8 * 24 * 60 * 60_000);
    const squatted = await factory.agency();
    const squatter = await factory.agencyUser(squatted, 'owner');
    await t.db.getRepository(User).update({ id: squatter.id }, { emailConfirmedAt: null });
    const recent = await factory.agency();
    const newcomer = await factory.agencyUser(recent, 'owner');
    await t.db.getRepository(User).update({ id: newcomer.id }, { emailConfirmedAt: null });
    const confirmed = await factory.agency();
    await factory.agencyUser(confirmed, 'owner');
    await t.db.getRepository(Agency).update({ id: squatted.id }, { createdAt: weekAgo });
    await t.db.getRepository(Agency).update({ id: confirmed.id }, { createdAt: weekAgo });

    const purged = await t.app.get(AuthHousekeepingService).purge();
    expect(purged.unconfirmedAgencies).toBe(1);
    expect(await t.db.getRepository(User).countBy({ email: squatter.email })).toBe(0);
    expect(await t.db.getRepository(Agency).countBy({ id: recent.id })).toBe(1);
    expect(await t.db.getRepository(Agency).countBy({ id: confirmed.id })).toBe(1);
  });
});
