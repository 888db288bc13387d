import { Logger } from '@nestjs/common';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { RATE_LIMITS } from '../src/core/rate-limit/rate-limit.rules';
import { Factory, TEST_PASSWORD, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 12, "Redis down stops sign-in": the limiter runs on a PRIVATE Redis (never the shared
 * one other suites use), which is then stopped. Sign-in, sign-up, forgot-password and invite must
 * answer as usual, counted by the in-memory insurance limiter (with a loud warning), never a 500.
 */
describe('Rate limits when Redis goes away (a private Redis)', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({ REDIS_URL: redis.url, RUN_WORKERS: 'false' });
    f = new Factory(t);
  });
  afterAll(async () => {
    // Redis comes back before the app shuts down: closing its queues needs it.
    await redis?.restart();
    await t?.close();
    await redis?.stop();
  });

  it('keeps sign-in, sign-up, forgot-password and invite answering normally, with limits still counted', async () => {
    const agency = await f.agency();
    const owner = await f.agencyUser(agency, 'owner');
    const { accessToken } = await f.signIn(owner.email);
    // While Redis is up, the limits live there.
    const probe = new Redis(redis.url);
    expect((await probe.keys('atrium:rl:*')).length).toBeGreaterThan(0);
    probe.disconnect();

    const warnings = jest.spyOn(Logger.prototype, 'warn');
    await redis.stop();

    const signIn = await t.http().post('/api/v1/auth/login').send({ email: owner.email, password: TEST_PASSWORD });
    expect(signIn.status).toBe(200);
    const wrong = await t.http().post('/api/v1/auth/login').send({ email: owner.email, password: 'wrong wrong wrong' });
    expect(wrong.status).toBe(401);
    const signup = await t
      .http()
      .post('/api/v1/auth/signup')
      .send({
        agencyName: 'Outage Agency',
        name: 'Olive Outage',
        email: uniqueEmail('outage'),
        password: TEST_PASSWORD,
      });
    expect(signup.status).toBe(201);
    const invite = await t
      .http()
      .post('/api/v1/team/invitations')
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ name: 'New Colleague', email: uniqueEmail('colleague'), role: 'member' });
    expect(invite.status).toBe(201);

    // The in-memory insurance limiter still counts: the per-account forgot limit holds, with Retry-After.
    const email = uniqueEmail('forgetful');
    for (let ask = 0; ask < RATE_LIMITS.forgotPerAccount.limit; ask++) {
      expect((await t.http().post('/api/v1/auth/forgot-password').send({ email })).status).toBe(202);
    }
    const limited = await t.http().post('/api/v1/auth/forgot-password').send({ email });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    expect(warnings).toHaveBeenCalledWith(
      expect.objectContaining({ msg: expect.stringMatching(/Redis is unreachable: rate limits are now counted/) }),
    );
    warnings.mockRestore();
  });
});

/** A Redis server of this suite's own, on a free port, without persistence; it can be stopped and started again. */
async function startPrivateRedis(): Promise<{ url: string; stop: () => Promise<void>; restart: () => Promise<void> }> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  const start = async () => {
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    for (let attempt = 0; (await client.ping().catch(() => null)) !== 'PONG'; attempt++) {
      if (attempt > 100) throw new Error('The private Redis did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    client.disconnect();
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      const running = server;
      server = null;
      if (!running || running.exitCode !== null) return resolve();
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  await start();
  return { url, stop, restart: async () => (server ? undefined : start()) };
}
