import { CLIENT_PERMISSIONS } from '@atrium/shared';
import type { Logger } from 'typeorm';
import { newId } from '../src/core/database/columns';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import { PostTarget } from '../src/modules/posts/entities/post-target.entity';
import { Post } from '../src/modules/posts/entities/post.entity';
import { SocialAccount } from '../src/modules/social/entities/social-account.entity';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DATABASE } from './support/test-env';

const DAY_MS = 86_400_000;
const INDEX = 'idx_post_targets_client_week';
/** A Monday far from anything else in the test database; five weeks around it are seeded. */
const WEEK_START = new Date('2031-06-02T00:00:00.000Z');
const CLIENTS = 6;
const POSTS_PER_CLIENT_AND_DAY = 2;

interface SentQuery {
  sql: string;
  parameters: unknown[];
}

/**
 * The portal calendar's week must cost the same however many posts the installation holds: every
 * post_targets column the query reads is in one index, so the client's week is a short range of
 * that index and the table itself is never visited (bench/calendar-week measures the effect).
 */
describe('Portal calendar: the week query reads post targets from one covering index', () => {
  let t: TestApp;
  let viewerToken: string;
  let week: SentQuery;
  let items: Array<{ accounts: Array<{ url: string | null }> }>;

  beforeAll(async () => {
    t = await startTestApp({ PUBLISH_POLL_MS: '600000' });
    const f = new Factory(t);
    const agency = await f.agency('Indexed Agency');
    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await f.client(agency, [...CLIENT_PERMISSIONS], `Client ${i}`));
    viewerToken = (await f.signIn((await f.clientUser(clients[0], 'member')).email)).accessToken;

    // Other clients' posts and other weeks around the viewer's, interleaved, some published with links.
    const now = new Date();
    // The ids are kept apart: insert() may write values back into the objects it was given.
    const accountIds = clients.map(() => newId());
    const accounts = clients.map((client, i) => ({
      id: accountIds[i],
      createdAt: now,
      updatedAt: now,
      agencyId: agency.id,
      clientId: client.id,
      provider: 'local' as const,
      externalId: `indexed-${i}`,
      displayName: `Account ${i}`,
      handle: `account${i}`,
      status: 'active' as const,
      scopes: [],
      tokenVersion: 0,
      connectedVia: 'agency' as const,
    }));
    await t.db.getRepository(SocialAccount).insert(accounts);
    const posts: Partial<Post>[] = [];
    const targets: Partial<PostTarget>[] = [];
    for (let day = -14; day < 21; day++) {
      for (let n = 0; n < POSTS_PER_CLIENT_AND_DAY; n++) {
        clients.forEach((client, i) => {
          const scheduledAt = new Date(WEEK_START.getTime() + day * DAY_MS + (n * 6 + i) * 3600_000);
          const published = day < 3;
          const postId = newId();
          posts.push({
            id: postId,
            createdAt: now,
            updatedAt: now,
            agencyId: agency.id,
            clientId: client.id,
            text: `Post ${day}/${n} of client ${i}`,
            status: published ? 'published' : 'scheduled',
            scheduledAt,
            publishedAt: published ? scheduledAt : null,
          });
          targets.push({
            id: newId(),
            createdAt: now,
            updatedAt: now,
            postId,
            agencyId: agency.id,
            clientId: client.id,
            socialAccountId: accountIds[i],
            state: published ? 'published' : 'pending',
            scheduledAt,
            attempts: 0,
            externalUrl: published ? `https://social.example/@account${i}/${postId}` : null,
            publishedAt: published ? scheduledAt : null,
          });
        });
      }
    }
    for (let i = 0; i < posts.length; i += 200) await t.db.getRepository(Post).insert(posts.slice(i, i + 200));
    for (let i = 0; i < targets.length; i += 200) {
      await t.db.getRepository(PostTarget).insert(targets.slice(i, i + 200));
    }
    // Statistics as a live table has them; the plan must not depend on when InnoDB gets to it.
    if (TEST_DATABASE !== 'sqlite') await t.db.query('ANALYZE TABLE `post_targets`, `posts`, `social_accounts`');

    const sent = await capturing(async () => {
      const to = new Date(WEEK_START.getTime() + 7 * DAY_MS);
      const response = await t
        .http()
        .get(`/api/v1/portal/calendar?from=${WEEK_START.toISOString()}&to=${to.toISOString()}`)
        .set('Authorization', `Bearer ${viewerToken}`);
      expect(response.status).toBe(200);
      items = response.body.items;
    });
    const weekQuery = sent.find((query) => /^\s*select/i.test(query.sql) && /post_targets/.test(query.sql));
    if (!weekQuery) throw new Error('The portal calendar sent no query on post_targets through the data source');
    week = weekQuery;
  });
  afterAll(() => t.close());

  /** Records what the application sends to the database while `run` runs. */
  async function capturing(run: () => Promise<void>): Promise<SentQuery[]> {
    const sent: SentQuery[] = [];
    const logger = t.db.logger;
    const recorder: Logger = {
      logQuery: (sql, parameters) => void sent.push({ sql, parameters: (parameters as unknown[]) ?? [] }),
      logQueryError: (...args) => logger.logQueryError(...args),
      logQuerySlow: (...args) => logger.logQuerySlow(...args),
      logSchemaBuild: (...args) => logger.logSchemaBuild(...args),
      logMigration: (...args) => logger.logMigration(...args),
      log: (...args) => logger.log(...args),
    };
    t.db.logger = recorder;
    try {
      await run();
    } finally {
      t.db.logger = logger;
    }
    return sent;
  }

  it('returns the viewer’s week, links included', () => {
    expect(items).toHaveLength(7 * POSTS_PER_CLIENT_AND_DAY);
    expect(items.filter((item) => item.accounts[0].url !== null)).toHaveLength(3 * POSTS_PER_CLIENT_AND_DAY);
  });

  it(`has every post_targets column it reads in ${INDEX}`, () => {
    const alias = /FROM\s+[`"]post_targets[`"]\s+[`"](\w+)[`"]/i.exec(week.sql)?.[1];
    expect(alias).toBeDefined();
    const read = new Set(
      [...week.sql.matchAll(new RegExp(`[\`"]${alias}[\`"]\\.[\`"](\\w+)[\`"]`, 'g'))].map((match) => match[1]),
    );
    const indexed = t.db.getMetadata(PostTarget).indices.find((index) => index.name === INDEX);
    expect(read.size).toBeGreaterThan(0);
    expect(indexed?.columns.map((column) => column.databaseName)).toEqual(expect.arrayContaining([...read]));
  });

  it(`is planned as a range over ${INDEX} alone, never the table's rows`, async () => {
    if (TEST_DATABASE === 'sqlite') {
      const plan = (await t.db.query(`EXPLAIN QUERY PLAN ${week.sql}`, week.parameters)) as Array<{ detail: string }>;
      expect(plan.map((step) => step.detail)).toContainEqual(
        expect.stringMatching(
          new RegExp(`^SEARCH \\w+ USING COVERING INDEX ${INDEX} \\(clientId=\\? AND scheduledAt>`),
        ),
      );
      return;
    }
    const plan = (await t.db.query(`EXPLAIN ${week.sql}`, week.parameters)) as Array<Record<string, string | null>>;
    const targets = plan.find((step) => step['key'] === INDEX);
    expect(plan.map((step) => `${step['table']}: ${step['type']} ${step['key']} (${step['Extra']})`)).toContainEqual(
      expect.stringMatching(new RegExp(`: range ${INDEX} \\(`)),
    );
    // "Using index": answered from the index alone (not "Using index condition", which still reads rows).
    expect(String(targets?.['Extra']).split('; ')).toContain('Using index');
  });
});
