import { randomUUID } from 'node:crypto';
import { MAX_LOGIN_EMAILS_PER_REQUEST } from '@atrium/shared';
import { In } from 'typeorm';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { JobQueue } from '../src/core/jobs/job-queue';
import { MailService } from '../src/core/mail/mail.service';
import { OutboxEmail } from '../src/core/mail/outbox-email.entity';
import { RATE_LIMITS } from '../src/core/rate-limit/rate-limit.rules';
import { ClientMembership } from '../src/core/tenancy/entities/client-membership.entity';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import { User } from '../src/core/tenancy/entities/user.entity';
import { OneTimeToken } from '../src/modules/auth/entities/one-time-token.entity';
import { hashToken } from '../src/modules/auth/token-hash';
import { Factory, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { startTestSmtp, until } from './support/test-smtp';

const LOGIN_EMAILS = '/api/v1/client-users/login-emails';

/**
 * Issue 13, bulk login email: up to 1,000 selected client users in one request, each emailed one
 * single-use link, with the per-recipient limit and the tenant boundary exactly as for one person.
 * (How fast it is, bench:login-emails measures; no test here times anything.)
 */
describe('Bulk login email', () => {
  let t: TestApp;
  let f: Factory;
  // Each test has its own app: the per-recipient limits would otherwise carry over.
  beforeEach(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterEach(() => t.close());

  const as = (token: string) => ({
    post: (path: string, body?: object) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', `Bearer ${token}`),
  });
  const spend = (token: string) => t.http().post('/api/v1/auth/magic-link').send({ token });

  async function agencyWithClient() {
    const agency = await f.agency();
    const owner = await f.agencyUser(agency, 'owner');
    const client = await f.client(agency);
    return { agency, client, api: as((await f.signIn(owner.email)).accessToken) };
  }

  /** `count` active client users of `client`, written in a few statements (a Factory call each is slow). */
  async function clientUsers(client: Client, count: number): Promise<User[]> {
    const users = Array.from({ length: count }, (_, i) =>
      t.db.getRepository(User).create({
        id: randomUUID(),
        agencyId: client.agencyId,
        kind: 'client',
        email: uniqueEmail(`bulk${i}`),
        name: `Person ${i}`,
        passwordHash: null,
        emailConfirmedAt: new Date(),
        lastLoginAt: null,
      }),
    );
    for (let at = 0; at < count; at += 250) {
      const slice = users.slice(at, at + 250);
      await t.db.createQueryBuilder().insert().into(User).values(slice).updateEntity(false).execute();
      const memberships = slice.map((user) =>
        t.db
          .getRepository(ClientMembership)
          .create({ agencyId: client.agencyId, clientId: client.id, userId: user.id, role: 'member' }),
      );
      await t.db.createQueryBuilder().insert().into(ClientMembership).values(memberships).updateEntity(false).execute();
    }
    return users;
  }

  const tokenIn = (email: OutboxEmail) => {
    const match = /\/magic-link\?token=([A-Za-z0-9_-]+)/.exec(email.textBody);
    if (!match) throw new Error(`No sign-in link in the email to ${email.toAddress}`);
    return match[1];
  };
  const outboxOf = (agencyId: string) => t.db.getRepository(OutboxEmail).find({ where: { agencyId } });

  it('accepts 1,000 people and emails each exactly one single-use link of their own, stored only hashed', async () => {
    const { agency, client, api } = await agencyWithClient();
    const people = await clientUsers(client, MAX_LOGIN_EMAILS_PER_REQUEST);
    const ids = people.map((p) => p.id);

    const sent = await api.post(LOGIN_EMAILS, { userIds: ids });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ done: 1000, skipped: [] });

    const emails = await outboxOf(agency.id);
    expect(emails).toHaveLength(1000);
    expect(emails.map((e) => e.toAddress).sort()).toEqual(people.map((p) => p.email).sort());
    expect(new Set(emails.map((e) => tokenIn(e))).size).toBe(1000);

    const tokens = await t.db.getRepository(OneTimeToken).find({ where: { userId: In(ids), purpose: 'magic_link' } });
    expect(tokens).toHaveLength(1000);
    const byHash = new Map(tokens.map((row) => [row.tokenHash, row]));
    for (const email of emails) {
      const row = byHash.get(hashToken(tokenIn(email)));
      expect(row).toMatchObject({ email: email.toAddress, usedAt: null });
      expect(byHash.has(tokenIn(email))).toBe(false);
    }

    const audit = await t.db
      .getRepository(AuditLog)
      .find({ where: { agencyId: agency.id, action: 'magic_link.emailed' } });
    expect(audit.map((entry) => entry.targetId).sort()).toEqual([...ids].sort());

    const last = emails.find((e) => e.toAddress === people[999].email) as OutboxEmail;
    const signedIn = await spend(tokenIn(last));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.me).toMatchObject({ id: people[999].id, audience: 'client' });
    expect((await spend(tokenIn(last))).status).toBe(400);
  });

  it('refuses 1,001 people with a plain message and emails no one', async () => {
    const { agency, client, api } = await agencyWithClient();
    const people = await clientUsers(client, MAX_LOGIN_EMAILS_PER_REQUEST + 1);

    const refused = await api.post(LOGIN_EMAILS, { userIds: people.map((p) => p.id) });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      details: [{ field: 'userIds', messages: ['Send login emails to at most 1,000 people at a time.'] }],
    });
    expect(await outboxOf(agency.id)).toHaveLength(0);
  });

  it('makes only the newest link of each person work after a second bulk send', async () => {
    const { agency, client, api } = await agencyWithClient();
    const people = await clientUsers(client, 3);
    const userIds = people.map((p) => p.id);
    expect((await api.post(LOGIN_EMAILS, { userIds })).body).toEqual({ done: 3, skipped: [] });
    const first = await outboxOf(agency.id);
    expect((await api.post(LOGIN_EMAILS, { userIds })).body).toEqual({ done: 3, skipped: [] });
    const second = (await outboxOf(agency.id)).filter((e) => !first.some((old) => old.id === e.id));
    expect(second).toHaveLength(3);

    for (const email of first) expect((await spend(tokenIn(email))).status).toBe(400);
    for (const email of second) expect((await spend(tokenIn(email))).status).toBe(200);
  });

  it('skips, and never emails, a person who had their share of sign-in emails; counts everyone else once', async () => {
    const { client, api } = await agencyWithClient();
    const people = await clientUsers(client, 40);
    const userIds = people.map((p) => p.id);
    const full = people[17];
    const { limit } = RATE_LIMITS.emailSignInLinkPerRecipient;
    for (let press = 0; press < limit; press++) {
      expect((await api.post(LOGIN_EMAILS, { userIds: [full.id] })).body).toEqual({ done: 1, skipped: [] });
    }

    expect((await api.post(LOGIN_EMAILS, { userIds })).body).toEqual({ done: 39, skipped: [full.id] });
    expect(await t.emailsTo(full.email)).toHaveLength(limit);

    // Each bulk send counts once per person: the others reach the limit after `limit` sends, not sooner.
    for (let send = 1; send < limit; send++) {
      expect((await api.post(LOGIN_EMAILS, { userIds })).body).toEqual({ done: 39, skipped: [full.id] });
    }
    expect((await api.post(LOGIN_EMAILS, { userIds })).body).toEqual({ done: 0, skipped: userIds });
    for (const person of people) expect(await t.emailsTo(person.email)).toHaveLength(limit);
  });

  it('skips, never emails and never counts anyone out of reach: other agencies, colleagues, removed people', async () => {
    const { agency, client, api } = await agencyWithClient();
    const people = await clientUsers(client, 5);
    const otherClientOfTheAgency = (await clientUsers(await f.client(agency), 1))[0];
    const colleague = await f.agencyUser(agency, 'member');
    const removed = await f.clientUser(client);
    expect((await api.delete(`/api/v1/clients/${client.id}/users/${removed.id}`)).status).toBe(204);
    const deactivated = await f.clientUser(client);
    await t.db.getRepository(User).update({ id: deactivated.id }, { status: 'deactivated' });
    const foreignAgency = await f.agency();
    const foreignOwner = await f.agencyUser(foreignAgency, 'owner');
    const foreign = await f.clientUser(await f.client(foreignAgency));
    const unknown = randomUUID();
    const outOfReach = [colleague, removed, deactivated, foreign];

    const userIds = [...people, otherClientOfTheAgency, ...outOfReach].map((p) => p.id).concat(unknown);
    const sent = await api.post(LOGIN_EMAILS, { userIds });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ done: 6, skipped: [...outOfReach.map((p) => p.id), unknown] });
    for (const person of [...people, otherClientOfTheAgency]) expect(await t.emailsTo(person.email)).toHaveLength(1);
    for (const person of outOfReach) expect(await t.emailsTo(person.email)).toHaveLength(0);

    // Nobody else's sends used up the foreign person's sign-in emails: their own agency still has them all.
    const foreignApi = as((await f.signIn(foreignOwner.email)).accessToken);
    for (let press = 0; press < RATE_LIMITS.emailSignInLinkPerRecipient.limit; press++) {
      expect((await foreignApi.post(LOGIN_EMAILS, { userIds: [foreign.id] })).body).toEqual({ done: 1, skipped: [] });
    }
  });
});

describe('Bulk login email delivery', () => {
  it('delivers each queued login email once, however often its delivery is enqueued', async () => {
    const smtp = await startTestSmtp();
    const t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    try {
      const f = new Factory(t);
      const agency = await f.agency();
      const owner = await f.agencyUser(agency, 'owner');
      const client = await f.client(agency);
      const people: User[] = [];
      for (let i = 0; i < 30; i++) people.push(await f.clientUser(client));
      const { accessToken } = await f.signIn(owner.email);

      const sent = await t
        .http()
        .post(LOGIN_EMAILS)
        .set('Authorization', `Bearer ${accessToken}`)
        .send({ userIds: people.map((p) => p.id) });
      expect(sent.body).toEqual({ done: 30, skipped: [] });
      const delivered = () => smtp.received.filter((m) => people.some((p) => m.to.includes(p.email)));
      await until(async () => delivered().length === 30, 'every login email to be delivered');

      // Enqueuing the same emails again (a sweep, a retry of the request's dispatch) sends nothing twice.
      const emails = await t.db.getRepository(OutboxEmail).find({ where: { agencyId: agency.id } });
      await t.app.get(MailService).dispatch(emails.map((e) => e.id));
      await t.app.get(JobQueue).drain();
      expect(delivered()).toHaveLength(30);
      for (const person of people) expect(delivered().filter((m) => m.to.includes(person.email))).toHaveLength(1);
      expect(
        (await t.db.getRepository(OutboxEmail).find({ where: { agencyId: agency.id } })).map((e) => e.status),
      ).toEqual(Array(30).fill('sent'));
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
