import { generateSync } from 'otplib';
import { TOTP_PERIOD_SECONDS } from '@atrium/shared';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { PlatformOperator } from '../src/modules/platform-admin/operators/entities/platform-operator.entity';
import { OperatorAccounts } from '../src/modules/platform-admin/operators/operator-accounts.service';
import { runPlatformAdminCommand } from '../src/modules/platform-admin/operators/operator-cli';
import { Factory, TEST_PASSWORD, uniqueEmail } from './support/factories';
import { operatorSession } from './support/operator-session';
import { startTestApp, TestApp } from './support/test-app';

/** Platform operators: password, then TOTP (enrolled on first sign-in), then an admin-audience token. */
describe('Platform operators: sign-in and audiences', () => {
  let t: TestApp;
  let factory: Factory;
  let accounts: OperatorAccounts;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t);
    accounts = t.app.get(OperatorAccounts);
  });
  afterAll(() => t.close());

  const login = (email: string, password = TEST_PASSWORD) =>
    t.http().post('/api/v1/admin/auth/login').send({ email, password });
  const verify = (challengeToken: string, code: string) =>
    t.http().post('/api/v1/admin/auth/verify').send({ challengeToken, code });
  const logoutWith = (token: string) =>
    t.http().post('/api/v1/admin/auth/logout').set('Authorization', `Bearer ${token}`);
  /** A code for a later time step than the one just used (a real operator would wait 30 s). */
  const nextCode = (secret: string, steps = 1) =>
    generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * TOTP_PERIOD_SECONDS });

  it('enrols TOTP on first sign-in, then asks for a code; the token opens admin routes and logout ends it', async () => {
    const operator = await operatorSession(t);
    expect(operator.recoveryCodes).toHaveLength(10);
    const stored = await t.db.getRepository(PlatformOperator).findOneByOrFail({ id: operator.operatorId });
    expect(stored.totpEnabledAt).not.toBeNull();
    expect(stored.totpSecretSealed).not.toContain(operator.secret);

    const again = await login(operator.email).expect(200);
    expect(again.body).toMatchObject({ step: 'code', expiresIn: 300 });
    // Enrolment is over: an `enrol` step is refused with this challenge.
    await t
      .http()
      .post('/api/v1/admin/auth/enrol/start')
      .send({ challengeToken: again.body.challengeToken })
      .expect(401);
    const signedIn = await verify(again.body.challengeToken, nextCode(operator.secret)).expect(200);
    expect(signedIn.body).toEqual({ accessToken: expect.any(String), expiresIn: 3600 });

    await logoutWith(signedIn.body.accessToken).expect(204);
    await logoutWith(signedIn.body.accessToken).expect(401);
    // The other session is untouched.
    await logoutWith(operator.token).expect(204);

    const actions = (await t.db.getRepository(AuditLog).find({ where: { targetId: operator.operatorId } })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'platform_admin.operator_added',
        'platform_admin.password_accepted',
        'platform_admin.totp_enrolled',
      ]),
    );
    const signIns = await t.db.getRepository(AuditLog).find({ where: { action: 'platform_admin.signed_in' } });
    expect(
      signIns.some((entry) => entry.details?.operatorId === operator.operatorId && entry.actorUserId === null),
    ).toBe(true);
  });

  it('makes, lists, resets and removes operators from the CLI, and says what is next', async () => {
    const run = async (args: string[], stdin = '') => {
      let out = '';
      let err = '';
      const code = await runPlatformAdminCommand(accounts, args, {
        out: (text) => (out += text),
        err: (text) => (err += text),
        readStdin: async () => stdin,
      });
      return { code, out, err };
    };
    const email = uniqueEmail('cli-operator');
    const added = await run(['add', email.toUpperCase(), '--name', 'Ops Person']);
    expect(added.code).toBe(0);
    const password = /Password \(shown once[^:]*\): (\S+)/.exec(added.out)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(added.out).toContain('/api/v1/admin/auth/login');
    const challenge = await login(email, password).expect(200);
    expect(challenge.body.step).toBe('enrol');

    expect(await run(['add', email])).toMatchObject({ code: 1, err: expect.stringContaining('exists already') });
    const piped = uniqueEmail('cli-piped');
    expect((await run(['add', piped, '--password-stdin'], 'password')).code).toBe(1);
    const fromStdin = await run(['add', piped, '--password-stdin'], `${TEST_PASSWORD}\n`);
    expect(fromStdin.out).not.toContain('Password (shown once');
    await login(piped).expect(200);

    const listed = await run(['list']);
    expect(listed.out).toMatch(new RegExp(`${email}\tOps Person\tTOTP not set up`));
    expect((await run(['reset-two-factor', email])).code).toBe(0);
    expect((await run(['remove', email])).code).toBe(0);
    expect((await run(['remove', email])).err).toContain('No operator');
    await login(email, password).expect(401);
    expect((await run(['promote', email])).code).toBe(64);
    expect((await run(['add'])).err).toContain('Usage');

    const audited = await t.db.getRepository(AuditLog).find({ where: { action: 'platform_admin.operator_removed' } });
    expect(audited.some((entry) => entry.details?.operatorEmail === email)).toBe(true);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const email = uniqueEmail('operator');
    await accounts.add({ email, password: TEST_PASSWORD });
    const wrong = await login(email, 'not the password at all').expect(401);
    const unknown = await login(uniqueEmail('nobody')).expect(401);
    expect(wrong.body.message).toBe('Email or password is incorrect.');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('refuses a replayed code, a wrong code and a forged challenge', async () => {
    const operator = await operatorSession(t);
    const first = await login(operator.email).expect(200);
    const code = nextCode(operator.secret);
    await verify(first.body.challengeToken, code).expect(200);
    const second = await login(operator.email).expect(200);
    const replay = await verify(second.body.challengeToken, code).expect(401);
    expect(replay.body.message).toBe('The code is incorrect or was already used.');
    const wrongDigit = String((Number(nextCode(operator.secret, 2)[0]) + 1) % 10);
    await verify(second.body.challengeToken, wrongDigit + nextCode(operator.secret, 2).slice(1)).expect(401);
    await verify(`${second.body.challengeToken}x`, nextCode(operator.secret, 2)).expect(401);
    // A user's access token is no challenge.
    const owner = await factory.agencyUser(await factory.agency(), 'owner');
    const { accessToken } = await factory.signIn(owner.email);
    await verify(accessToken, nextCode(operator.secret, 2)).expect(401);
  });

  it('spends a recovery code once', async () => {
    const operator = await operatorSession(t);
    const [recovery] = operator.recoveryCodes;
    const first = await login(operator.email).expect(200);
    await verify(first.body.challengeToken, recovery.toUpperCase()).expect(200);
    const second = await login(operator.email).expect(200);
    await verify(second.body.challengeToken, recovery).expect(401);
    await verify(second.body.challengeToken, operator.recoveryCodes[1]).expect(200);
  });

  it('keeps the audiences apart: operators get admin routes only, users never get them', async () => {
    const operator = await operatorSession(t);
    const owner = await factory.agencyUser(await factory.agency(), 'owner');
    const { accessToken } = await factory.signIn(owner.email);

    const asUser = await logoutWith(accessToken).expect(403);
    expect(asUser.body.message).toBe('This area is for platform operators');
    await t.http().post('/api/v1/admin/auth/logout').expect(401);

    const bearer = { Authorization: `Bearer ${operator.token}` };
    for (const path of ['/api/v1/me', '/api/v1/agency/overview', '/api/v1/portal/overview']) {
      const refused = await t.http().get(path).set(bearer);
      expect({ path, status: refused.status }).toEqual({ path, status: 401 });
    }
  });

  it('ends sessions when the CLI resets two-factor or removes the operator', async () => {
    const reset = await operatorSession(t);
    await accounts.resetTwoFactor(reset.email);
    await logoutWith(reset.token).expect(401);
    const again = await login(reset.email).expect(200);
    expect(again.body.step).toBe('enrol');

    const removed = await operatorSession(t);
    await accounts.remove(removed.email);
    await logoutWith(removed.token).expect(401);
    await login(removed.email).expect(401);
  });
});
