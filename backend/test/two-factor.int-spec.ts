import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { generateSync } from 'otplib';
import { IsNull, Not } from 'typeorm';
import {
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_PATTERN,
  TWO_FACTOR_CHALLENGE_TTL_SECONDS,
  TWO_FACTOR_PATHS,
  TOTP_PERIOD_SECONDS,
} from '@atrium/shared';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { accessTokenKey } from '../src/core/auth/jwt-key';
import { RATE_LIMITS } from '../src/core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../src/core/rate-limit/rate-limit.service';
import { Agency } from '../src/core/tenancy/entities/agency.entity';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import { Session } from '../src/core/tenancy/entities/session.entity';
import { User } from '../src/core/tenancy/entities/user.entity';
import { CustomDomain } from '../src/modules/domains/entities/custom-domain.entity';
import { TwoFactorCredential } from '../src/modules/two-factor/entities/two-factor-credential.entity';
import { TwoFactorRecoveryCode } from '../src/modules/two-factor/entities/two-factor-recovery-code.entity';
import { TWO_FACTOR_CHALLENGE_AUDIENCE } from '../src/modules/two-factor/two-factor-challenges.service';
import { Factory, refreshCookieFrom, TEST_PASSWORD } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Two-factor authentication end to end over HTTP: enrolment in settings, the challenge every
 * sign-in method answers instead of a session, verification (TOTP, replay, recovery codes, rate
 * limits), turning it off, and the agency's policy walking people through enrolment at sign-in.
 */
const INSTALLATION = 'portal.atrium.test'; // APP_URL's hostname in the test configuration
const DOMAIN = `portal-${randomBytes(3).toString('hex')}.acme.test`;

describe('Two-factor authentication', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) => t.http().put(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const login = (email: string, host = INSTALLATION) =>
    t.http().post('/api/v1/auth/login').set('Host', host).send({ email, password: TEST_PASSWORD });
  const verify = (challengeToken: string, code: string, host = INSTALLATION) =>
    t.http().post(TWO_FACTOR_PATHS.verify).set('Host', host).send({ challengeToken, code });

  /** A code for the first time step the user has not used yet (never older than now's). */
  const nextCode = async (user: User, secret: string): Promise<string> => {
    const credential = await t.db.getRepository(TwoFactorCredential).findOneByOrFail({ userId: user.id });
    const now = Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);
    const step = Math.max((credential.lastUsedTimeStep ?? -1) + 1, now);
    return generateSync({ secret, epoch: step * TOTP_PERIOD_SECONDS });
  };
  /** Six digits that are not the code of now's step. */
  const wrongCode = (secret: string) => {
    const right = generateSync({ secret });
    return right.slice(0, 5) + String((Number(right[5]) + 1) % 10);
  };
  const sessionsOf = (user: User) => t.db.getRepository(Session).countBy({ userId: user.id });
  const actions = async (user: User) =>
    (await t.db.getRepository(AuditLog).find({ where: [{ actorUserId: user.id }, { targetId: user.id }] })).map(
      (row) => row.action,
    );

  /** Sets two-factor up from settings: the secret and the recovery codes. */
  const enrol = async (user: User): Promise<{ secret: string; recoveryCodes: string[] }> => {
    const { accessToken } = await f.signIn(user.email);
    const setup = await as(accessToken).post(TWO_FACTOR_PATHS.setup);
    expect(setup.status).toBe(200);
    const enabled = await as(accessToken).post(TWO_FACTOR_PATHS.enable, {
      code: generateSync({ secret: setup.body.secret }),
    });
    expect(enabled.status).toBe(200);
    return { secret: setup.body.secret, recoveryCodes: enabled.body.recoveryCodes };
  };
  const challenge = async (email: string, host = INSTALLATION): Promise<string> => {
    const response = await login(email, host);
    expect(response.status).toBe(200);
    expect(response.body.twoFactor).toBe('code');
    return response.body.challengeToken;
  };

  describe('enrolment in settings and the sign-in challenge', () => {
    let agency: Agency;
    let user: User;
    let secret: string;
    let recoveryCodes: string[];

    beforeAll(async () => {
      agency = await f.agency();
      user = await f.agencyUser(agency, 'member');
    });

    it('sets up with a QR code, turns on with the first code and answers the recovery codes once', async () => {
      const { accessToken } = await f.signIn(user.email);
      const before = await as(accessToken).get(TWO_FACTOR_PATHS.status);
      expect(before.body).toEqual({
        enabled: false,
        enabledAt: null,
        recoveryCodesLeft: 0,
        required: false,
        hasPassword: true,
      });

      const setup = await as(accessToken).post(TWO_FACTOR_PATHS.setup);
      expect(setup.status).toBe(200);
      secret = setup.body.secret;
      expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
      expect(setup.body.otpauthUri).toContain('issuer=Atrium');
      expect(setup.body.otpauthUri).toContain(encodeURIComponent(user.email));
      expect(setup.body.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
      const stored = await t.db.getRepository(TwoFactorCredential).findOneByOrFail({ userId: user.id });
      expect(stored.enabledAt).toBeNull();
      expect(stored.secretSealed).not.toContain(secret);

      const wrong = await as(accessToken).post(TWO_FACTOR_PATHS.enable, { code: wrongCode(secret) });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'code' })]);

      const enabled = await as(accessToken).post(TWO_FACTOR_PATHS.enable, { code: generateSync({ secret }) });
      expect(enabled.status).toBe(200);
      recoveryCodes = enabled.body.recoveryCodes;
      expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
      for (const code of recoveryCodes) expect(code).toMatch(RECOVERY_CODE_PATTERN);
      const hashes = await t.db.getRepository(TwoFactorRecoveryCode).findBy({ userId: user.id });
      expect(hashes.map((row) => row.codeHash)).not.toEqual(expect.arrayContaining([recoveryCodes[0]]));
      expect(hashes).toHaveLength(RECOVERY_CODE_COUNT);

      const after = await as(accessToken).get(TWO_FACTOR_PATHS.status);
      expect(after.body).toMatchObject({ enabled: true, recoveryCodesLeft: RECOVERY_CODE_COUNT, required: false });
      expect((await as(accessToken).post(TWO_FACTOR_PATHS.setup)).status).toBe(409);
      expect(await actions(user)).toEqual(
        expect.arrayContaining(['auth.two_factor.setup_started', 'auth.two_factor.enabled']),
      );
    });

    it('answers a challenge instead of a session; a code opens it, and the same code is refused again', async () => {
      const sessionsBefore = await sessionsOf(user);
      const response = await login(user.email);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        twoFactor: 'code',
        challengeToken: expect.any(String),
        expiresIn: TWO_FACTOR_CHALLENGE_TTL_SECONDS,
      });
      expect(response.headers['set-cookie']).toBeUndefined();
      const challengeToken = response.body.challengeToken as string;

      const wrong = await verify(challengeToken, wrongCode(secret));
      expect(wrong.status).toBe(401);
      expect(wrong.body.message).toMatch(/code is not right/i);
      expect(await sessionsOf(user)).toBe(sessionsBefore);

      const code = await nextCode(user, secret);
      const verified = await verify(challengeToken, code);
      expect(verified.status).toBe(200);
      expect(verified.body.me).toMatchObject({ email: user.email, audience: 'agency' });
      expect(refreshCookieFrom(verified.headers['set-cookie'])).toMatch(/^atrium_rt=/);
      expect((await as(verified.body.accessToken).get('/api/v1/me')).status).toBe(200);
      expect(await sessionsOf(user)).toBe(sessionsBefore + 1);

      // Replayed, on the same challenge and on a new one: refused, nothing opened.
      expect((await verify(challengeToken, code)).status).toBe(401);
      expect((await verify(await challenge(user.email), code)).status).toBe(401);
      expect(await sessionsOf(user)).toBe(sessionsBefore + 1);

      expect(await actions(user)).toEqual(
        expect.arrayContaining([
          'auth.two_factor.challenged',
          'auth.two_factor.failed',
          'auth.two_factor.verified',
          'auth.login',
        ]),
      );
    });

    it('accepts each recovery code once', async () => {
      const used = await verify(await challenge(user.email), recoveryCodes[0].toUpperCase());
      expect(used.status).toBe(200);
      expect(used.body.accessToken).toEqual(expect.any(String));
      expect((await verify(await challenge(user.email), recoveryCodes[0])).status).toBe(401);

      const status = await as(used.body.accessToken).get(TWO_FACTOR_PATHS.status);
      expect(status.body.recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT - 1);
      expect(await actions(user)).toContain('auth.two_factor.recovery_code_used');
    });

    it('regenerates recovery codes and turns off only with the password and a code', async () => {
      // Sign-in and settings share one budget of code attempts per user; the tests above spent most of it.
      await t.app.get(RateLimitService).reset(RATE_LIMITS.twoFactorPerUser, user.id);
      const { accessToken } = (await verify(await challenge(user.email), recoveryCodes[1])).body as {
        accessToken: string;
      };

      const noPassword = await as(accessToken).post(TWO_FACTOR_PATHS.disable, { code: recoveryCodes[2] });
      expect(noPassword.status).toBe(400);
      expect(noPassword.body.details).toEqual([expect.objectContaining({ field: 'password' })]);
      const wrongPassword = await as(accessToken).post(TWO_FACTOR_PATHS.disable, {
        password: 'not the password at all',
        code: recoveryCodes[2],
      });
      expect(wrongPassword.status).toBe(400);
      const noCode = await as(accessToken).post(TWO_FACTOR_PATHS.disable, { password: TEST_PASSWORD, code: '123' });
      expect(noCode.status).toBe(400);
      expect(noCode.body.details).toEqual([expect.objectContaining({ field: 'code' })]);

      const regenerated = await as(accessToken).post(TWO_FACTOR_PATHS.recoveryCodes, {
        password: TEST_PASSWORD,
        code: recoveryCodes[2],
      });
      expect(regenerated.status).toBe(200);
      const fresh = regenerated.body.recoveryCodes as string[];
      expect(fresh).toHaveLength(RECOVERY_CODE_COUNT);
      // The old codes are gone with the regeneration.
      expect((await verify(await challenge(user.email), recoveryCodes[3])).status).toBe(401);

      const disabled = await as(accessToken).post(TWO_FACTOR_PATHS.disable, {
        password: TEST_PASSWORD,
        code: fresh[0],
      });
      expect(disabled.status).toBe(204);
      expect(await t.db.getRepository(TwoFactorCredential).countBy({ userId: user.id })).toBe(0);
      expect(await t.db.getRepository(TwoFactorRecoveryCode).countBy({ userId: user.id })).toBe(0);
      const signIn = await login(user.email);
      expect(signIn.body.accessToken).toEqual(expect.any(String));
      expect(await actions(user)).toEqual(
        expect.arrayContaining(['auth.two_factor.recovery_codes_regenerated', 'auth.two_factor.disabled']),
      );
    });
  });

  it('limits attempts per user: a guesser gets 429, and then not even the right code opens a session', async () => {
    const agency = await f.agency();
    const user = await f.agencyUser(agency, 'member');
    const { secret } = await enrol(user);
    const challengeToken = await challenge(user.email);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12 && !statuses.includes(429); attempt++)
      statuses.push((await verify(challengeToken, wrongCode(secret))).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
    const sessions = await sessionsOf(user);
    const blocked = await verify(challengeToken, await nextCode(user, secret));
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toEqual(expect.any(String));
    expect(await sessionsOf(user)).toBe(sessions);
  });

  it('lets only one of two requests racing with one code open a session', async () => {
    const agency = await f.agency();
    const user = await f.agencyUser(agency, 'member');
    const { secret } = await enrol(user);
    const [first, second] = [await challenge(user.email), await challenge(user.email)];
    const sessions = await sessionsOf(user);
    const code = await nextCode(user, secret);
    const answers = await Promise.all([verify(first, code), verify(second, code)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    expect(await sessionsOf(user)).toBe(sessions + 1);
  });

  it("never opens one user's session with another's challenge, an expired challenge or an access token", async () => {
    const agency = await f.agency();
    const alice = await f.agencyUser(agency, 'member');
    const bob = await f.agencyUser(agency, 'member');
    await enrol(alice);
    const bobs = await enrol(bob);
    const sessions = { alice: await sessionsOf(alice), bob: await sessionsOf(bob) };

    // Bob's valid code on Alice's challenge: checked against Alice's secret, refused.
    expect((await verify(await challenge(alice.email), await nextCode(bob, bobs.secret))).status).toBe(401);
    // Bob's recovery code on Alice's challenge: not hers, refused and not spent.
    expect((await verify(await challenge(alice.email), bobs.recoveryCodes[0])).status).toBe(401);
    expect(await t.db.getRepository(TwoFactorRecoveryCode).countBy({ userId: bob.id, usedAt: Not(IsNull()) })).toBe(0);

    const jwt = t.app.get(JwtService);
    const signed = (payload: object) =>
      jwt.sign(payload, {
        privateKey: accessTokenKey(t.config.jwtSecret),
        algorithm: 'HS256',
        audience: TWO_FACTOR_CHALLENGE_AUDIENCE,
        issuer: 'atrium',
      });
    const now = Math.floor(Date.now() / 1000);
    const expired = signed({
      sub: bob.id,
      tfa: 'code',
      via: 'password',
      host: null,
      iat: now - TWO_FACTOR_CHALLENGE_TTL_SECONDS - 60,
      exp: now - 60,
    });
    const refused = await verify(expired, bobs.recoveryCodes[0]);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/expired/i);
    // Edited to name Bob: the signature no longer holds.
    const [header, , signature] = (await challenge(alice.email)).split('.');
    const forged = [
      header,
      Buffer.from(JSON.stringify({ sub: bob.id, tfa: 'code', via: 'password', host: null, exp: now + 300 })).toString(
        'base64url',
      ),
      signature,
    ].join('.');
    expect((await verify(forged, bobs.recoveryCodes[0])).status).toBe(401);
    // An access token is not a challenge.
    const { accessToken } = (await verify(await challenge(bob.email), bobs.recoveryCodes[1])).body as {
      accessToken: string;
    };
    expect((await verify(accessToken, bobs.recoveryCodes[2])).status).toBe(401);

    expect(await sessionsOf(alice)).toBe(sessions.alice);
    expect(await sessionsOf(bob)).toBe(sessions.bob + 1);
  });

  describe('the agency policy', () => {
    let agency: Agency;
    let client: Client;
    let owner: User;
    let ownerToken: string;

    beforeAll(async () => {
      agency = await f.agency('Policy Agency');
      client = await f.client(agency);
      owner = await f.agencyUser(agency, 'owner');
      ownerToken = (await f.signIn(owner.email)).accessToken;
    });
    afterEach(() =>
      t.db
        .getRepository(Agency)
        .update({ id: agency.id }, { requireTwoFactorForTeam: false, requireTwoFactorForClients: false }),
    );

    it('is read by agency users and changed by the owner only, audited', async () => {
      const admin = await f.agencyUser(agency, 'admin');
      const adminToken = (await f.signIn(admin.email)).accessToken;
      expect((await as(adminToken).get(TWO_FACTOR_PATHS.agencyPolicy)).body).toEqual({
        requireTwoFactorForTeam: false,
        requireTwoFactorForClients: false,
      });
      const policy = { requireTwoFactorForTeam: true, requireTwoFactorForClients: false };
      expect((await as(adminToken).put(TWO_FACTOR_PATHS.agencyPolicy, policy)).status).toBe(403);
      const bad = await as(ownerToken).put(TWO_FACTOR_PATHS.agencyPolicy, { requireTwoFactorForTeam: 'yes' });
      expect(bad.status).toBe(400);
      const saved = await as(ownerToken).put(TWO_FACTOR_PATHS.agencyPolicy, policy);
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual(policy);
      expect(await t.db.getRepository(Agency).findOneByOrFail({ id: agency.id })).toMatchObject(policy);
      // Sessions already open continue.
      expect((await as(adminToken).get('/api/v1/me')).status).toBe(200);
      const audit = await t.db
        .getRepository(AuditLog)
        .findOneByOrFail({ agencyId: agency.id, action: 'agency.security_policy_updated' });
      expect(audit.actorUserId).toBe(owner.id);
    });

    it('walks a team member without two-factor through enrolment at sign-in, and keeps it on', async () => {
      const member = await f.agencyUser(agency, 'member');
      await as(ownerToken).put(TWO_FACTOR_PATHS.agencyPolicy, {
        requireTwoFactorForTeam: true,
        requireTwoFactorForClients: false,
      });
      const signIn = await login(member.email);
      expect(signIn.body).toMatchObject({ twoFactor: 'enrol' });
      expect(signIn.body.accessToken).toBeUndefined();
      const challengeToken = signIn.body.challengeToken as string;
      // An enrolment challenge is not a code challenge.
      expect((await verify(challengeToken, '123456')).status).toBe(401);

      const started = await t.http().post(TWO_FACTOR_PATHS.enrolStart).send({ challengeToken });
      expect(started.status).toBe(200);
      expect(started.body.otpauthUri).toContain('issuer=Atrium');
      const secret = started.body.secret as string;
      const finish = (code: string) => t.http().post(TWO_FACTOR_PATHS.enrolFinish).send({ challengeToken, code });
      expect((await finish(wrongCode(secret))).status).toBe(401);
      expect(await sessionsOf(member)).toBe(0);

      const finished = await finish(generateSync({ secret }));
      expect(finished.status).toBe(200);
      expect(finished.body.me).toMatchObject({ email: member.email, agencyRole: 'member' });
      expect(finished.body.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
      expect(refreshCookieFrom(finished.headers['set-cookie'])).toMatch(/^atrium_rt=/);
      const token = finished.body.accessToken as string;
      expect((await as(token).get('/api/v1/me')).status).toBe(200);
      expect((await finish(generateSync({ secret }))).status).toBe(401);

      const status = await as(token).get(TWO_FACTOR_PATHS.status);
      expect(status.body).toMatchObject({ enabled: true, required: true });
      const off = await as(token).post(TWO_FACTOR_PATHS.disable, {
        password: TEST_PASSWORD,
        code: finished.body.recoveryCodes[0],
      });
      expect(off.status).toBe(409);
      expect(off.body.message).toMatch(/requires two-factor/i);
      expect(await t.db.getRepository(TwoFactorCredential).countBy({ userId: member.id })).toBe(1);

      // Next sign-in: a code, like anyone with two-factor on.
      expect((await login(member.email)).body.twoFactor).toBe('code');
      expect(await actions(member)).toEqual(
        expect.arrayContaining(['auth.two_factor.setup_started', 'auth.two_factor.enabled', 'auth.login']),
      );
    });

    it('asks an invited client user to enrol after accepting, the invitation accepted either way', async () => {
      await as(ownerToken).put(TWO_FACTOR_PATHS.agencyPolicy, {
        requireTwoFactorForTeam: false,
        requireTwoFactorForClients: true,
      });
      const email = `invitee-${randomBytes(4).toString('hex')}@example.com`;
      const invited = await as(ownerToken).post(`/api/v1/clients/${client.id}/invitations`, {
        name: 'Ivy Invitee',
        email,
        role: 'member',
      });
      expect(invited.status).toBe(201);
      const token = await t.tokenFromEmail(email, '/invite');
      const accepted = await t
        .http()
        .post('/api/v1/invitations/accept')
        .send({ token, name: 'Ivy Invitee', password: 'ivy has a passphrase' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ twoFactor: 'enrol' });
      expect(accepted.headers['set-cookie']).toBeUndefined();
      const invitee = await t.db.getRepository(User).findOneByOrFail({ email });
      expect(await sessionsOf(invitee)).toBe(0);

      const challengeToken = accepted.body.challengeToken as string;
      const started = await t.http().post(TWO_FACTOR_PATHS.enrolStart).send({ challengeToken });
      const finished = await t
        .http()
        .post(TWO_FACTOR_PATHS.enrolFinish)
        .send({ challengeToken, code: generateSync({ secret: started.body.secret }) });
      expect(finished.status).toBe(200);
      expect(finished.body.me).toMatchObject({ audience: 'client', clients: [{ id: client.id }] });
      expect(await actions(invitee)).toEqual(expect.arrayContaining(['invitation.accepted', 'auth.login.invitation']));
    });

    it('asks client users signing in by magic link to enrol, labelled with the brand, on the host they came from', async () => {
      const clientUser = await f.clientUser(client);
      await as(ownerToken).put(TWO_FACTOR_PATHS.agencyPolicy, {
        requireTwoFactorForTeam: false,
        requireTwoFactorForClients: true,
      });
      // The team is not affected by the clients' rule.
      expect((await login(owner.email)).body.accessToken).toEqual(expect.any(String));

      const domains = t.db.getRepository(CustomDomain);
      await domains.save(
        domains.create({
          agencyId: agency.id,
          hostname: DOMAIN,
          verifiedHostname: DOMAIN,
          status: 'active',
          routingFound: true,
          challengeToken: randomBytes(24).toString('base64url'),
        }),
      );
      const link = await as(ownerToken).post(`/api/v1/client-users/${clientUser.id}/magic-link`);
      expect(link.status).toBe(200);
      const token = new URL(link.body.url as string).searchParams.get('token');
      const signIn = await t.http().post('/api/v1/auth/magic-link').set('Host', DOMAIN).send({ token });
      expect(signIn.status).toBe(200);
      expect(signIn.body).toMatchObject({ twoFactor: 'enrol' });
      const challengeToken = signIn.body.challengeToken as string;

      // Made on the custom domain: refused on the installation's address.
      const elsewhere = await t
        .http()
        .post(TWO_FACTOR_PATHS.enrolStart)
        .set('Host', INSTALLATION)
        .send({ challengeToken });
      expect(elsewhere.status).toBe(401);

      const started = await t.http().post(TWO_FACTOR_PATHS.enrolStart).set('Host', DOMAIN).send({ challengeToken });
      expect(started.status).toBe(200);
      expect(started.body.otpauthUri).toContain(`issuer=${encodeURIComponent('Policy Agency')}`);
      const finished = await t
        .http()
        .post(TWO_FACTOR_PATHS.enrolFinish)
        .set('Host', DOMAIN)
        .send({ challengeToken, code: generateSync({ secret: started.body.secret }) });
      expect(finished.status).toBe(200);
      expect(finished.body.me).toMatchObject({ audience: 'client', email: clientUser.email });
      const session = await t.db.getRepository(Session).findOneByOrFail({ userId: clientUser.id });
      expect(session.host).toBe(DOMAIN);
      expect(await actions(clientUser)).toEqual(
        expect.arrayContaining(['auth.two_factor.challenged', 'auth.two_factor.enabled', 'auth.login.magic_link']),
      );

      // With a password, next time on the domain: a code challenge, valid there only.
      const codeChallenge = await challenge(clientUser.email, DOMAIN);
      expect((await verify(codeChallenge, finished.body.recoveryCodes[0], INSTALLATION)).status).toBe(401);
      expect((await verify(codeChallenge, finished.body.recoveryCodes[0], DOMAIN)).status).toBe(200);
    });
  });
});
