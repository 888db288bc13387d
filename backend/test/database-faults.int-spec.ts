import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE } from '../src/core/database/database-faults';
import { Factory, uniqueEmail } from './support/factories';
import { FreezableProxy } from './support/freezable-proxy';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Database faults on MariaDB, whatever TEST_DATABASE says: the application reaches the shared
 * server only through a proxy this spec controls, and "freezing the database" stops that proxy
 * from forwarding (what a SIGSTOPped or unreachable server looks like), never the shared server.
 */
const mysqlServer = {
  host: process.env['TEST_MYSQL_HOST'] ?? '127.0.0.1',
  port: Number(process.env['TEST_MYSQL_PORT'] ?? 3306),
  user: process.env['TEST_MYSQL_USER'] ?? 'atrium',
  password: process.env['TEST_MYSQL_PASSWORD'] ?? 'atrium',
};

/** A test app on its own fresh MariaDB database, reached at `port` (the server itself or a proxy). */
async function startMariaDbApp(port: number, env: Record<string, string> = {}): Promise<TestApp> {
  const name = `atrium_it_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection(mysqlServer);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return startTestApp({
    DATABASE_TYPE: 'mariadb',
    DATABASE_HOST: '127.0.0.1',
    DATABASE_PORT: String(port),
    DATABASE_USER: mysqlServer.user,
    DATABASE_PASSWORD: mysqlServer.password,
    DATABASE_NAME: name,
    ...env,
  });
}

describe('Database faults (MariaDB behind a freezable proxy)', () => {
  let proxy: FreezableProxy;
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    proxy = await FreezableProxy.start(mysqlServer.host, mysqlServer.port);
    t = await startMariaDbApp(proxy.port, {
      // Short limits keep the spec quick; the defaults (5 s / 15 s / 5 s) bound requests the same way.
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_QUERY_TIMEOUT_MS: '1500',
      DATABASE_POOL_ACQUIRE_TIMEOUT_MS: '1000',
    });
    factory = new Factory(t);
  });
  afterAll(async () => {
    proxy?.unfreeze();
    await t?.close();
    await proxy?.close();
  });

  describe('a frozen database', () => {
    it('answers 503 with Retry-After in bounded time, keeps the session, and recovers when the database does', async () => {
      const agency = await factory.agency();
      const owner = await factory.agencyUser(agency, 'owner');
      const { accessToken, cookie } = await factory.signIn(owner.email);
      const bearer = `Bearer ${accessToken}`;
      // A second session whose token the server has already verified once (and remembers).
      const usedBearer = `Bearer ${(await factory.signIn(owner.email)).accessToken}`;
      expect((await t.http().get('/api/v1/me').set('Authorization', usedBearer)).status).toBe(200);

      proxy.freeze();
      try {
        // The JWT strategy's database read fails: a 503 to retry, not "Your session has ended".
        const me = await t.http().get('/api/v1/me').set('Authorization', bearer);
        expect(me.status).toBe(503);
        expect(me.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
        expect(me.body).toMatchObject({
          statusCode: 503,
          error: 'Service Unavailable',
          message: DATABASE_UNAVAILABLE_MESSAGE,
        });
        // A remembered token is no different: its caller is still read from the database.
        const again = await t.http().get('/api/v1/me').set('Authorization', usedBearer);
        expect(again.status).toBe(503);
        expect(again.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));

        // The refresh endpoint neither signs out nor clears the cookie.
        const refresh = await t.http().post('/api/v1/auth/refresh').set('Cookie', cookie);
        expect(refresh.status).toBe(503);
        expect(refresh.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
        expect(String(refresh.headers['set-cookie'] ?? '')).not.toContain('atrium_rt=');

        // A public route that reads the database fails the same clean way.
        const login = await t
          .http()
          .post('/api/v1/auth/login')
          .send({ email: owner.email, password: 'whatever it is' });
        expect(login.status).toBe(503);

        // The load balancer takes the instance out; the process stays alive.
        expect((await t.http().get('/api/health/ready')).status).toBe(503);
        expect((await t.http().get('/api/health')).status).toBe(200);
      } finally {
        proxy.unfreeze();
      }

      // Same token, same cookie: nobody was signed out.
      expect((await t.http().get('/api/v1/me').set('Authorization', bearer)).status).toBe(200);
      expect((await t.http().get('/api/v1/me').set('Authorization', usedBearer)).status).toBe(200);
      expect((await t.http().post('/api/v1/auth/refresh').set('Cookie', cookie)).status).toBe(200);
    });
  });
});

describe('Concurrent writes that deadlock (MariaDB)', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startMariaDbApp(mysqlServer.port);
    factory = new Factory(t);
  });
  afterAll(() => t?.close());

  it('retries deadlocked invitations: 60 to one client, in waves of 12 at once, all go through, never a 5xx', async () => {
    const agency = await factory.agency();
    const owner = await factory.agencyUser(agency, 'owner');
    const client = await factory.client(agency);
    const { accessToken } = await factory.signIn(owner.email);

    // Revoking older invitations takes gap locks that make concurrent invitations to one client
    // deadlock on MariaDB (several per 60 answered 500 before the retry). Waves are larger than the
    // pool's 10 connections: an invitation's transaction must never wait for a second connection
    // (it once read the brand outside it, and a burst starved the pool into 503s).
    const statuses: number[] = [];
    for (let wave = 0; wave < 5; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t
            .http()
            .post(`/api/v1/clients/${client.id}/invitations`)
            .set('Authorization', `Bearer ${accessToken}`)
            .send({ name: `Invitee ${wave}-${i}`, email: uniqueEmail('invitee'), role: 'member' })
            .then((response) => response.status),
        ),
      );
      statuses.push(...answers);
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 201).length).toBe(60);
  });
});
