import { DataSource } from 'typeorm';
import { SecretBox } from '../src/core/crypto/secret-box';
import { seedDemoSocial } from '../src/modules/demo/demo-social';
import { Client } from '../src/core/tenancy/entities/client.entity';
import { PostTarget } from '../src/modules/posts/entities/post-target.entity';
import { PublisherService } from '../src/modules/posts/publisher.service';
import { JobQueue } from '../src/core/jobs/job-queue';
import { SocialAccount } from '../src/modules/social/entities/social-account.entity';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('Demo social data', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ PUBLISH_POLL_MS: '600000' })));
  afterAll(() => t.close());

  it('connects working sandbox accounts whose scheduled posts really publish', async () => {
    const f = new Factory(t);
    const agency = await f.agency('Northwind Creative');
    await f.client(agency, ['calendar.view'], 'Acme Coffee');
    const db = t.app.get(DataSource);
    await db.transaction((manager) => seedDemoSocial(manager, t.config, [])); // no clients: nothing
    expect(await db.getRepository(SocialAccount).count()).toBe(0);
    await db.transaction(async (manager) =>
      seedDemoSocial(manager, t.config, await manager.getRepository(Client).find()),
    );

    const account = await db.getRepository(SocialAccount).findOneByOrFail({ displayName: 'Acme Coffee' });
    expect(account.accessTokenSealed).toMatch(/^v1\./);
    expect(() =>
      t.app.get(SecretBox).open(account.accessTokenSealed as string, `social_account:${account.id}:access`),
    ).not.toThrow();
    const targets = await db.getRepository(PostTarget).findBy({ socialAccountId: account.id });
    expect(targets.some((target) => target.state === 'published' && target.externalUrl)).toBe(true);
    const next = targets.find((target) => target.state === 'pending') as PostTarget;
    await db.getRepository(PostTarget).update({ id: next.id }, { scheduledAt: new Date(Date.now() - 1000) });
    await t.app.get(PublisherService).tick();
    await t.app.get(JobQueue).drain();
    expect(await db.getRepository(PostTarget).findOneByOrFail({ id: next.id })).toMatchObject({ state: 'published' });
  });
});
