import { randomBytes } from 'node:crypto';
import { In } from 'typeorm';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { JobQueue, JOBS } from '../src/core/jobs/job-queue';
import { Agency } from '../src/core/tenancy/entities/agency.entity';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import { SandboxPost } from '../src/modules/local-oauth/entities/local-oauth.entities';
import { PostTarget } from '../src/modules/posts/entities/post-target.entity';
import { PostMedia } from '../src/modules/posts/entities/post-media.entity';
import { MediaAsset } from '../src/modules/media/entities/media-asset.entity';
import { PublisherService } from '../src/modules/posts/publisher.service';
import { SocialAccount } from '../src/modules/social/entities/social-account.entity';
import { Factory } from './support/factories';
import { connectSandboxAccount } from './support/sandbox-oauth';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DATABASE } from './support/test-env';

const soon = (ms = 0) => new Date(Date.now() + ms).toISOString();
const handle = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

/** Runs the scheduler and waits for the jobs it enqueued, on every given instance. */
async function publishDue(...apps: TestApp[]): Promise<void> {
  const distinct = [...new Set(apps)];
  await Promise.all(distinct.map((a) => a.app.get(PublisherService).tick()));
  await Promise.all(distinct.map((a) => a.app.get(JobQueue).drain()));
}

describe('Posts: composing, scheduling and publishing', () => {
  let t: TestApp;
  let f: Factory;
  let client: Client;
  let otherClient: Client;
  let owner: string;
  let accountId: string;
  let otherClientAccountId: string;

  const api = (token = owner) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => t.http().patch(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', `Bearer ${token}`),
  });
  const compose = (
    body: Partial<{
      text: string;
      accountIds: string[];
      mediaIds: string[];
      scheduledAt: string | null;
      clientId: string;
    }>,
  ) =>
    api().post('/api/v1/posts', { clientId: client.id, text: 'Hello from Atrium', accountIds: [accountId], ...body });

  beforeAll(async () => {
    t = await startTestApp({ PUBLISH_POLL_MS: '600000' });
    f = new Factory(t);
    const agency = await f.agency('Posting Agency');
    client = await f.client(agency, [...CLIENT_PERMISSIONS], 'Acme');
    otherClient = await f.client(agency, [...CLIENT_PERMISSIONS], 'Globex');
    owner = (await f.signIn((await f.agencyUser(agency, 'owner')).email)).accessToken;
    accountId = (
      await connectSandboxAccount(t, owner, handle('acme'), {
        path: '/api/v1/social-accounts/connect',
        body: { provider: 'local', clientId: client.id },
      })
    ).id;
    otherClientAccountId = (
      await connectSandboxAccount(t, owner, handle('globex'), {
        path: '/api/v1/social-accounts/connect',
        body: { provider: 'local', clientId: otherClient.id },
      })
    ).id;
  });
  afterAll(() => t.close());

  it('saves a draft, schedules it, moves it and cancels it', async () => {
    const draft = await compose({ scheduledAt: null });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', scheduledAt: null, clientName: 'Acme' });
    expect(draft.body.targets[0]).toMatchObject({ accountId, status: 'draft' });

    const at = soon(3600_000);
    const scheduled = await api().patch(`/api/v1/posts/${draft.body.id}`, { scheduledAt: at });
    expect(scheduled.body).toMatchObject({ status: 'scheduled', scheduledAt: at });
    const moved = await api().patch(`/api/v1/posts/${draft.body.id}`, { scheduledAt: soon(7200_000) });
    expect(moved.body.targets[0].status).toBe('scheduled');
    const cancelled = await api().post(`/api/v1/posts/${draft.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await api().post(`/api/v1/posts/${draft.body.id}/cancel`)).status).toBe(409);
    expect((await api().delete(`/api/v1/posts/${draft.body.id}`)).status).toBe(204);
    expect((await api().get(`/api/v1/posts/${draft.body.id}`)).status).toBe(404);
  });

  it('names each wrong field and changes nothing', async () => {
    const past = await compose({ scheduledAt: soon(-3600_000) });
    expect(past.status).toBe(400);
    expect(past.body.details.map((d: { field: string }) => d.field)).toEqual(['scheduledAt']);
    const foreign = await compose({ accountIds: [otherClientAccountId], scheduledAt: soon(60_000) });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0].field).toBe('accountIds');
    const tooLong = await compose({ text: 'x'.repeat(5001), scheduledAt: soon(60_000) });
    expect(tooLong.body.details[0]).toMatchObject({ field: 'text' });
    expect(tooLong.body.details[0].messages[0]).toMatch(/at most 5000/);
    const nothingToPostTo = await compose({ accountIds: [], scheduledAt: soon(60_000) });
    expect(nothingToPostTo.body.details[0].field).toBe('accountIds');
    const unknownField = await compose({ scheduledAt: soon(60_000), ...({ agencyId: 'x' } as object) });
    expect(unknownField.status).toBe(400);
    for (const scheduledAt of ['2025-W10-1', '20260101', '2026-11-23T10:00:00', 'tomorrow']) {
      const odd = await compose({ scheduledAt });
      expect({ scheduledAt, status: odd.status, field: odd.body.details?.[0]?.field }).toEqual({
        scheduledAt,
        status: 400,
        field: 'scheduledAt',
      });
    }
    const list = await api().get(`/api/v1/posts?from=${soon(-86400_000)}&to=${soon(86400_000)}`);
    expect(list.body.items).toEqual([]);
    expect((await api().get('/api/v1/posts?from=2025-W10-1&to=2025-W10-3')).status).toBe(400);
  });

  it('publishes a due post through the account adapter, with a link, and the sandbox feed has it', async () => {
    const text = `Launch day ${randomBytes(4).toString('hex')}`;
    const post = await compose({ text, scheduledAt: soon() });
    expect(post.body.status).toBe('scheduled');
    await publishDue(t);
    const published = await api().get(`/api/v1/posts/${post.body.id}`);
    expect(published.body.status).toBe('published');
    expect(published.body.publishedAt).not.toBeNull();
    expect(published.body.targets[0].url).toMatch(new RegExp(`^${t.config.appUrl}/api/dev-oauth/feed/`));
    const feed = await t.db.getRepository(SandboxPost).findBy({ text });
    expect(feed).toHaveLength(1);
    expect(await t.http().get(new URL(published.body.targets[0].url).pathname)).toMatchObject({ status: 200 });
    expect((await api().patch(`/api/v1/posts/${post.body.id}`, { text: 'changed' })).status).toBe(409);
  });

  it('attaches library images: published with the post, previewed on the portal calendar, kept while in use', async () => {
    const { jpeg, pdf } = await import('./support/media-files');
    const portalUser = await f.clientUser(client, 'admin');
    const portalToken = (await f.signIn(portalUser.email)).accessToken;
    const upload = await t
      .http()
      .post('/api/v1/portal/media')
      .set('Authorization', `Bearer ${portalToken}`)
      .attach('file', await jpeg(), { filename: 'launch.jpg' })
      .attach('file', pdf(), { filename: 'terms.pdf' });
    const [image] = upload.body.stored;
    await t.app.get(JobQueue).drain();
    const foreign = await t
      .http()
      .post('/api/v1/media')
      .set('Authorization', `Bearer ${owner}`)
      .field('clientId', otherClient.id)
      .attach('file', await jpeg(), { filename: 'globex.jpg' });
    const notThisClients = await compose({ mediaIds: [foreign.body.stored[0].id], scheduledAt: soon(60_000) });
    expect(notThisClients.status).toBe(400);
    expect(notThisClients.body.details[0].field).toBe('mediaIds');

    const post = await compose({
      text: `With a picture ${handle('m')}`,
      mediaIds: [image.id],
      scheduledAt: soon(3_600_000),
    });
    expect(post.status).toBe(201);
    expect(post.body.media).toMatchObject([{ id: image.id, filename: 'launch.jpg' }]);
    expect((await api().delete(`/api/v1/media/${image.id}`)).status).toBe(409);

    const week = `from=${soon(-86_400_000)}&to=${soon(5 * 86_400_000)}`;
    const calendar = await t
      .http()
      .get(`/api/v1/portal/calendar?${week}`)
      .set('Authorization', `Bearer ${portalToken}`);
    const previewed = calendar.body.items.find((p: { id: string }) => p.id === post.body.id);
    expect(previewed.media[0].thumbnailUrl).toMatch(/^\/api\/v1\/files\//);
    expect((await t.http().get(previewed.media[0].thumbnailUrl)).status).toBe(200);

    await api().patch(`/api/v1/posts/${post.body.id}`, { scheduledAt: soon() });
    await publishDue(t);
    const published = await api().get(`/api/v1/posts/${post.body.id}`);
    expect(published.body.status).toBe('published');
    const [sent] = await t.db.getRepository(SandboxPost).findBy({ text: post.body.text });
    expect(sent.media).toEqual([{ url: expect.stringMatching(/\/api\/v1\/files\//), mimeType: 'image/jpeg' }]);
    // The platform can fetch the image through its signed URL.
    expect((await t.http().get(new URL(sent.media[0].url).pathname)).status).toBe(200);
  });

  it("lists the client's next posts for the portal dashboard: soonest first, only its own, with previews", async () => {
    const { jpeg } = await import('./support/media-files');
    const agency = await t.db.getRepository(Agency).findOneByOrFail({ id: client.agencyId });
    const own = await f.client(agency, ['calendar.view'], 'Upcoming Co');
    const ownAccount = (
      await connectSandboxAccount(t, owner, handle('up'), {
        path: '/api/v1/social-accounts/connect',
        body: { provider: 'local', clientId: own.id },
      })
    ).id;
    const image = await t
      .http()
      .post('/api/v1/media')
      .set('Authorization', `Bearer ${owner}`)
      .field('clientId', own.id)
      .attach('file', await jpeg(), { filename: 'soon.jpg' });
    await t.app.get(JobQueue).drain();
    const write = (text: string, scheduledAt: string | null, extra: object = {}) =>
      compose({ clientId: own.id, accountIds: [ownAccount], text, scheduledAt, ...extra });
    const later = await write('In three hours', soon(3 * 3_600_000));
    const first = await write('In one hour', soon(3_600_000), { mediaIds: [image.body.stored[0].id] });
    const second = await write('In two hours', soon(2 * 3_600_000));
    await write('A draft', null);
    const cancelled = await write('Called off', soon(1_800_000));
    await api().post(`/api/v1/posts/${cancelled.body.id}/cancel`);
    await compose({ text: 'Another client, sooner', scheduledAt: soon(600_000) });

    const portalToken = (await f.signIn((await f.clientUser(own, 'member')).email)).accessToken;
    const upcoming = (query: string) =>
      t.http().get(`/api/v1/portal/calendar/upcoming${query}`).set('Authorization', `Bearer ${portalToken}`);
    const two = await upcoming('?limit=2');
    expect(two.status).toBe(200);
    expect(two.body.items.map((p: { id: string }) => p.id)).toEqual([first.body.id, second.body.id]);
    expect(two.body.items[0]).toMatchObject({ status: 'scheduled', accounts: [{ id: ownAccount }] });
    expect(two.body.items[0].media[0].thumbnailUrl).toMatch(/^\/api\/v1\/files\//);
    expect((await t.http().get(two.body.items[0].media[0].thumbnailUrl)).status).toBe(200);
    expect((await upcoming('')).body.items.map((p: { id: string }) => p.id)).toEqual([
      first.body.id,
      second.body.id,
      later.body.id,
    ]);
    for (const bad of ['?limit=0', '?limit=21', '?limit=many']) {
      const refused = await upcoming(bad);
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].field).toBe('limit');
    }

    // The calendar's month view: six weeks at most in one read.
    const range = (days: number) =>
      t
        .http()
        .get(`/api/v1/portal/calendar?from=${soon(-3_600_000)}&to=${soon(days * 86_400_000 - 3_600_000)}`)
        .set('Authorization', `Bearer ${portalToken}`);
    const month = await range(42);
    expect(month.status).toBe(200);
    expect(month.body.items.map((p: { id: string }) => p.id)).toEqual([first.body.id, second.body.id, later.body.id]);
    const tooLong = await range(43);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details[0].field).toBe('to');
  });

  it('a file deleted while a post is saved with it: one of the two wins, no post keeps a missing file', async () => {
    const { jpeg } = await import('./support/media-files');
    for (let round = 0; round < 5; round++) {
      const upload = await t
        .http()
        .post('/api/v1/media')
        .set('Authorization', `Bearer ${owner}`)
        .field('clientId', client.id)
        .attach('file', await jpeg(), { filename: `race-${round}.jpg` });
      const imageId = upload.body.stored[0].id as string;
      const draft = await compose({ text: `Racing ${handle('r')}`, scheduledAt: null });
      const [saved, deleted] = await Promise.all([
        api().patch(`/api/v1/posts/${draft.body.id}`, { mediaIds: [imageId] }),
        api().delete(`/api/v1/media/${imageId}`),
      ]);
      expect([saved.status, deleted.status].sort()).toEqual(saved.status === 200 ? [200, 409] : [204, 400]);
      if (saved.status === 400) expect(saved.body.details[0].field).toBe('mediaIds');
      const attached = await t.db.getRepository(PostMedia).findBy({ postId: draft.body.id });
      const assetExists = (await t.db.getRepository(MediaAsset).countBy({ id: imageId })) === 1;
      expect(attached.length).toBe(assetExists ? 1 : 0);
    }
  });

  it('does not publish a post before its time', async () => {
    const post = await compose({ scheduledAt: soon(600_000) });
    await publishDue(t);
    expect((await api().get(`/api/v1/posts/${post.body.id}`)).body.status).toBe('scheduled');
  });

  it('retries a platform outage (idempotent platform) and reports a refusal with its reason', async () => {
    const down = await compose({ text: 'Down [sandbox:unavailable]', scheduledAt: soon() });
    const refused = await compose({ text: 'Refused [sandbox:reject]', scheduledAt: soon() });
    await publishDue(t);
    const target = await t.db.getRepository(PostTarget).findOneByOrFail({ postId: down.body.id });
    expect(target).toMatchObject({ state: 'pending', attempts: 1 });
    expect(target.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now());
    expect((await api().get(`/api/v1/posts/${down.body.id}`)).body.status).toBe('scheduled');
    const failed = (await api().get(`/api/v1/posts/${refused.body.id}`)).body;
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatch(/refused/);
    expect(failed.targets[0].failureReason).toMatch(/refused/);
  });

  it('renews an expired token before publishing', async () => {
    const accounts = t.db.getRepository(SocialAccount);
    const before = await accounts.findOneByOrFail({ id: accountId });
    await accounts.update({ id: accountId }, { tokenExpiresAt: new Date(Date.now() - 1000) });
    const post = await compose({ scheduledAt: soon() });
    await publishDue(t);
    expect((await api().get(`/api/v1/posts/${post.body.id}`)).body.status).toBe('published');
    const after = await accounts.findOneByOrFail({ id: accountId });
    expect(after.tokenVersion).toBe(before.tokenVersion + 1);
    expect(after.accessTokenSealed).not.toBe(before.accessTokenSealed);
  });

  it('marks the account for reconnecting when the platform refuses its tokens, and says so on the post', async () => {
    const account = await connectSandboxAccount(t, owner, handle('revoked'), {
      path: '/api/v1/social-accounts/connect',
      body: { provider: 'local', clientId: client.id },
    });
    const { SandboxToken } = await import('../src/modules/local-oauth/entities/local-oauth.entities');
    await t.db.getRepository(SandboxToken).createQueryBuilder().update().set({ revokedAt: new Date() }).execute();
    const post = await compose({ accountIds: [account.id], scheduledAt: soon() });
    await t.db.getRepository(SocialAccount).update({ id: account.id }, { tokenExpiresAt: new Date(Date.now() - 1) });
    await publishDue(t);
    const failed = (await api().get(`/api/v1/posts/${post.body.id}`)).body;
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatch(/Reconnect/);
    const health = (await api().get('/api/v1/social-accounts')).body.items.find(
      (a: { id: string }) => a.id === account.id,
    );
    expect(health.health).toBe('needs_reconnect');
    // The dashboard points someone at it.
    const dashboard = (await api().get('/api/v1/agency/dashboard')).body;
    expect(dashboard.attention.accountsNeedingReconnect).toBe(1);
    expect(dashboard.attention.failedPosts).toBeGreaterThanOrEqual(1);
  });

  it('fails waiting posts with a reason when their account is disconnected or moved to another client', async () => {
    const account = await connectSandboxAccount(t, owner, handle('moving'), {
      path: '/api/v1/social-accounts/connect',
      body: { provider: 'local', clientId: client.id },
    });
    const post = await compose({ accountIds: [account.id], scheduledAt: soon(3600_000) });
    await api().patch(`/api/v1/social-accounts/${account.id}`, { clientId: otherClient.id });
    const moved = (await api().get(`/api/v1/posts/${post.body.id}`)).body;
    expect(moved.status).toBe('failed');
    expect(moved.failureReason).toMatch(/unassigned/);
  });
});

describe('Publishing exactly once with several instances and redelivered jobs', () => {
  let first: TestApp;
  let second: TestApp;

  // Several instances need a shared server database; SQLite is the single-instance embedded
  // default (and one file shared by two connections in one process would block on itself), so
  // there the two "instances" are one application racing with itself.
  const multiInstance = TEST_DATABASE !== 'sqlite';

  beforeAll(async () => {
    // Instances of one installation share its secrets and its database.
    const shared = {
      PUBLISH_POLL_MS: '600000',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    };
    first = await startTestApp(shared);
    const { database } = first.config;
    second =
      multiInstance && database.type !== 'sqlite'
        ? await startTestApp({ ...shared, DATABASE_NAME: database.database, MIGRATE_ON_START: 'false' })
        : first;
  });
  afterAll(async () => {
    if (second !== first) await second.close();
    await first.close();
  });

  it('two schedulers racing over 30 due posts, with every job delivered twice, publish each once', async () => {
    const f = new Factory(first);
    const agency = await f.agency();
    const client = await f.client(agency, [...CLIENT_PERMISSIONS]);
    const token = (await f.signIn((await f.agencyUser(agency, 'owner')).email)).accessToken;
    const account = await connectSandboxAccount(first, token, handle('race'), {
      path: '/api/v1/social-accounts/connect',
      body: { provider: 'local', clientId: client.id },
    });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const response = await first
        .http()
        .post('/api/v1/posts')
        .set('Authorization', `Bearer ${token}`)
        .send({ clientId: client.id, text: `Race ${i}`, accountIds: [account.id], scheduledAt: soon() });
      ids.push(response.body.id);
    }
    // Both instances claim concurrently; then every claimed job is delivered once more, as a
    // redelivering queue would.
    await Promise.all([
      first.app.get(PublisherService).claimDue(),
      second.app.get(PublisherService).claimDue(),
      first.app.get(PublisherService).claimDue(),
      second.app.get(PublisherService).claimDue(),
    ]);
    const claimed = await first.db.getRepository(PostTarget).findBy({ postId: In(ids) });
    for (const target of claimed) {
      await second.app
        .get(JobQueue)
        .enqueue(JOBS.publishPostTarget, { targetId: target.id, claimToken: target.claimToken });
    }
    await publishDue(first, second);

    const targets = await first.db.getRepository(PostTarget).findBy({ postId: In(ids) });
    expect(targets.map((t) => t.state)).toEqual(Array(30).fill('published'));
    expect(targets.every((t) => t.attempts === 1)).toBe(true);
    const feed = await first.db.getRepository(SandboxPost).findBy({ idempotencyKey: In(targets.map((t) => t.id)) });
    expect(feed).toHaveLength(30);
    // Not one duplicate request reached the platform: each post was sent exactly once.
    expect(feed.map((p) => p.requestCount)).toEqual(Array(30).fill(1));
  });

  it('posts to three accounts each, finished by racing workers, all end up published', async () => {
    const f = new Factory(first);
    const agency = await f.agency();
    const client = await f.client(agency, [...CLIENT_PERMISSIONS]);
    const token = (await f.signIn((await f.agencyUser(agency, 'owner')).email)).accessToken;
    const accountIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const account = await connectSandboxAccount(first, token, handle(`multi${i}`), {
        path: '/api/v1/social-accounts/connect',
        body: { provider: 'local', clientId: client.id },
      });
      accountIds.push(account.id);
    }
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await first
        .http()
        .post('/api/v1/posts')
        .set('Authorization', `Bearer ${token}`)
        .send({ clientId: client.id, text: `Everywhere ${i}`, accountIds, scheduledAt: soon() });
      ids.push(response.body.id);
    }
    await Promise.all([first.app.get(PublisherService).claimDue(), second.app.get(PublisherService).claimDue()]);
    await publishDue(first, second);
    const { Post } = await import('../src/modules/posts/entities/post.entity');
    const posts = await first.db.getRepository(Post).findBy({ id: In(ids) });
    expect(posts.map((p) => p.status)).toEqual(Array(8).fill('published'));
    expect(posts.every((p) => p.publishedAt !== null)).toBe(true);
  });

  it('two workers renewing one account at once: one renewal, the account stays healthy', async () => {
    const f = new Factory(first);
    const agency = await f.agency();
    const token = (await f.signIn((await f.agencyUser(agency, 'owner')).email)).accessToken;
    const account = await connectSandboxAccount(first, token, handle('renew'));
    const repository = first.db.getRepository(SocialAccount);
    const before = await repository.findOneByOrFail({ id: account.id });
    const { SocialAccountsService } = await import('../src/modules/social/social-accounts.service');
    const [a, b] = await Promise.all([
      first.app.get(SocialAccountsService).renew(before),
      second.app.get(SocialAccountsService).renew(before),
    ]);
    // The sandbox rotates refresh tokens: a second refresh with the spent one would be refused.
    expect(a.tokens.accessToken).toBe(b.tokens.accessToken);
    const after = await repository.findOneByOrFail({ id: account.id });
    expect(after).toMatchObject({ status: 'active', tokenVersion: before.tokenVersion + 1, renewingUntil: null });
  });

  it('a worker that died while sending is retried with the same idempotency key, still one post', async () => {
    const f = new Factory(first);
    const agency = await f.agency();
    const client = await f.client(agency, [...CLIENT_PERMISSIONS]);
    const token = (await f.signIn((await f.agencyUser(agency, 'owner')).email)).accessToken;
    const account = await connectSandboxAccount(first, token, handle('crash'), {
      path: '/api/v1/social-accounts/connect',
      body: { provider: 'local', clientId: client.id },
    });
    const post = await first
      .http()
      .post('/api/v1/posts')
      .set('Authorization', `Bearer ${token}`)
      .send({ clientId: client.id, text: 'Crash test', accountIds: [account.id], scheduledAt: soon() });
    await publishDue(first);
    // Pretend the platform got it but the worker died before recording success.
    const targets = first.db.getRepository(PostTarget);
    await targets.update(
      { postId: post.body.id },
      { state: 'sending', claimedAt: new Date(Date.now() - 10 * 60_000), publishedAt: null },
    );
    await publishDue(second);
    const target = await targets.findOneByOrFail({ postId: post.body.id });
    expect(target.state).toBe('published');
    const feed = await first.db.getRepository(SandboxPost).findBy({ idempotencyKey: target.id });
    expect(feed).toHaveLength(1);
    expect(feed[0].requestCount).toBe(2);
  });
});

describe("Posts: each platform's rules for files", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      PUBLISH_POLL_MS: '600000',
      INSTAGRAM_APP_ID: 'ig-app',
      INSTAGRAM_APP_SECRET: 'ig-secret',
      THREADS_APP_ID: 'th-app',
      THREADS_APP_SECRET: 'th-secret',
    });
  });
  afterAll(() => t.close());

  it('names the file rules of Instagram and Threads before anything is scheduled', async () => {
    const { jpeg, png } = await import('./support/media-files');
    const f = new Factory(t);
    const agency = await f.agency();
    const client = await f.client(agency, [...CLIENT_PERMISSIONS], 'Acme');
    const owner = (await f.signIn((await f.agencyUser(agency, 'owner')).email)).accessToken;
    const accounts = t.db.getRepository(SocialAccount);
    const account = (provider: 'instagram' | 'threads') =>
      accounts.save(
        accounts.create({
          agencyId: agency.id,
          clientId: client.id,
          provider,
          externalId: `${provider}-${handle('x')}`,
          displayName: `Acme on ${provider}`,
          handle: null,
          avatarUrl: null,
          profileUrl: null,
          status: 'connected',
          problem: null,
          accessTokenSealed: null,
          refreshTokenSealed: null,
          tokenExpiresAt: null,
          scopes: [],
          connectedVia: 'agency',
          connectedByUserId: null,
          connectLinkId: null,
        }),
      );
    const instagram = await account('instagram');
    const threads = await account('threads');
    const upload = await t
      .http()
      .post('/api/v1/media')
      .set('Authorization', `Bearer ${owner}`)
      .field('clientId', client.id)
      .attach('file', await jpeg(), { filename: 'latte.jpg' })
      .attach('file', await png(), { filename: 'menu.png' });
    const [latte, menu] = upload.body.stored as Array<{ id: string }>;
    const post = (accountIds: string[], mediaIds: string[]) =>
      t
        .http()
        .post('/api/v1/posts')
        .set('Authorization', `Bearer ${owner}`)
        .send({ clientId: client.id, text: 'Fresh roast', accountIds, mediaIds, scheduledAt: soon(3_600_000) });

    const both = await post([instagram.id, threads.id], [latte.id, menu.id]);
    expect(both.status).toBe(400);
    const messages = both.body.details.flatMap((d: { field: string; messages: string[] }) =>
      d.field === 'mediaIds' ? d.messages : [],
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        'Instagram takes one file per post',
        'Instagram takes JPEG images only',
        'Threads takes one file per post',
      ]),
    );
    expect(messages).not.toContain('Threads takes JPEG or PNG images only');
    expect((await post([threads.id], [menu.id])).status).toBe(201);
    const pngToInstagram = await post([instagram.id], [menu.id]);
    expect(pngToInstagram.body.details).toEqual([
      { field: 'mediaIds', messages: ['Instagram takes JPEG images only'] },
    ]);
    expect((await post([instagram.id, threads.id], [latte.id])).status).toBe(201);
    const providers = await t.http().get('/api/v1/social/providers').set('Authorization', `Bearer ${owner}`);
    expect(providers.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'threads',
          acceptsMedia: true,
          mediaLimits: { maxFiles: 1, mimeTypes: ['image/jpeg', 'image/png'], typesLabel: 'JPEG or PNG images' },
        }),
      ]),
    );
  });
});
