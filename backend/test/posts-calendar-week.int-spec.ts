import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { newId } from '../src/core/database/columns';
import { Post } from '../src/modules/posts/entities/post.entity';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const DAY_MS = 86_400_000;
const POSTS_IN_WEEK = 5_000;
/** A Monday far enough ahead that nothing else in the test database is scheduled in its week. */
const WEEK_START = new Date('2031-03-03T00:00:00.000Z');

const dayOf = (iso: string) => iso.slice(0, 10);

describe('Posts: the agency calendar of a crowded week', () => {
  let t: TestApp;
  let owner: string;
  const seededPerDay = new Map<string, number>();

  beforeAll(async () => {
    t = await startTestApp({ PUBLISH_POLL_MS: '600000' });
    const f = new Factory(t);
    const agency = await f.agency('Crowded Agency');
    const client = await f.client(agency, [...CLIENT_PERMISSIONS], 'Busy Client');
    owner = (await f.signIn((await f.agencyUser(agency, 'owner')).email)).accessToken;

    // Evenly over the seven days, so every day holds about 714 posts; inserted set-based.
    const rows = Array.from({ length: POSTS_IN_WEEK }, (_, i) => {
      const scheduledAt = new Date(WEEK_START.getTime() + Math.floor((i * 7 * DAY_MS) / POSTS_IN_WEEK));
      const day = dayOf(scheduledAt.toISOString());
      seededPerDay.set(day, (seededPerDay.get(day) ?? 0) + 1);
      const now = new Date();
      return {
        id: newId(),
        createdAt: now,
        updatedAt: now,
        agencyId: agency.id,
        clientId: client.id,
        text: `Crowded post ${i}`,
        status: 'scheduled' as const,
        scheduledAt,
        publishedAt: null,
        failureReason: null,
        createdByUserId: null,
      };
    });
    const posts = t.db.getRepository(Post);
    for (let i = 0; i < rows.length; i += 500) await posts.insert(rows.slice(i, i + 500));
  });
  afterAll(() => t.close());

  it('returns every post of a 5,000-post week, none of its days left empty', async () => {
    const to = new Date(WEEK_START.getTime() + 7 * DAY_MS);
    const response = await t
      .http()
      .get(`/api/v1/posts?from=${WEEK_START.toISOString()}&to=${to.toISOString()}`)
      .set('Authorization', `Bearer ${owner}`);
    expect(response.status).toBe(200);

    const items = response.body.items as { scheduledAt: string }[];
    const returnedPerDay = new Map<string, number>();
    for (const item of items)
      returnedPerDay.set(dayOf(item.scheduledAt), (returnedPerDay.get(dayOf(item.scheduledAt)) ?? 0) + 1);
    expect(seededPerDay.size).toBe(7);
    expect(Object.fromEntries(returnedPerDay)).toEqual(Object.fromEntries(seededPerDay));
    expect(items).toHaveLength(POSTS_IN_WEEK);
  });
});
