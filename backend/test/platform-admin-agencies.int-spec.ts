import { randomBytes, randomUUID } from 'node:crypto';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { JobQueue } from '../src/core/jobs/job-queue';
import { MailService } from '../src/core/mail/mail.service';
import { OutboxEmail } from '../src/core/mail/outbox-email.entity';
import { OutboxSweeperService } from '../src/core/mail/outbox-sweeper.service';
import { Agency } from '../src/core/tenancy/entities/agency.entity';
import { WORKSPACE_SUSPENDED_MESSAGES } from '../src/core/tenancy/workspace-suspended.exception';
import { MediaAsset } from '../src/modules/media/entities/media-asset.entity';
import { Post } from '../src/modules/posts/entities/post.entity';
import { PublisherService } from '../src/modules/posts/publisher.service';
import { Factory, TEST_PASSWORD, uniqueEmail } from './support/factories';
import { operatorSession, type OperatorSession } from './support/operator-session';
import { connectSandboxAccount } from './support/sandbox-oauth';
import { startTestApp, TestApp } from './support/test-app';
import { startTestSmtp } from './support/test-smtp';

/** Runs the scheduler and waits for the jobs it enqueued. */
async function publishDue(t: TestApp): Promise<void> {
  await t.app.get(PublisherService).tick();
  await t.app.get(JobQueue).drain();
}

async function sweepOutbox(t: TestApp): Promise<void> {
  await t.app.get(OutboxSweeperService).sweep();
  await t.app.get(JobQueue).drain();
}

describe('Platform admin: agencies, plans and suspension', () => {
  let t: TestApp;
  let f: Factory;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let operator: OperatorSession;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLISH_POLL_MS: '600000' });
    f = new Factory(t);
    operator = await operatorSession(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const admin = {
    get: (path: string) => t.http().get(`/api/v1/admin${path}`).set(operator.authHeader),
    put: (path: string, body: object) => t.http().put(`/api/v1/admin${path}`).set(operator.authHeader).send(body),
    post: (path: string, body: object = {}) =>
      t.http().post(`/api/v1/admin${path}`).set(operator.authHeader).send(body),
  };

  it('lists agencies newest first with owner and usage counts, searches and filters them', async () => {
    const tag = randomBytes(4).toString('hex');
    const older = await f.agency(`Older ${tag}`);
    const newer = await f.agency(`Newer ${tag}`);
    const ownerEmail = uniqueEmail(`owner-${tag}`);
    await f.agencyUser(newer, 'owner', ownerEmail);
    await f.agencyUser(newer, 'member');
    const client = await f.client(newer, [...CLIENT_PERMISSIONS], 'Counted');
    await f.clientUser(client, 'member');
    await t.db.getRepository(MediaAsset).save(
      [1000, 2500].map((size) =>
        t.db.getRepository(MediaAsset).create({
          agencyId: newer.id,
          clientId: null,
          purpose: 'library',
          source: 'agency',
          kind: 'image',
          uploadedByUserId: null,
          filename: 'photo.jpg',
          mimeType: 'image/jpeg',
          size,
          storageKey: `media/${randomUUID()}`,
          thumbnailKey: null,
          width: null,
          height: null,
          status: 'ready',
        }),
      ),
    );
    const mail = t.app.get(MailService);
    const sent = await mail.queue(t.db.manager, {
      to: uniqueEmail(),
      agencyId: newer.id,
      subject: 's',
      text: 't',
      html: 'h',
    });
    const old = await mail.queue(t.db.manager, {
      to: uniqueEmail(),
      agencyId: newer.id,
      subject: 's',
      text: 't',
      html: 'h',
    });
    await t.db.getRepository(OutboxEmail).update({ id: sent }, { status: 'sent', sentAt: new Date() });
    await t.db
      .getRepository(OutboxEmail)
      .update({ id: old }, { status: 'sent', sentAt: new Date(Date.now() - 31 * 24 * 3600_000) });

    const listed = await admin.get(`/agencies?q=${tag}`).expect(200);
    expect(listed.body).toMatchObject({ total: 2, page: 1, pageSize: 25 });
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([newer.id, older.id]);
    expect(listed.body.items[0]).toMatchObject({
      name: `Newer ${tag}`,
      plan: 'full',
      status: 'active',
      suspendedAt: null,
      owner: { email: ownerEmail },
      counts: { clients: 1, users: 3, posts: 0, storageBytes: 3500, emailsSent30d: 1 },
    });
    expect(listed.body.items[1].counts).toEqual({ clients: 0, users: 0, posts: 0, storageBytes: 0, emailsSent30d: 0 });

    const byOwner = await admin.get(`/agencies?q=${encodeURIComponent(ownerEmail.toUpperCase())}`).expect(200);
    expect(byOwner.body.items.map((a: { id: string }) => a.id)).toEqual([newer.id]);
    const paged = await admin.get(`/agencies?q=${tag}&pageSize=1&page=2`).expect(200);
    expect(paged.body.items.map((a: { id: string }) => a.id)).toEqual([older.id]);
    const wildcard = await admin.get(`/agencies?q=${encodeURIComponent('%')}${tag}`).expect(200);
    expect(wildcard.body.total).toBe(0);

    await admin.put(`/agencies/${older.id}/plan`, { plan: 'starter' }).expect(200);
    const starters = await admin.get(`/agencies?q=${tag}&plan=starter`).expect(200);
    expect(starters.body.items.map((a: { id: string }) => a.id)).toEqual([older.id]);
    const one = await admin.get(`/agencies/${newer.id}`).expect(200);
    expect(one.body.counts.users).toBe(3);
  });

  it('validates input and answers 404 for an unknown agency', async () => {
    const agency = await f.agency();
    const badPlan = await admin.put(`/agencies/${agency.id}/plan`, { plan: 'platinum' }).expect(400);
    expect(badPlan.body.details[0].field).toBe('plan');
    expect((await t.db.getRepository(Agency).findOneByOrFail({ id: agency.id })).plan).toBe('full');
    await admin.post(`/agencies/${agency.id}/suspend`, { reason: '   ' }).expect(400);
    await admin.get('/agencies?status=deleted').expect(400);
    await admin.get('/agencies?pageSize=1000').expect(400);
    await admin.get(`/agencies/${randomUUID()}`).expect(404);
    await admin.put(`/agencies/${randomUUID()}/plan`, { plan: 'solo' }).expect(404);
    await admin.post(`/agencies/${randomUUID()}/suspend`, { reason: 'abuse' }).expect(404);
    await admin.post(`/agencies/${randomUUID()}/restore`).expect(404);
    await admin.post(`/agencies/${agency.id}/restore`).expect(409);
  });

  it('suspends an agency: its users are refused, its post and email wait; restored, both go', async () => {
    const agency = await f.agency('Suspended Agency');
    const owner = await f.agencyUser(agency, 'owner');
    const client = await f.client(agency, [...CLIENT_PERMISSIONS], 'Held Client');
    const clientUser = await f.clientUser(client, 'admin');
    const ownerToken = (await f.signIn(owner.email)).accessToken;
    const clientToken = (await f.signIn(clientUser.email)).accessToken;
    const accountId = (
      await connectSandboxAccount(t, ownerToken, `held-${randomBytes(3).toString('hex')}`, {
        path: '/api/v1/social-accounts/connect',
        body: { provider: 'local', clientId: client.id },
      })
    ).id;
    const post = await t
      .http()
      .post('/api/v1/posts')
      .set('Authorization', `Bearer ${ownerToken}`)
      .send({
        clientId: client.id,
        text: 'Held while suspended',
        accountIds: [accountId],
        scheduledAt: new Date().toISOString(),
      })
      .expect(201);

    const suspended = await admin.post(`/agencies/${agency.id}/suspend`, { reason: 'Spam reports' }).expect(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendedReason: 'Spam reports' });
    expect(suspended.body.suspendedAt).not.toBeNull();
    await admin.post(`/agencies/${agency.id}/suspend`, { reason: 'Again' }).expect(409);

    const ownerRefused = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${ownerToken}`).expect(403);
    expect(ownerRefused.body.message).toBe(WORKSPACE_SUSPENDED_MESSAGES.agency);
    const clientRefused = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${clientToken}`).expect(403);
    expect(clientRefused.body.message).toBe(WORKSPACE_SUSPENDED_MESSAGES.client);
    // At sign-in only the right password learns of the suspension.
    const signIn = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: owner.email, password: TEST_PASSWORD })
      .expect(403);
    expect(signIn.body.message).toBe(WORKSPACE_SUSPENDED_MESSAGES.agency);
    const wrong = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: owner.email, password: 'not the password' })
      .expect(401);
    expect(wrong.body.message).toBe('Email or password is incorrect.');

    const emailTo = uniqueEmail('held');
    const mail = t.app.get(MailService);
    const emailId = await mail.queue(t.db.manager, {
      to: emailTo,
      agencyId: agency.id,
      subject: 'Held',
      text: 't',
      html: 'h',
    });
    await mail.dispatch([emailId]);
    await t.app.get(JobQueue).drain();
    await sweepOutbox(t);
    await publishDue(t);
    expect(await t.db.getRepository(OutboxEmail).findOneByOrFail({ id: emailId })).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
    expect(smtp.received.some((message) => message.to.includes(emailTo))).toBe(false);
    expect(await t.db.getRepository(Post).findOneByOrFail({ id: post.body.id })).toMatchObject({ status: 'scheduled' });
    // The post's time passes while the agency is suspended; nothing of it was deleted.
    expect((await admin.get(`/agencies/${agency.id}`).expect(200)).body.counts).toMatchObject({
      posts: 1,
      users: 2,
      clients: 1,
    });

    await admin.post(`/agencies/${agency.id}/restore`).expect(200);
    const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${ownerToken}`).expect(200);
    expect(me.body.audience).toBe('agency');
    await publishDue(t);
    const published = await t.http().get(`/api/v1/posts/${post.body.id}`).set('Authorization', `Bearer ${ownerToken}`);
    expect(published.body.status).toBe('published');
    await sweepOutbox(t);
    expect(await t.db.getRepository(OutboxEmail).findOneByOrFail({ id: emailId })).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
    expect(smtp.received.filter((message) => message.to.includes(emailTo))).toHaveLength(1);

    const actions = await t.db.getRepository(AuditLog).find({ where: { agencyId: agency.id, targetType: 'agency' } });
    expect(actions.map((entry) => entry.action).sort()).toEqual([
      'platform_admin.agency_restored',
      'platform_admin.agency_suspended',
    ]);
    expect(actions[0].details).toMatchObject({ operatorId: operator.operatorId, operatorEmail: operator.email });
    expect(actions[0].actorUserId).toBeNull();
  });
});
