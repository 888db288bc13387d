import { NotFoundException } from '@nestjs/common';
import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { MatrixWorld, type Actor as MatrixActor } from '../../../test/support/matrix-world';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import { TenantData } from '../../core/tenancy/tenant-data';
import {
  agencyScope,
  clientScope,
  systemActor,
  type AgencyScope,
  type ClientScope,
  type TenantScope,
} from '../../core/tenancy/tenant-scope';
import { AttachedMedia } from './attached-media';
import { PostMedia } from './entities/post-media.entity';
import { PostTarget } from './entities/post-target.entity';
import { Post } from './entities/post.entity';
import { portalCalendarWeek } from './portal-calendar';
import { PortalCalendarService } from './portal-calendar.service';
import { failWaitingTargets } from './post-status';
import { PostsService } from './posts.service';

const ALL = [...CLIENT_PERMISSIONS];
const POST_404 = new NotFoundException('Post not found');
const CLIENT_404 = new NotFoundException('Client not found');

/** A week around now: fresh scheduled posts (an hour ahead) fall in it. */
const range = () => {
  const from = new Date(Date.now() - 3 * 86400_000);
  return { from: from.toISOString(), to: new Date(from.getTime() + 7 * 86400_000).toISOString() };
};
const week = () => {
  const { from, to } = range();
  return `from=${from}&to=${to}`;
};

/**
 * Posts, their targets and their attached files stay within their tenant: agency A has clients A1
 * and A2, agency B is another tenant. Foreign ids answer 404 exactly like unknown ids, and lists
 * and the calendar never carry foreign rows.
 */
describe('Posts isolation', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let posts: PostsService;
  let calendar: PortalCalendarService;
  let attached: AttachedMedia;
  let tenant: TenantData;
  let a: AgencyScope;
  let b: AgencyScope;
  let a1: ClientScope;
  let a2: ClientScope;
  /** People whose own rows (time zone) the calendar reads. */
  let viewers: { a1: string; a2: string; b: string };

  beforeAll(async () => {
    t = await startTestApp();
    world = await new MatrixWorld(t).build();
    posts = t.app.get(PostsService);
    calendar = t.app.get(PortalCalendarService);
    attached = t.app.get(AttachedMedia);
    tenant = t.app.get(TenantData);
    a = agencyScope(world.agencyA.id, 'owner');
    b = agencyScope(world.agencyB.id, 'owner');
    a1 = clientScope(world.agencyA.id, world.clientA1.id, ALL, 'admin');
    a2 = clientScope(world.agencyA.id, world.clientA2.id, ALL, 'admin');
    viewers = {
      a1: (await world.factory.clientUser(world.clientA1, 'member')).id,
      a2: (await world.factory.clientUser(world.clientA2, 'member')).id,
      b: (await world.factory.agencyUser(world.agencyB, 'member')).id,
    };
  });
  afterAll(() => t.close());

  const actor = (scope: TenantScope) => systemActor(scope);
  const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);
  const reload = (post: Post) => t.db.getRepository(Post).findOneByOrFail({ id: post.id });
  const targetsOf = (post: Post) => t.db.getRepository(PostTarget).findBy({ postId: post.id });

  describe('posts (service)', () => {
    it("a client scope reaches its own client's post only; agency B reaches none of agency A's", async () => {
      const post = await world.freshPost('draft');
      await expect(posts.get(actor(a), post.id)).resolves.toMatchObject({ id: post.id, clientId: world.clientA1.id });
      await expect(posts.get(actor(a1), post.id)).resolves.toMatchObject({ id: post.id });
      await expect(posts.get(actor(a2), post.id)).rejects.toThrow(POST_404);
      await expect(posts.get(actor(b), post.id)).rejects.toThrow(POST_404);
    });

    it('lists of drafts and of the calendar range never carry foreign posts', async () => {
      const draft = await world.freshPost('draft');
      const scheduled = await world.freshPost('scheduled');
      const drafts = (scope: TenantScope) => posts.list(actor(scope), { status: 'draft' });
      const planned = (scope: TenantScope) => posts.list(actor(scope), range());
      expect(ids(await drafts(a))).toContain(draft.id);
      expect(ids(await drafts(a1))).toContain(draft.id);
      expect(ids(await planned(a))).toContain(scheduled.id);
      expect(ids(await planned(a1))).toContain(scheduled.id);
      for (const foreign of [a2, b]) {
        expect(ids(await drafts(foreign))).not.toContain(draft.id);
        expect(ids(await planned(foreign))).not.toContain(scheduled.id);
      }
      // Narrowing to a client is a filter on the scope, never a way out of it.
      expect(ids(await posts.list(actor(a), { status: 'draft', clientId: world.clientA1.id }))).toContain(draft.id);
      await expect(posts.list(actor(a2), { status: 'draft', clientId: world.clientA1.id })).rejects.toThrow(CLIENT_404);
      await expect(posts.list(actor(b), { status: 'draft', clientId: world.clientA1.id })).rejects.toThrow(CLIENT_404);
    });

    it('foreign scopes can neither edit, cancel nor delete a post, and nothing changes', async () => {
      const post = await world.freshPost('scheduled');
      for (const foreign of [a2, b]) {
        await expect(posts.update(actor(foreign), post.id, { text: 'taken over' })).rejects.toThrow(POST_404);
        await expect(posts.cancel(actor(foreign), post.id)).rejects.toThrow(POST_404);
        await expect(posts.remove(actor(foreign), post.id)).rejects.toThrow(POST_404);
      }
      expect(await reload(post)).toMatchObject({ text: post.text, status: 'scheduled' });
      expect((await targetsOf(post)).map((target) => target.state)).toEqual(['pending']);
      // The owner's own scope still works, so the refusals above are about the scope.
      await expect(posts.cancel(actor(a), post.id)).resolves.toMatchObject({ status: 'cancelled' });
    });

    it("creating a post for a foreign client is 404, and foreign scopes count none of a client's failures", async () => {
      const before = await t.db.getRepository(Post).countBy({ clientId: world.clientA1.id });
      for (const foreign of [a2, b]) {
        await expect(
          posts.create(actor(foreign), { clientId: world.clientA1.id, text: 'x', accountIds: [] }),
        ).rejects.toThrow(CLIENT_404);
      }
      expect(await t.db.getRepository(Post).countBy({ clientId: world.clientA1.id })).toBe(before);
      const failed = await world.freshPost('draft');
      await t.db.getRepository(Post).update({ id: failed.id }, { status: 'failed' });
      const since = new Date(Date.now() - 3600_000);
      expect(await posts.countFailedSince(a, since)).toBeGreaterThanOrEqual(1);
      expect(await posts.countFailedSince(a1, since)).toBeGreaterThanOrEqual(1);
      expect(await posts.countFailedSince(a2, since)).toBe(0);
      expect(await posts.countFailedSince(b, since)).toBe(0);
    });
  });

  describe('post targets (service)', () => {
    it("the calendar week of a client scope carries its own client's posts only", async () => {
      const post = await world.freshPost('scheduled');
      const { from, to } = range();
      const weekOf = async (scope: TenantScope) =>
        ids((await portalCalendarWeek(tenant, scope, new Date(from), new Date(to))).items);
      expect(await weekOf(a1)).toContain(post.id);
      expect(await weekOf(a)).toContain(post.id);
      expect(await weekOf(a2)).not.toContain(post.id);
      expect(await weekOf(b)).not.toContain(post.id);

      const viewed = async (scope: TenantScope, userId: string) =>
        ids((await calendar.week({ ...actor(scope), userId, profile: { timezone: 'UTC' } }, range())).items);
      expect(await viewed(a1, viewers.a1)).toContain(post.id);
      expect(await viewed(a2, viewers.a2)).not.toContain(post.id);
      expect(await viewed(b, viewers.b)).not.toContain(post.id);
    });

    it("failing waiting targets never reaches past the scope's own targets", async () => {
      const post = await world.freshPost('scheduled');
      const [target] = await targetsOf(post);
      const fail = (scope: TenantScope, match: Parameters<typeof failWaitingTargets>[2]) =>
        tenant.transaction((tx) => failWaitingTargets(tx, scope, match, 'should not happen'));
      // The scope wins over the match: client A2 naming client A1 still reaches only A2's targets.
      await fail(a2, { clientId: world.clientA1.id });
      await fail(a2, { socialAccountId: target.socialAccountId });
      await fail(b, { socialAccountId: target.socialAccountId });
      await fail(b, { clientId: world.clientA1.id });
      expect((await targetsOf(post)).map((row) => row.state)).toEqual(['pending']);
      expect(await reload(post)).toMatchObject({ status: 'scheduled', failureReason: null });
      await fail(a1, { socialAccountId: target.socialAccountId });
      expect(await reload(post)).toMatchObject({ status: 'failed', failureReason: 'should not happen' });
    });
  });

  describe('attached files (service)', () => {
    it("the files of a post are shown through the post's scope only", async () => {
      const post = await world.freshPost('draft');
      const file = await world.freshMedia('agency', null);
      const attachments = t.db.getRepository(PostMedia);
      await attachments.save(
        attachments.create({ postId: post.id, agencyId: world.agencyA.id, mediaAssetId: file.id, position: 0 }),
      );
      const filesOf = async (scope: TenantScope) => ids((await attached.of(scope, [post.id])).get(post.id) ?? []);
      expect(await filesOf(a)).toEqual([file.id]);
      // The agency's own file shows on client A1's post, since the post is A1's.
      expect(await filesOf(a1)).toEqual([file.id]);
      expect(await filesOf(a2)).toEqual([]);
      expect(await filesOf(b)).toEqual([]);
      expect((await posts.get(actor(a1), post.id)).media.map((m) => m.id)).toEqual([file.id]);
    });
  });

  describe('lists and counts never include foreign rows (HTTP)', () => {
    const as = (who: Exclude<MatrixActor, 'anonymous'>, path: string) => world.get(who, path);

    it("a client user never sees another client's accounts or posts, in lists or on the calendar", async () => {
      const account = await world.freshAccount(world.clientA1.id);
      const post = await world.freshPost('scheduled');
      const mine = (await as('clientAdmin', '/api/v1/portal/accounts')).body.items.map((a: { id: string }) => a.id);
      expect(mine).toContain(account.id);
      const theirs = (await as('otherClient', '/api/v1/portal/accounts')).body.items.map((a: { id: string }) => a.id);
      expect(theirs).not.toContain(account.id);
      const calendarA1 = (await as('clientMember', `/api/v1/portal/calendar?${week()}`)).body.items;
      expect(calendarA1.map((p: { id: string }) => p.id)).toContain(post.id);
      const calendarA2 = await as('otherClient', `/api/v1/portal/calendar?${week()}`);
      expect(calendarA2.body.items.map((p: { id: string }) => p.id)).not.toContain(post.id);
      expect(JSON.stringify(calendarA2.body)).not.toContain(post.text);
      const forced = await as('otherClient', `/api/v1/portal/calendar?${week()}`).set(
        'X-Atrium-Client',
        world.clientA1.id,
      );
      expect(forced.status).toBe(404);
    });

    it('agency B sees none of agency A in accounts, posts and connect links', async () => {
      const account = await world.freshAccount(world.clientA1.id);
      const post = await world.freshPost();
      const accounts = (await as('otherAgency', '/api/v1/social-accounts')).body.items.map((a: { id: string }) => a.id);
      expect(accounts).not.toContain(account.id);
      const drafts = (await as('otherAgency', '/api/v1/posts?status=draft')).body.items.map(
        (p: { id: string }) => p.id,
      );
      expect(drafts).not.toContain(post.id);
      expect((await as('otherAgency', `/api/v1/social-accounts?clientId=${world.clientA1.id}`)).status).toBe(404);
    });

    it('a post cannot target an account of another client', async () => {
      const foreign = await world.freshAccount(world.clientA2.id);
      const response = await t
        .http()
        .post('/api/v1/posts')
        .set('Authorization', `Bearer ${world.tokens.agencyOwner}`)
        .send({ clientId: world.clientA1.id, text: 'x', accountIds: [foreign.id] });
      expect(response.status).toBe(400);
    });
  });
});
