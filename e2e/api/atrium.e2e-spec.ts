import { spawnSync } from 'node:child_process';
import { MAIN, RunningServer, seedDemo, serverEnv, startServer } from '../support/server';
import { ApiClient } from './http';

const DEMO_PASSWORD = 'atrium-demo-2026';

describe('Atrium over HTTP (built backend, embedded defaults)', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const env = serverEnv(4311);
    seedDemo(env);
    server = await startServer(env);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const client = () => new ApiClient(server.url);

  it('is live and ready on SQLite with in-process jobs', async () => {
    expect((await client().call('GET', '/api/health')).body).toEqual({
      status: 'ok',
    });
    const ready = await client().call('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({
      database: { status: 'up', detail: 'better-sqlite3' },
      queue: { status: 'up', detail: 'in-process' },
    });
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const json = await client().call('GET', '/api/docs-json');
    expect(json.body.info.title).toBe('Atrium API');
    expect(Object.keys(json.body.paths).length).toBeGreaterThanOrEqual(15);
    const ui = await client().call('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('walks sign-up, the captured confirmation email, sign-in, refresh and sign-out', async () => {
    const api = client();
    const email = `e2e-${Date.now()}@example.com`;
    const signup = await api.call('POST', '/api/v1/auth/signup', {
      agencyName: 'E2E Agency',
      name: 'Eve Tester',
      email,
      password: 'e2e passphrase ok',
    });
    expect(signup.status).toBe(201);

    const mailbox = await api.call('GET', '/api/v1/dev/mailbox');
    const message = mailbox.body.find((m: { to: string }) => m.to === email);
    const link = /http:\/\/127\.0\.0\.1:4311\/confirm-email\?token=([\w-]+)/.exec(message.text);
    expect(link).not.toBeNull();
    expect(
      (
        await api.call('POST', '/api/v1/auth/confirm-email', {
          token: link![1],
        })
      ).status,
    ).toBe(200);

    const login = await api.signIn(email, 'e2e passphrase ok');
    expect(login.status).toBe(200);
    expect(login.body.me).toMatchObject({
      audience: 'agency',
      agencyRole: 'owner',
      emailConfirmed: true,
    });
    const overview = await api.call('GET', '/api/v1/agency/overview');
    expect(overview.body.agency.name).toBe('E2E Agency');

    const refreshed = await api.call('POST', '/api/v1/auth/refresh');
    expect(refreshed.status).toBe(200);
    api.accessToken = refreshed.body.accessToken;
    expect((await api.call('GET', '/api/v1/me')).status).toBe(200);

    expect((await api.call('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await api.call('GET', '/api/v1/me')).status).toBe(401);
    expect((await api.call('POST', '/api/v1/auth/refresh')).status).toBe(401);
  });

  it('keeps the demo agencies, their clients and the two audiences apart', async () => {
    const owner = client();
    expect((await owner.signIn('owner@northwind.test', DEMO_PASSWORD)).body.me.agency.name).toBe('Northwind Creative');
    expect((await owner.call('GET', '/api/v1/agency/overview')).body.counts).toEqual({
      clients: 3,
      agencyUsers: 3,
      clientUsers: 4,
    });
    expect((await owner.call('GET', '/api/v1/portal/overview')).status).toBe(403);

    const anna = client();
    const annaLogin = await anna.signIn('anna@acme.test', DEMO_PASSWORD);
    expect(annaLogin.body.me).toMatchObject({
      audience: 'client',
      agency: { name: 'Northwind Creative' },
    });
    expect((await anna.call('GET', '/api/v1/portal/overview')).body.client.name).toBe('Acme Coffee');
    expect((await anna.call('GET', '/api/v1/agency/overview')).status).toBe(403);

    const dana = client();
    await dana.signIn('dana@delta.test', DEMO_PASSWORD);
    const danaPortal = await dana.call('GET', '/api/v1/portal/overview');
    expect(danaPortal.body).toMatchObject({
      agency: { name: 'Summit Social' },
      client: { name: 'Delta Outdoors' },
    });
    // Asking for another agency's client answers 404, as for an unknown client, and leaks nothing.
    const acmeId = annaLogin.body.me.clients[0].id;
    const foreign = await dana.call('GET', '/api/v1/portal/overview', undefined, { 'X-Atrium-Client': acmeId });
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain('Acme');

    const sam = client();
    const samLogin = await sam.signIn('sam@multi.test', DEMO_PASSWORD);
    expect(samLogin.body.me.clients.map((c: { name: string }) => c.name)).toEqual([
      'Acme Coffee',
      'Blue Harbor Hotels',
    ]);
  });

  it('sends security headers on every answer: the API set on API answers, a page set on pages', async () => {
    const response = await client().call('GET', '/api/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const page = await client().call('GET', '/api/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers bad input in the one error shape and never with a 500', async () => {
    const api = client();
    const cases = [
      await api.call('POST', '/api/v1/auth/login', '{"email":'),
      await api.call('POST', '/api/v1/auth/login', {
        email: 'x'.repeat(500),
        password: 1,
      }),
      await api.call('POST', '/api/v1/auth/signup', {
        agencyName: ['array'],
        name: {},
        email: null,
        password: true,
      }),
      await api.call('POST', '/api/v1/auth/login', 'x'.repeat(200_000)),
      await api.call('GET', '/api/v1/dev/mailbox/%FF'),
    ];
    for (const response of cases) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body).toEqual(
        expect.objectContaining({
          statusCode: response.status,
          error: expect.any(String),
          message: expect.any(String),
        }),
      );
    }
  });
});

describe('Process behaviour', () => {
  it('refuses to start with bad configuration and lists every bad variable', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'production',
        PORT: 'abc',
        DATABASE_TYPE: 'oracle',
        APP_URL: 'nope',
      },
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    for (const variable of ['PORT', 'DATABASE_TYPE', 'APP_URL', 'JWT_SECRET'])
      expect(result.stderr).toContain(variable);
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const server = await startServer(serverEnv(4312));
    expect(await server.stop()).toBe(0);
  });
});
