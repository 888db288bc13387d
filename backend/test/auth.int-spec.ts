import { createHash } from 'node:crypto';
import { IsNull } from 'typeorm';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { Agency } from '../src/core/tenancy/entities/agency.entity';
import { OneTimeToken } from '../src/modules/auth/entities/one-time-token.entity';
import { Session } from '../src/core/tenancy/entities/session.entity';
import { User } from '../src/core/tenancy/entities/user.entity';
import { Factory, refreshCookieFrom, TEST_PASSWORD, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { withoutRequestId } from './support/error-body';

describe('Authentication', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t);
  });
  afterAll(() => t.close());

  const signup = (email: string, overrides: Record<string, unknown> = {}) =>
    t
      .http()
      .post('/api/v1/auth/signup')
      .send({
        agencyName: 'Fresh Agency',
        name: 'Fran Fresh',
        email,
        password: TEST_PASSWORD,
        ...overrides,
      });

  describe('sign-up, confirmation and sign-in', () => {
    it('creates the agency and its owner, emails a confirmation link, and lets the owner in', async () => {
      const email = uniqueEmail('owner');
      const created = await signup(email.toUpperCase());
      expect(created.status).toBe(201);
      expect(created.body.message).toMatch(/check your inbox/i);

      const user = await t.db.getRepository(User).findOneByOrFail({ email });
      expect(user.kind).toBe('agency');
      expect(user.emailConfirmedAt).toBeNull();
      const agency = await t.db.getRepository(Agency).findOneByOrFail({ id: user.agencyId });
      expect(agency).toMatchObject({ name: 'Fresh Agency', plan: 'full' });

      const token = await t.tokenFromEmail(email, '/confirm-email');
      const confirmed = await t.http().post('/api/v1/auth/confirm-email').send({ token });
      expect(confirmed.status).toBe(200);
      // Single use: the same link cannot confirm twice.
      expect((await t.http().post('/api/v1/auth/confirm-email').send({ token })).status).toBe(400);

      const login = await t.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.me).toMatchObject({
        email,
        audience: 'agency',
        agencyRole: 'owner',
        emailConfirmed: true,
        clients: [],
      });
      const cookie = (login.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('atrium_rt='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/);

      const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body.agency.name).toBe('Fresh Agency');
      const audit = await t.db.getRepository(AuditLog).findBy({ agencyId: agency.id });
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['auth.signup', 'auth.email_confirmed', 'auth.login']),
      );
    });

    it('answers a sign-up for an existing email exactly like a new one, and creates nothing', async () => {
      const owner = await factory.agencyUser(await factory.agency(), 'owner');
      const agenciesBefore = await t.db.getRepository(Agency).count();
      const fresh = await signup(uniqueEmail('new'));
      const existing = await signup(owner.email);
      expect(existing.status).toBe(fresh.status);
      expect(existing.body).toEqual(fresh.body);
      expect(await t.db.getRepository(Agency).count()).toBe(agenciesBefore + 1);
      const [heads_up] = await t.emailsTo(owner.email);
      expect(heads_up.subject).toMatch(/tried to sign up/i);
    });

    it('refuses bad input with a 400 naming each field, and changes nothing', async () => {
      const agenciesBefore = await t.db.getRepository(Agency).count();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ email: 'not-an-email' }, 'email'],
        [{ password: 'short' }, 'password'],
        [{ name: 'x'.repeat(10_000) }, 'name'],
        [{ agencyName: '' }, 'agencyName'],
        [{ role: 'owner' }, 'role'],
        [{ agencyId: '00000000-0000-0000-0000-000000000000' }, 'agencyId'],
        [{ password: 'password123' }, 'password'],
      ];
      for (const [overrides, field] of cases) {
        const response = await signup(uniqueEmail('bad'), overrides);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({
          statusCode: 400,
          error: 'Bad Request',
        });
        expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect(await t.db.getRepository(Agency).count()).toBe(agenciesBefore);
    });

    it('answers malformed JSON with a 400 in the error shape', async () => {
      const response = await t
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email":');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body is not valid JSON',
        requestId: response.headers['x-request-id'],
      });
    });
  });

  describe('no user enumeration', () => {
    it('gives an unknown email and a wrong password identical answers', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      const unknown = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail('ghost'), password: TEST_PASSWORD });
      const wrong = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'not the password at all' });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(wrong.body));
      expect(unknown.headers['set-cookie']).toBeUndefined();
    });

    it('gives a deactivated user the same answer as a wrong password', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'member');
      await t.db.getRepository(User).update({ id: user.id }, { status: 'deactivated' });
      const deactivated = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD });
      const wrong = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'not the password at all' });
      expect(deactivated.status).toBe(401);
      expect(withoutRequestId(deactivated.body)).toEqual(withoutRequestId(wrong.body));
    });

    it('answers forgot-password and resend-confirmation the same for known and unknown emails', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      for (const path of ['/api/v1/auth/forgot-password', '/api/v1/auth/resend-confirmation']) {
        const known = await t.http().post(path).send({ email: user.email });
        const unknown = await t
          .http()
          .post(path)
          .send({ email: uniqueEmail('ghost') });
        expect(known.status).toBe(202);
        expect(unknown.status).toBe(202);
        expect(known.body).toEqual(unknown.body);
      }
    });
  });

  describe('sessions', () => {
    it('rotates the refresh token, and a reused one kills the whole session', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      const { accessToken, cookie: first } = await factory.signIn(user.email);

      const rotated = await t.http().post('/api/v1/auth/refresh').set('Cookie', first);
      expect(rotated.status).toBe(200);
      const second = refreshCookieFrom(rotated.headers['set-cookie']);
      expect(second).not.toBe(first);

      // The first cookie was rotated away: presenting it again is reuse.
      const replay = await t.http().post('/api/v1/auth/refresh').set('Cookie', first);
      expect(replay.status).toBe(401);
      // ... and the legitimate holder's newer token and the access tokens are dead too.
      expect((await t.http().post('/api/v1/auth/refresh').set('Cookie', second)).status).toBe(401);
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`)).status).toBe(401);
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${rotated.body.accessToken}`)).status).toBe(
        401,
      );
      const audit = await t.db
        .getRepository(AuditLog)
        .findBy({ actorUserId: user.id, action: 'auth.refresh_token_reused' });
      expect(audit).toHaveLength(1);
    });

    it('refuses a forged secret for a known session without ending the session', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      const { accessToken, cookie } = await factory.signIn(user.email);
      const sessionId = cookie.split('=')[1].split('.')[0];
      const forged = await t
        .http()
        .post('/api/v1/auth/refresh')
        .set('Cookie', `atrium_rt=${sessionId}.${'A'.repeat(43)}`);
      expect(forged.status).toBe(401);
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`)).status).toBe(200);
      expect((await t.http().post('/api/v1/auth/refresh').set('Cookie', cookie)).status).toBe(200);
    });

    it('lets only one of two concurrent refreshes with the same token win', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      const { cookie } = await factory.signIn(user.email);
      const results = await Promise.all([
        t.http().post('/api/v1/auth/refresh').set('Cookie', cookie),
        t.http().post('/api/v1/auth/refresh').set('Cookie', cookie),
      ]);
      expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    });

    it('signs out: the refresh cookie is cleared and the session refused', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      const { accessToken, cookie } = await factory.signIn(user.email);
      // Used once first, so the server has verified (and remembered) the token before the sign-out.
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`)).status).toBe(200);
      const logout = await t.http().post('/api/v1/auth/logout').set('Cookie', cookie);
      expect(logout.status).toBe(204);
      expect(String(logout.headers['set-cookie'])).toMatch(/atrium_rt=;/);
      expect((await t.http().post('/api/v1/auth/refresh').set('Cookie', cookie)).status).toBe(401);
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`)).status).toBe(401);
    });

    it('refuses a still-valid access token on the very next request once the user is deactivated', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'admin');
      const { accessToken } = await factory.signIn(user.email);
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`)).status).toBe(200);
      await t.db.getRepository(User).update({ id: user.id }, { status: 'deactivated' });
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`)).status).toBe(401);
    });

    it('refuses a still-valid access token once the user is removed from the database', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'member');
      const { accessToken } = await factory.signIn(user.email);
      await t.db.getRepository(User).delete({ id: user.id });
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`)).status).toBe(401);
    });

    it('refuses a token signed with another secret, and a tampered one', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      const { accessToken } = await factory.signIn(user.email);
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`)).status).toBe(200);
      const [header, payload, signature] = accessToken.split('.');
      const tampered = `${header}.${payload}.${signature.slice(0, -4)}AAAA`;
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${tampered}`)).status).toBe(401);
      expect((await t.http().get('/api/v1/me').set('Authorization', 'Bearer not-a-jwt')).status).toBe(401);
      expect((await t.http().get('/api/v1/me')).status).toBe(401);
    });
  });

  describe('password reset', () => {
    it('builds the link from APP_URL even when the request carries a foreign Host header', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      // A host that is neither the installation nor an active custom domain gets no portal at all.
      const foreign = await t
        .http()
        .post('/api/v1/auth/forgot-password')
        .set('Host', 'evil.example.net')
        .set('X-Forwarded-Host', 'evil.example.net')
        .send({ email: user.email });
      expect(foreign.status).toBe(404);
      expect(await t.emailsTo(user.email)).toEqual([]);
      // On the installation, a forwarded host (not trusted here) does not make it into the link either.
      const response = await t
        .http()
        .post('/api/v1/auth/forgot-password')
        .set('X-Forwarded-Host', 'evil.example.net')
        .send({ email: user.email });
      expect(response.status).toBe(202);
      const [email] = await t.emailsTo(user.email);
      expect(email.textBody).toContain('https://portal.atrium.test/reset-password?token=');
      expect(email.textBody + email.htmlBody).not.toContain('evil.example.net');
    });

    it('sets the new password, spends the link and ends every other session', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      const before = await factory.signIn(user.email);
      await t.http().post('/api/v1/auth/forgot-password').send({ email: user.email });
      const token = await t.tokenFromEmail(user.email, '/reset-password');

      const weak = await t.http().post('/api/v1/auth/reset-password').send({ token, password: 'password1' });
      expect(weak.status).toBe(400);
      expect(weak.body.details[0].field).toBe('password');

      const reset = await t
        .http()
        .post('/api/v1/auth/reset-password')
        .send({ token, password: 'a brand new passphrase' });
      expect(reset.status).toBe(200);
      expect(
        (await t.http().post('/api/v1/auth/reset-password').send({ token, password: 'another new passphrase' })).status,
      ).toBe(400);
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${before.accessToken}`)).status).toBe(401);
      expect(
        (await t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD })).status,
      ).toBe(401);
      expect(
        (await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'a brand new passphrase' }))
          .status,
      ).toBe(200);
    });

    it('only honours the newest link', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      await t.http().post('/api/v1/auth/forgot-password').send({ email: user.email });
      const older = await t.tokenFromEmail(user.email, '/reset-password');
      await t.http().post('/api/v1/auth/forgot-password').send({ email: user.email });
      expect(
        (await t.http().post('/api/v1/auth/reset-password').send({ token: older, password: 'a brand new passphrase' }))
          .status,
      ).toBe(400);
    });

    it('refuses an expired link', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      await t.http().post('/api/v1/auth/forgot-password').send({ email: user.email });
      const token = await t.tokenFromEmail(user.email, '/reset-password');
      await t.db
        .getRepository(OneTimeToken)
        .update({ userId: user.id, usedAt: IsNull() }, { expiresAt: new Date(Date.now() - 1000) });
      expect(
        (await t.http().post('/api/v1/auth/reset-password').send({ token, password: 'a brand new passphrase' })).status,
      ).toBe(400);
    });
  });

  describe('what the database holds', () => {
    it('stores only hashes of passwords, refresh tokens and email tokens', async () => {
      const email = uniqueEmail('secret');
      await signup(email);
      const confirmToken = await t.tokenFromEmail(email, '/confirm-email');
      await t.http().post('/api/v1/auth/confirm-email').send({ token: confirmToken });
      const { cookie } = await factory.signIn(email);
      const refreshSecret = cookie.split('=')[1].split('.')[1];

      const user = await t.db.getRepository(User).findOneByOrFail({ email });
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(user.passwordHash).not.toContain(TEST_PASSWORD);

      const sessions = await t.db.getRepository(Session).findBy({ userId: user.id });
      expect(sessions).toHaveLength(1);
      expect(sessions[0].refreshTokenHash).toBe(createHash('sha256').update(refreshSecret).digest('hex'));

      const tokens = await t.db.getRepository(OneTimeToken).findBy({ userId: user.id });
      expect(tokens.map((row) => row.tokenHash)).toContain(createHash('sha256').update(confirmToken).digest('hex'));

      // Nowhere in any table does a raw secret appear.
      const dump = JSON.stringify(
        await Promise.all(
          ['users', 'sessions', 'one_time_tokens', 'audit_logs'].map((table) => t.db.query(`SELECT * FROM ${table}`)),
        ),
      );
      expect(dump).not.toContain(TEST_PASSWORD);
      expect(dump).not.toContain(refreshSecret);
      expect(dump).not.toContain(confirmToken);
    });

    it('never returns a hash in a response', async () => {
      const user = await factory.agencyUser(await factory.agency(), 'owner');
      const login = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD });
      expect(JSON.stringify(login.body)).not.toMatch(/argon2|passwordHash|refreshTokenHash/);
    });
  });

  describe('rate limits', () => {
    it('slows sign-in down per account after a few failures, whether or not the account exists', async () => {
      for (const email of [(await factory.agencyUser(await factory.agency(), 'owner')).email, uniqueEmail('ghost')]) {
        const statuses: number[] = [];
        let limited = null;
        // Growing waits (LoginThrottle): the first failures are free, then the next attempt must wait.
        for (let attempt = 0; attempt < 12 && !limited; attempt++) {
          const answer = await t.http().post('/api/v1/auth/login').send({ email, password: 'wrong wrong wrong' });
          if (answer.status === 429) limited = answer;
          else statuses.push(answer.status);
        }
        expect(statuses.length).toBeGreaterThan(5);
        expect(statuses.every((s) => s === 401)).toBe(true);
        expect(limited?.status).toBe(429);
        expect(limited?.body.message).toMatch(/too many attempts/i);
        expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
      }
    });
  });
});
