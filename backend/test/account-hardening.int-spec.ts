import { WEB_PATHS } from '@atrium/shared';
import { RATE_LIMITS } from '../src/core/rate-limit/rate-limit.rules';
import { LOGIN_THROTTLE } from '../src/core/rate-limit/login-throttle';
import { User } from '../src/core/tenancy/entities/user.entity';
import { PortalAddressService } from '../src/modules/domains/portal-address.service';
import { Factory, TEST_PASSWORD, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 12, accounts and their emails: who gets emails, how many, the notice after a password
 * change, growing sign-in delays instead of a lockout, and invitees who cannot be squatted.
 */
describe('Account hardening', () => {
  let t: TestApp;
  let f: Factory;
  // Each test has its own app: the limits count per IP, and every request here is 127.0.0.1.
  beforeEach(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterEach(() => t.close());

  const as = (token: string) => ({
    post: (path: string, body?: object) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', `Bearer ${token}`),
  });
  const forgot = (email: string) => t.http().post('/api/v1/auth/forgot-password').send({ email });
  const login = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });

  async function agencyWithOwner() {
    const agency = await f.agency();
    const owner = await f.agencyUser(agency, 'owner');
    return { agency, owner, api: as((await f.signIn(owner.email)).accessToken) };
  }

  describe('removed and deactivated accounts get no email, with the same answer', () => {
    it('sends no reset email to a removed team member, a removed client user or a deactivated user', async () => {
      const { agency, api } = await agencyWithOwner();
      const active = await f.agencyUser(agency, 'member');
      const removedMember = await f.agencyUser(agency, 'member');
      const client = await f.client(agency);
      const removedClientUser = await f.clientUser(client);
      const deactivated = await f.agencyUser(agency, 'member');
      expect((await api.delete(`/api/v1/team/${removedMember.id}`)).status).toBe(204);
      expect((await api.delete(`/api/v1/clients/${client.id}/users/${removedClientUser.id}`)).status).toBe(204);
      await t.db.getRepository(User).update({ id: deactivated.id }, { status: 'deactivated' });

      const reference = await forgot(active.email);
      expect(reference.status).toBe(202);
      expect(await t.emailsTo(active.email)).toHaveLength(1);
      for (const person of [removedMember, removedClientUser, deactivated]) {
        const answer = await forgot(person.email);
        expect(answer.status).toBe(reference.status);
        expect(answer.text).toBe(reference.text);
        expect(answer.headers['content-type']).toBe(reference.headers['content-type']);
        expect(await t.emailsTo(person.email)).toHaveLength(0);
      }
    });

    it('sends no sign-up heads-up and no login email to a removed client user', async () => {
      const { agency, api } = await agencyWithOwner();
      const client = await f.client(agency);
      const person = await f.clientUser(client);
      expect((await api.delete(`/api/v1/clients/${client.id}/users/${person.id}`)).status).toBe(204);
      const signup = await t.http().post('/api/v1/auth/signup').send({
        agencyName: 'Squat Agency',
        name: 'Someone',
        email: person.email,
        password: TEST_PASSWORD,
      });
      expect(signup.status).toBe(201);
      const sent = await api.post('/api/v1/client-users/login-emails', { userIds: [person.id] });
      expect(sent.body).toEqual({ done: 0, skipped: [person.id] });
      expect(await t.emailsTo(person.email)).toHaveLength(0);
    });
  });

  describe('per-recipient email limits', () => {
    it('delivers at most the limit of login emails to one client user, however often the agency asks', async () => {
      const { agency, api } = await agencyWithOwner();
      const person = await f.clientUser(await f.client(agency));
      const answers = [];
      for (let press = 0; press < 7; press++)
        answers.push((await api.post('/api/v1/client-users/login-emails', { userIds: [person.id] })).body);
      const { limit } = RATE_LIMITS.emailSignInLinkPerRecipient;
      expect(answers.slice(0, limit)).toEqual(Array(limit).fill({ done: 1, skipped: [] }));
      expect(answers.slice(limit)).toEqual(Array(7 - limit).fill({ done: 0, skipped: [person.id] }));
      expect(await t.emailsTo(person.email)).toHaveLength(limit);
    });

    it('answers every reset request alike but sends no reset email beyond the per-recipient limit', async () => {
      const user = await f.agencyUser(await f.agency(), 'owner');
      const answers = [];
      for (let ask = 0; ask < RATE_LIMITS.forgotPerAccount.limit; ask++) answers.push(await forgot(user.email));
      expect(new Set(answers.map((a) => `${a.status} ${a.text}`)).size).toBe(1);
      expect(answers[0].status).toBe(202);
      expect(RATE_LIMITS.emailResetPerRecipient.limit).toBeLessThan(RATE_LIMITS.forgotPerAccount.limit);
      expect(await t.emailsTo(user.email)).toHaveLength(RATE_LIMITS.emailResetPerRecipient.limit);
    });

    it('limits email-change confirmations to one address, whichever accounts ask', async () => {
      const agency = await f.agency();
      const target = uniqueEmail('flooded');
      for (const user of [await f.agencyUser(agency, 'owner'), await f.agencyUser(agency, 'member')]) {
        const { accessToken } = await f.signIn(user.email);
        for (let ask = 0; ask < 3; ask++) {
          const asked = await as(accessToken).post('/api/v1/me/email', {
            newEmail: target,
            currentPassword: TEST_PASSWORD,
          });
          expect(asked.status).toBeLessThan(300);
        }
      }
      expect(await t.emailsTo(target)).toHaveLength(RATE_LIMITS.emailChangePerRecipient.limit);
    });
  });

  describe('notice after a password change or reset', () => {
    it('tells an agency user that the password was changed, when, and links to the forgot page', async () => {
      const user = await f.agencyUser(await f.agency(), 'owner');
      const { accessToken } = await f.signIn(user.email);
      const before = new Date();
      const changed = await as(accessToken).post('/api/v1/me/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'a brand new passphrase',
      });
      expect(changed.status).toBe(204);
      const [notice] = await t.emailsTo(user.email);
      expect(notice.subject).toBe('Your Atrium password was changed');
      expect(notice.textBody).toContain('changed in your account settings');
      expect(notice.textBody).toContain(before.toUTCString().slice(0, 16)); // the day it happened
      expect(notice.textBody).toContain('If it was not you');
      expect(notice.textBody).toContain(`Reset my password: ${t.config.appUrl}${WEB_PATHS.forgotPassword}`);
    });

    it("tells a client user after a reset, in the agency's brand, with the forgot link on its portal address", async () => {
      const agency = await f.agency();
      const person = await f.clientUser(await f.client(agency));
      await forgot(person.email);
      const token = await t.tokenFromEmail(person.email, WEB_PATHS.resetPassword);
      const reset = await t
        .http()
        .post('/api/v1/auth/reset-password')
        .send({ token, password: 'another fine passphrase' });
      expect(reset.status).toBe(200);
      const [notice] = await t.emailsTo(person.email);
      const forgotUrl = await t.app.get(PortalAddressService).link(agency.id, WEB_PATHS.forgotPassword);
      expect(notice.subject).toMatch(/password was changed$/);
      expect(notice.subject).not.toContain('Atrium');
      expect(notice.textBody).toContain('reset with a link sent to this address');
      expect(notice.textBody).toContain(`Reset my password: ${forgotUrl}`);
    });
  });

  describe('growing sign-in delays instead of a lockout', () => {
    it('slows wrong guesses down with Retry-After, and a reset clears the failures at once', async () => {
      const user = await f.agencyUser(await f.agency(), 'owner');
      const statuses: number[] = [];
      let refused = null;
      // Failures 1-5 cost nothing; the sixth starts a 1 s wait, the next ones 2 s, 4 s, 8 s …
      for (let guess = 0; guess < 12 && !refused; guess++) {
        const answer = await login(user.email, 'wrong wrong wrong');
        if (answer.status === 429) refused = answer;
        else statuses.push(answer.status);
      }
      expect(statuses.length).toBeGreaterThan(LOGIN_THROTTLE.freeFailures);
      expect(statuses.every((status) => status === 401)).toBe(true);
      expect(refused?.status).toBe(429);
      const retryAfter = Number(refused?.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE.maxDelaySeconds);

      // A successful reset ends the wait: the owner signs in at once with the new password.
      await forgot(user.email);
      const token = await t.tokenFromEmail(user.email, WEB_PATHS.resetPassword);
      const reset = await t
        .http()
        .post('/api/v1/auth/reset-password')
        .send({ token, password: 'recovered passphrase' });
      expect(reset.status).toBe(200);
      expect((await login(user.email, 'recovered passphrase')).status).toBe(200);
    });

    it('never locks an account for good: eleven wrong guesses leave the next attempt a wait, not a ban', async () => {
      const user = await f.agencyUser(await f.agency(), 'owner');
      for (let guess = 0; guess < 11; guess++) await login(user.email, 'wrong wrong wrong');
      const answer = await login(user.email, TEST_PASSWORD);
      // Either the current wait (at most a few seconds here) or, if it has passed, a sign-in.
      if (answer.status === 429) expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(2 ** 5);
      else expect(answer.status).toBe(200);
    });
  });

  describe('an unconfirmed sign-up cannot squat an invitee', () => {
    it('lets the invitee accept, and retires the unconfirmed account that held the address', async () => {
      const { agency, api } = await agencyWithOwner();
      const email = uniqueEmail('invitee');
      const invited = await api.post('/api/v1/team/invitations', { name: 'Real Person', email, role: 'member' });
      expect(invited.status).toBe(201);
      const token = await t.tokenFromEmail(email, '/invite');
      // A squatter signs up with the invitee's address and never confirms it.
      const squat = await t.http().post('/api/v1/auth/signup').send({
        agencyName: 'Squatter Agency',
        name: 'Squatter',
        email,
        password: 'squatter passphrase',
      });
      expect(squat.status).toBe(201);
      const squatter = await t.db.getRepository(User).findOneByOrFail({ email });
      expect(squatter.agencyId).not.toBe(agency.id);

      const preview = await t.http().post('/api/v1/invitations/preview').send({ token });
      expect(preview.body.existingAccount).toBe(false);
      const accepted = await t
        .http()
        .post('/api/v1/invitations/accept')
        .send({ token, name: 'Real Person', password: 'the real passphrase' });
      expect(accepted.status).toBe(200);

      const owner = await t.db.getRepository(User).findOneByOrFail({ email });
      expect(owner.agencyId).toBe(agency.id);
      expect(owner.emailConfirmedAt).not.toBeNull();
      const retired = await t.db.getRepository(User).findOneByOrFail({ id: squatter.id });
      expect(retired).toMatchObject({ status: 'deactivated', email: `released-${squatter.id}@atrium.invalid` });
      expect((await login(email, 'squatter passphrase')).status).toBe(401);
      expect((await login(email, 'the real passphrase')).status).toBe(200);
    });

    it('still refuses an address whose account elsewhere confirmed it', async () => {
      const { api } = await agencyWithOwner();
      const elsewhere = await f.agencyUser(await f.agency(), 'owner');
      await api.post('/api/v1/team/invitations', { name: 'Taken', email: elsewhere.email, role: 'member' });
      const token = await t.tokenFromEmail(elsewhere.email, '/invite');
      const accepted = await t
        .http()
        .post('/api/v1/invitations/accept')
        .send({ token, name: 'Taken', password: 'the real passphrase' });
      expect(accepted.status).toBe(409);
    });
  });
});
