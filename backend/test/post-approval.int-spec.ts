import { randomBytes } from 'node:crypto';
import { AuditLog } from '../src/core/audit/audit-log.entity';
import { JobQueue } from '../src/core/jobs/job-queue';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import { TenantData } from '../src/core/tenancy/tenant-data';
import { clientScope } from '../src/core/tenancy/tenant-scope';
import { SandboxPost } from '../src/modules/local-oauth/entities/local-oauth.entities';
import { PostNote } from '../src/modules/posts/entities/post-note.entity';
import { PostTarget } from '../src/modules/posts/entities/post-target.entity';
import { PublisherService } from '../src/modules/posts/publisher.service';
import { Factory } from './support/factories';
import { connectSandboxAccount } from './support/sandbox-oauth';
import { startTestApp, TestApp } from './support/test-app';

const soon = (ms = 0) => new Date(Date.now() + ms).toISOString();
const handle = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

describe('Post approval: the client approves before a post may publish', () => {
  let t: TestApp;
  let f: Factory;
  let reviewing: Client;
  let withoutApprovals: Client;
  let otherReviewing: Client;
  let ownerToken: string;
  let ownerEmail: string;
  let accountId: string;
  let plainAccountId: string;
  let clientMember: { token: string; name: string };
  let otherClientAdmin: string;
  let memberWithoutPermission: string;

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => t.http().patch(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const agency = () => as(ownerToken);
  const compose = (body: object) =>
    agency().post('/api/v1/posts', {
      clientId: reviewing.id,
      text: `For review ${handle('p')}`,
      accountIds: [accountId],
      scheduledAt: soon(3_600_000),
      needsApproval: true,
      ...body,
    });
  async function publishDue(): Promise<void> {
    await t.app.get(PublisherService).tick();
    await t.app.get(JobQueue).drain();
  }

  beforeAll(async () => {
    t = await startTestApp({ PUBLISH_POLL_MS: '600000' });
    f = new Factory(t);
    const theAgency = await f.agency('Approving Agency');
    reviewing = await f.client(theAgency, ['calendar.view', 'posts.approve'], 'Acme');
    withoutApprovals = await f.client(theAgency, ['calendar.view'], 'Plain Co');
    otherReviewing = await f.client(theAgency, ['calendar.view', 'posts.approve'], 'Globex');
    const owner = await f.agencyUser(theAgency, 'owner');
    ownerEmail = owner.email;
    ownerToken = (await f.signIn(owner.email)).accessToken;
    accountId = (
      await connectSandboxAccount(t, ownerToken, handle('acme'), {
        path: '/api/v1/social-accounts/connect',
        body: { provider: 'local', clientId: reviewing.id },
      })
    ).id;
    plainAccountId = (
      await connectSandboxAccount(t, ownerToken, handle('plain'), {
        path: '/api/v1/social-accounts/connect',
        body: { provider: 'local', clientId: withoutApprovals.id },
      })
    ).id;
    const member = await f.clientUser(reviewing, 'member');
    clientMember = { token: (await f.signIn(member.email)).accessToken, name: member.name };
    otherClientAdmin = (await f.signIn((await f.clientUser(otherReviewing, 'admin')).email)).accessToken;
    memberWithoutPermission = (await f.signIn((await f.clientUser(withoutApprovals, 'member')).email)).accessToken;
  });
  afterAll(() => t.close());

  it('refuses to ask for approval from a client without Approvals, naming the field, and saves nothing', async () => {
    const refused = await agency().post('/api/v1/posts', {
      clientId: withoutApprovals.id,
      text: 'Needs a yes',
      accountIds: [plainAccountId],
      scheduledAt: soon(3_600_000),
      needsApproval: true,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['needsApproval']);
    expect(await t.db.getRepository(SandboxPost).countBy({ text: 'Needs a yes' })).toBe(0);
    const list = await agency().get(`/api/v1/posts?status=draft&clientId=${withoutApprovals.id}`);
    expect(list.body.items).toEqual([]);
  });

  it('holds a post whose time comes before its approval, tells the agency once, and publishes it once approved', async () => {
    const post = await compose({ scheduledAt: soon(-30_000) });
    expect(post.status).toBe(201);
    expect(post.body.approval).toMatchObject({ state: 'pending', decidedAt: null });

    await publishDue();
    expect((await agency().get(`/api/v1/posts/${post.body.id}`)).body).toMatchObject({
      status: 'scheduled',
      approval: { state: 'pending', overdue: true },
    });
    expect((await t.db.getRepository(PostTarget).findOneByOrFail({ postId: post.body.id })).state).toBe('held');
    expect(await t.db.getRepository(SandboxPost).countBy({ text: post.body.text })).toBe(0);
    const told = (await t.emailsTo(ownerEmail)).filter((e) => e.subject.includes('missed its time'));
    expect(told).toHaveLength(1);
    expect(told[0].subject).toBe("A post for Acme missed its time: it waits for Acme's approval");
    await publishDue();
    expect((await t.emailsTo(ownerEmail)).filter((e) => e.subject.includes('missed its time'))).toHaveLength(1);

    // The client sees it on the calendar and in the review list, with the thread so far.
    const list = await as(clientMember.token).get('/api/v1/portal/reviews');
    const listed = list.body.items.find((item: { id: string }) => item.id === post.body.id);
    expect(listed).toMatchObject({ approvalState: 'pending', approval: { state: 'pending', overdue: true } });
    expect(listed.thread.map((c: { kind: string }) => c.kind)).toEqual(['submitted']);

    const approved = await as(clientMember.token).post(`/api/v1/portal/reviews/${post.body.id}/approve`, {
      comment: 'Lovely, go ahead.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.approval).toMatchObject({ state: 'approved', decidedByName: clientMember.name });
    expect(approved.body.thread.at(-1)).toMatchObject({
      kind: 'approved',
      body: 'Lovely, go ahead.',
      authorSide: 'client',
      authorName: clientMember.name,
    });
    const again = await as(clientMember.token).post(`/api/v1/portal/reviews/${post.body.id}/approve`);
    expect(again.status).toBe(409);

    await publishDue();
    expect((await agency().get(`/api/v1/posts/${post.body.id}`)).body.status).toBe('published');
    expect(await t.db.getRepository(SandboxPost).countBy({ text: post.body.text })).toBe(1);
    const decision = await t.db.getRepository(AuditLog).findOneByOrFail({
      action: 'post.approved',
      targetId: post.body.id,
    });
    expect(decision.actorUserId).not.toBeNull();
  });

  it('asks for changes with a reason, tells the agency, and any edit sends the post back for approval', async () => {
    const post = await compose({});
    const path = `/api/v1/portal/reviews/${post.body.id}`;
    for (const body of [{}, { comment: '   ' }]) {
      const refused = await as(clientMember.token).post(`${path}/request-changes`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].field).toBe('comment');
    }
    const asked = await as(clientMember.token).post(`${path}/request-changes`, { comment: 'Use the new logo.' });
    expect(asked.status).toBe(200);
    expect(asked.body.approval.state).toBe('changes_requested');
    expect((await t.emailsTo(ownerEmail))[0].subject).toBe('Acme asked for changes to a post');
    expect((await agency().get(`/api/v1/posts/${post.body.id}`)).body.approval).toMatchObject({
      state: 'changes_requested',
      decidedByName: clientMember.name,
    });
    expect((await as(clientMember.token).post(`${path}/approve`)).status).toBe(200);
    // Approved, then edited: what was approved is gone, so it waits again.
    const edited = await agency().patch(`/api/v1/posts/${post.body.id}`, { text: `${post.body.text} (new logo)` });
    expect(edited.body.approval.state).toBe('pending');
    expect((await t.db.getRepository(PostTarget).findOneByOrFail({ postId: post.body.id })).state).toBe('held');
    const thread = await agency().get(`/api/v1/posts/${post.body.id}/comments`);
    expect(thread.body.items.map((c: { kind: string }) => c.kind)).toEqual([
      'submitted',
      'changes_requested',
      'approved',
      'submitted',
    ]);
    expect(thread.body.items[3].body).toBe('Changed and sent for approval again.');
    expect((await t.db.getRepository(AuditLog).findBy({ targetId: post.body.id })).map((a) => a.action).sort()).toEqual(
      ['post.approved', 'post.changes_requested', 'post.scheduled', 'post.updated'],
    );
  });

  it('answers 403 without the permission, 404 for another client and for posts not under review', async () => {
    const post = await compose({});
    const plain = await compose({ needsApproval: false });
    expect((await as(memberWithoutPermission).get('/api/v1/portal/reviews')).status).toBe(403);
    expect((await as(memberWithoutPermission).post(`/api/v1/portal/reviews/${post.body.id}/approve`)).status).toBe(403);
    for (const request of [
      as(otherClientAdmin).get(`/api/v1/portal/reviews/${post.body.id}`),
      as(otherClientAdmin).post(`/api/v1/portal/reviews/${post.body.id}/approve`),
      as(otherClientAdmin).post(`/api/v1/portal/reviews/${post.body.id}/request-changes`, { comment: 'No' }),
      as(otherClientAdmin).post(`/api/v1/portal/reviews/${post.body.id}/comments`, { body: 'Hello' }),
      as(clientMember.token).post(`/api/v1/portal/reviews/${plain.body.id}/approve`),
      as(clientMember.token).get(`/api/v1/portal/reviews/${plain.body.id}`),
    ]) {
      expect((await request).status).toBe(404);
    }
    expect((await as(otherClientAdmin).get('/api/v1/portal/reviews')).body.items).toEqual([]);
    expect((await agency().get(`/api/v1/posts/${post.body.id}`)).body.approval.state).toBe('pending');
  });

  it("keeps the agency's notes from the client by construction, and stores messages as plain text", async () => {
    const post = await compose({});
    const note = await agency().post(`/api/v1/posts/${post.body.id}/comments`, {
      body: 'Margin is thin on this one',
      internal: true,
    });
    expect(note.status).toBe(201);
    expect(note.body.kind).toBe('note');
    const markup = '<img src=x onerror=alert(1)> see you <b>soon</b>';
    expect((await agency().post(`/api/v1/posts/${post.body.id}/comments`, { body: markup })).status).toBe(201);
    expect(
      (await as(clientMember.token).post(`/api/v1/portal/reviews/${post.body.id}/comments`, { body: 'Thanks!' }))
        .status,
    ).toBe(201);

    const agencyThread = await agency().get(`/api/v1/posts/${post.body.id}/comments`);
    expect(agencyThread.body.items.map((c: { kind: string }) => c.kind)).toEqual([
      'submitted',
      'note',
      'comment',
      'comment',
    ]);
    expect((await agency().get(`/api/v1/posts/${post.body.id}`)).body.commentCount).toBe(4);
    const review = await as(clientMember.token).get(`/api/v1/portal/reviews/${post.body.id}`);
    expect(review.body.thread.map((c: { body: string }) => c.body)).toEqual(['Sent for approval.', markup, 'Thanks!']);
    const list = await as(clientMember.token).get('/api/v1/portal/reviews');
    expect(JSON.stringify(list.body)).not.toContain('Margin is thin');
    // A client scope cannot even ask for notes: refused before any SQL runs.
    const scope = clientScope(reviewing.agencyId, reviewing.id, ['posts.approve'], 'admin');
    await expect(t.app.get(TenantData).listOwned(scope, PostNote, {})).rejects.toThrow();

    for (const body of [{ body: '' }, { body: '   ' }, { body: 'x'.repeat(2001) }, { body: 42 }]) {
      const refused = await as(clientMember.token).post(`/api/v1/portal/reviews/${post.body.id}/comments`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].field).toBe('body');
    }
  });
});
