import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLIENT_PERMISSIONS, REFRESH_COOKIE } from '@atrium/shared';
import { buildOpenApiDocument } from '../src/create-app';
import { CustomDomain } from '../src/modules/domains/entities/custom-domain.entity';
import type { Agency } from '../src/core/tenancy/entities/agency.entity';
import { Factory, refreshCookieFrom, TEST_PASSWORD } from './support/factories';
import { jpeg } from './support/media-files';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The HTTP edge against hostile requests: sign-in CSRF (form bodies, foreign origins), bodies
 * nested deep enough to overflow the stack, oversized and stalled bodies, and caching of personal
 * answers.
 */
const APP_ORIGIN = 'https://portal.atrium.test'; // APP_URL in the test configuration
const EVIL = 'http://evil.example';
const DOMAIN = 'portal.hardening.test';
const OTHER_DOMAIN = 'portal.other-agency.test';

describe('HTTP hardening', () => {
  let t: TestApp;
  let f: Factory;
  let agency: Agency;
  let ownerEmail: string;
  let clientEmail: string;

  const setsRefreshCookie = (response: { headers: Record<string, unknown> }) =>
    ((response.headers['set-cookie'] as string[] | undefined) ?? []).some((c) => c.startsWith(`${REFRESH_COOKIE}=`));
  const login = (email = ownerEmail) => t.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD });
  const serve = async (owner: Agency, hostname: string) =>
    t.db.getRepository(CustomDomain).save(
      t.db.getRepository(CustomDomain).create({
        agencyId: owner.id,
        hostname,
        verifiedHostname: hostname,
        status: 'active',
        routingFound: true,
        challengeToken: 'x'.repeat(32),
        verifiedAt: new Date(),
      }),
    );

  beforeAll(async () => {
    // A short idle timeout so the stalled-body test does not wait 30 seconds.
    t = await startTestApp({ REQUEST_IDLE_TIMEOUT_SECONDS: '1' });
    f = new Factory(t);
    agency = await f.agency();
    ownerEmail = (await f.agencyUser(agency, 'owner')).email;
    clientEmail = (await f.clientUser(await f.client(agency, [...CLIENT_PERMISSIONS]), 'member')).email;
    await serve(agency, DOMAIN);
    await serve(await f.agency(), OTHER_DOMAIN);
  });
  afterAll(() => t.close());

  describe('sign-in CSRF', () => {
    it('refuses a form-encoded sign-in (what an HTML form on any site can send) with 415 and no cookie', async () => {
      for (const origin of [EVIL, APP_ORIGIN]) {
        const response = await t
          .http()
          .post('/api/v1/auth/login')
          .set('Origin', origin)
          .type('form')
          .send({ email: ownerEmail, password: TEST_PASSWORD });
        expect([403, 415]).toContain(response.status);
        expect(setsRefreshCookie(response)).toBe(false);
      }
      const plain = await t
        .http()
        .post('/api/v1/auth/login')
        .type('form')
        .send({ email: ownerEmail, password: TEST_PASSWORD });
      expect(plain.status).toBe(415);
      expect(plain.body).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'Send the request body as JSON (application/json)',
        requestId: plain.headers['x-request-id'],
      });
      expect(setsRefreshCookie(plain)).toBe(false);
    });

    it('reads JSON only, charset allowed, and multipart only where an upload is declared', async () => {
      const asText = await t
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ email: ownerEmail, password: TEST_PASSWORD }));
      expect(asText.status).toBe(415);
      const multipart = await t
        .http()
        .post('/api/v1/auth/login')
        .field('email', ownerEmail)
        .field('password', TEST_PASSWORD);
      expect(multipart.status).toBe(415);
      expect(setsRefreshCookie(multipart)).toBe(false);
      const withCharset = await t
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ email: ownerEmail, password: TEST_PASSWORD }));
      expect(withCharset.status).toBe(200);
      // An authenticated JSON route refuses a form body too.
      const { accessToken } = await f.signIn(ownerEmail);
      const form = await t
        .http()
        .patch('/api/v1/me')
        .set('Authorization', `Bearer ${accessToken}`)
        .type('form')
        .send({ name: 'Form' });
      expect(form.status).toBe(415);
    });

    it('explains a malformed Content-Type header instead of naming the status alone', async () => {
      for (const type of ['/json', 'application', 'ä/ö']) {
        const response = await t
          .http()
          .post('/api/v1/auth/login')
          .set('Content-Type', type)
          .send(JSON.stringify({ email: ownerEmail, password: TEST_PASSWORD }));
        expect(response.status).toBe(415);
        expect(response.body).toEqual({
          statusCode: 415,
          error: 'Unsupported Media Type',
          message:
            'The Content-Type header is not one this API reads: send the request body as JSON (application/json)',
          requestId: response.headers['x-request-id'],
        });
        expect(setsRefreshCookie(response)).toBe(false);
      }
    });

    it('refuses sign-in from a foreign Origin or a cross-site fetch with 403 and sets no cookie', async () => {
      for (const headers of [
        { Origin: EVIL },
        { Origin: 'null' },
        { Origin: `https://${OTHER_DOMAIN}` },
        { 'Sec-Fetch-Site': 'cross-site' },
        { 'Sec-Fetch-Site': 'cross-site', Origin: APP_ORIGIN },
      ]) {
        const response = await login().set(headers);
        expect({ headers, status: response.status, body: response.body }).toEqual({
          headers,
          status: 403,
          body: {
            statusCode: 403,
            error: 'Forbidden',
            message: 'Sign-in requests are only accepted from this site’s own pages.',
            requestId: response.headers['x-request-id'],
          },
        });
        expect(setsRefreshCookie(response)).toBe(false);
      }
    });

    it('applies the same origin rule to a path spelled with a trailing slash, and knows no other spelling', async () => {
      const loginFromEvilAt = (path: string) =>
        t.http().post(path).set('Origin', EVIL).send({ email: ownerEmail, password: TEST_PASSWORD });
      const slashed = await loginFromEvilAt('/api/v1/auth/login/');
      expect(slashed.status).toBe(403);
      expect(setsRefreshCookie(slashed)).toBe(false);
      // Routes are case-sensitive: another spelling is no route at all, not a way around the rule.
      const shouted = await loginFromEvilAt('/api/v1/AUTH/login');
      expect(shouted.status).toBe(404);
      expect(setsRefreshCookie(shouted)).toBe(false);

      const signedIn = await login();
      expect(signedIn.status).toBe(200);
      const me = await t.http().get('/api/v1/me/').set('Authorization', `Bearer ${signedIn.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(ownerEmail);
    });

    it("signs in from APP_URL's origin, the request's own origin, same-site fetches and non-browser clients", async () => {
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      for (const headers of [
        {},
        { Origin: APP_ORIGIN },
        { Origin: `http://127.0.0.1:${port}` },
        { 'Sec-Fetch-Site': 'same-origin', Origin: APP_ORIGIN },
      ]) {
        const response = await login().set(headers);
        expect({ headers, status: response.status }).toEqual({ headers, status: 200 });
        expect(setsRefreshCookie(response)).toBe(true);
      }
    });

    it("signs in on an agency's custom domain from that domain, not from another agency's", async () => {
      const onDomain = await login(clientEmail).set('Host', DOMAIN).set('Origin', `https://${DOMAIN}`);
      expect(onDomain.status).toBe(200);
      expect(setsRefreshCookie(onDomain)).toBe(true);
      const fromOther = await login(clientEmail).set('Host', DOMAIN).set('Origin', `https://${OTHER_DOMAIN}`);
      expect(fromOther.status).toBe(403);
      expect(setsRefreshCookie(fromOther)).toBe(false);
    });

    it('refuses refresh and logout from a foreign site and leaves the session as it was', async () => {
      const { cookie } = await f.signIn(ownerEmail);
      for (const path of ['/api/v1/auth/refresh', '/api/v1/auth/logout']) {
        const response = await t.http().post(path).set('Cookie', cookie).set('Origin', EVIL);
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
        expect(response.headers['set-cookie']).toBeUndefined();
      }
      // The refresh token was neither rotated nor revoked by the refused calls.
      const refreshed = await t.http().post('/api/v1/auth/refresh').set('Cookie', cookie).set('Origin', APP_ORIGIN);
      expect(refreshed.status).toBe(200);
      expect(refreshCookieFrom(refreshed.headers['set-cookie'])).not.toBe(cookie);
    });

    it('refuses magic-link and invitation sign-ins from a foreign site before looking at the token', async () => {
      for (const [path, body] of [
        ['/api/v1/auth/magic-link', { token: 'a'.repeat(43) }],
        ['/api/v1/invitations/accept', { token: 'a'.repeat(43), name: 'Mallory', password: 'a long passphrase 42' }],
      ] as const) {
        const response = await t.http().post(path).set('Sec-Fetch-Site', 'cross-site').send(body);
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
        expect(setsRefreshCookie(response)).toBe(false);
      }
    });

    it('declares the 403 and 415 answers in the OpenAPI text', () => {
      const document = buildOpenApiDocument(t.app);
      const answers = (path: string, method: 'post' | 'patch') =>
        Object.keys(document.paths[path][method]?.responses ?? {});
      expect(answers('/api/v1/auth/login', 'post')).toEqual(expect.arrayContaining(['403', '415']));
      expect(answers('/api/v1/invitations/accept', 'post')).toContain('403');
      expect(answers('/api/v1/me', 'patch')).toContain('415');
      expect(answers('/api/v1/auth/signup', 'post')).toEqual(expect.arrayContaining(['415']));
      expect(answers('/api/v1/auth/signup', 'post')).not.toContain('403');
    });
  });

  describe('deeply nested JSON', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

    it('answers a 10 KB body nested 5,000 deep with 400, signed in or not', async () => {
      const expected = {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body is nested too deeply',
        requestId: expect.any(String),
      };
      const body = `{"email":${nested(5000)}}`;
      const anonymous = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(body);
      expect(anonymous.status).toBe(400);
      expect(anonymous.body).toEqual(expected);
      const { accessToken } = await f.signIn(ownerEmail);
      const signedIn = await t
        .http()
        .patch('/api/v1/me')
        .set('Authorization', `Bearer ${accessToken}`)
        .set('Content-Type', 'application/json')
        .send(`{"name":${nested(5000)}}`);
      expect(signedIn.status).toBe(400);
      expect(signedIn.body).toEqual(expected);
    });

    it('still reads a body nested a few levels, and brackets inside strings do not count', async () => {
      const response = await t
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ email: ownerEmail, password: TEST_PASSWORD, extra: { a: [[{ b: '[[[[' }]] } }));
      // Past the parser: the validation pipe names the unknown field.
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toEqual(['extra']);
    });
  });

  describe('oversized and stalled bodies', () => {
    /** Sends the headers and the first bytes of a body, then waits for the answer without sending more. */
    const sendPartOfBody = (headers: Record<string, string>, firstBytes: string) => {
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/login', headers });
      const answer = new Promise<{ status: number; headers: IncomingMessage['headers']; body: string }>(
        (resolve, reject) => {
          request.on('response', (response) => {
            let body = '';
            response.on('data', (chunk) => (body += chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
          });
          request.on('error', reject);
        },
      );
      request.flushHeaders();
      request.write(firstBytes);
      return { answer, request };
    };

    it('answers a declared Content-Length over the limit with 413 at once, without waiting for the body', async () => {
      const { answer, request } = sendPartOfBody(
        { 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024) },
        '{"email":',
      );
      try {
        // Without the early answer this waits for 50 MB that never come (the idle cut-off would answer 408).
        const response = await answer;
        expect(response.status).toBe(413);
        expect(JSON.parse(response.body)).toEqual({
          statusCode: 413,
          error: 'Payload Too Large',
          message: 'The request body is too large',
          requestId: expect.any(String),
        });
        expect(response.headers.connection).toBe('close');
      } finally {
        request.destroy();
      }
    });

    it('cuts off a body that stops arriving with 408 and closes the connection', async () => {
      const { answer, request } = sendPartOfBody(
        { 'Content-Type': 'application/json', 'Content-Length': '100' },
        '{"e',
      );
      const closed = new Promise<void>((resolve) => request.on('close', () => resolve()));
      try {
        const response = await answer;
        expect(response.status).toBe(408);
        expect(JSON.parse(response.body)).toMatchObject({ statusCode: 408, error: 'Request Timeout' });
        await closed;
      } finally {
        request.destroy();
      }
      // The server is fine afterwards.
      expect((await login()).status).toBe(200);
    });

    it('keeps reading a slow body that keeps sending, for longer than the idle timeout in total', async () => {
      const body = Buffer.from(
        JSON.stringify({ email: ownerEmail, password: TEST_PASSWORD }).replace('{', '{' + ' '.repeat(60)),
      );
      const { answer, request } = sendPartOfBody(
        { 'Content-Type': 'application/json', 'Content-Length': String(body.length) },
        '',
      );
      // 10 pieces, 250 ms apart: 2.5 seconds in all against a 1-second idle timeout.
      const pieces = 10;
      const size = Math.ceil(body.length / pieces);
      for (let i = 0; i < pieces; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        request.write(body.subarray(i * size, (i + 1) * size));
      }
      request.end();
      const response = await answer;
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body).accessToken).toEqual(expect.any(String));
    });
  });

  describe('caching of personal answers', () => {
    it('marks signed-in answers, token answers and errors no-store', async () => {
      const signIn = await login();
      expect(signIn.headers['cache-control']).toBe('no-store');
      const bearer = { Authorization: `Bearer ${signIn.body.accessToken}` };
      for (const path of ['/api/v1/me', '/api/v1/clients', '/api/v1/media']) {
        const response = await t.http().get(path).set(bearer);
        expect({ path, status: response.status, cacheControl: response.headers['cache-control'] }).toEqual({
          path,
          status: 200,
          cacheControl: 'no-store',
        });
      }
      const refreshed = await t
        .http()
        .post('/api/v1/auth/refresh')
        .set('Cookie', refreshCookieFrom(signIn.headers['set-cookie']));
      expect(refreshed.headers['cache-control']).toBe('no-store');
      const refused = await t.http().get('/api/v1/me');
      expect(refused.status).toBe(401);
      expect(refused.headers['cache-control']).toBe('no-store');
    });

    it('leaves a route its own caching: signed file downloads (and uploads still work)', async () => {
      const { accessToken } = await f.signIn(clientEmail);
      const upload = await t
        .http()
        .post('/api/v1/portal/media')
        .set('Authorization', `Bearer ${accessToken}`)
        .attach('file', await jpeg(64, 48), { filename: 'small.jpg' });
      expect(upload.status).toBe(201);
      const download = await t.http().get(upload.body.stored[0].downloadUrl);
      expect(download.status).toBe(200);
      expect(download.headers['cache-control']).toBe('private, max-age=300');
    });
  });
});
