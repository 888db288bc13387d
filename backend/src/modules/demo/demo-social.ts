import { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { SecretBox } from '../../core/crypto/secret-box';
import { newId } from '../../core/database/columns';
import { hashToken, newSecretToken } from '../auth/token-hash';
import type { Client } from '../../core/tenancy/entities/client.entity';
import { SandboxAccount, SandboxPost, SandboxToken } from '../local-oauth/entities/local-oauth.entities';
import { Post } from '../posts/entities/post.entity';
import { PostTarget } from '../posts/entities/post-target.entity';
import { SocialAccount } from '../social/entities/social-account.entity';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Which demo clients get a connected sandbox account, and what their week looks like. */
const DEMO_ACCOUNTS: Array<{ client: string; handle: string; name: string; posts: string[] }> = [
  {
    client: 'Acme Coffee',
    handle: 'acme-coffee',
    name: 'Acme Coffee',
    posts: [
      'Monday starts with a flat white. ☕ Our new Ethiopian single origin is in all stores.',
      'Behind the bar: meet Lena, who roasts every bean we sell.',
      'Rainy day? Two-for-one on hot chocolate until 4 pm.',
      'Our autumn menu lands tomorrow: pumpkin spice, done properly.',
      'Weekend brunch: new sourdough from our neighbours at Crumb & Co.',
      'Latte art throwdown on Friday, 6 pm. Sign up at the counter!',
      'Thank you for 10,000 followers! Free cookie with every order today.',
    ],
  },
  {
    client: 'Blue Harbor Hotels',
    handle: 'blue-harbor',
    name: 'Blue Harbor Hotels',
    posts: [
      'Sunset from the rooftop terrace, last night. 🌅',
      'Our spa reopens next week, with a new sauna.',
      'Autumn escape: stay three nights, pay for two.',
    ],
  },
  {
    client: 'Delta Outdoors',
    handle: 'delta-outdoors',
    name: 'Delta Outdoors',
    posts: ['New trail shoes are in.', 'Guided hike this Sunday, meet at 8 am at the store.'],
  },
];

/**
 * Connected sandbox accounts and a calendar of posts around today, so the calendars and the
 * publisher can be seen at work right after `npm run seed:demo`. The accounts hold real sandbox
 * tokens (sealed with ENCRYPTION_KEY), so their scheduled posts really publish.
 */
export async function seedDemoSocial(manager: EntityManager, config: AppConfig, clients: Client[]): Promise<void> {
  if (!config.social.localProvider) return;
  const box = new SecretBox(config);
  const now = Date.now();
  const today = new Date(now);
  today.setUTCHours(0, 0, 0, 0);
  for (const demo of DEMO_ACCOUNTS) {
    const client = clients.find((c) => c.name === demo.client);
    if (!client) continue;
    const sandbox = await manager
      .getRepository(SandboxAccount)
      .save(manager.getRepository(SandboxAccount).create({ handle: demo.handle, displayName: demo.name }));
    const access = newSecretToken();
    const refresh = newSecretToken();
    const tokens = manager.getRepository(SandboxToken);
    await tokens.save([
      tokens.create({
        tokenHash: hashToken(access),
        kind: 'access',
        accountId: sandbox.id,
        scope: 'profile publish',
        expiresAt: new Date(now + HOUR),
      }),
      tokens.create({
        tokenHash: hashToken(refresh),
        kind: 'refresh',
        accountId: sandbox.id,
        scope: 'profile publish',
        expiresAt: new Date(now + 30 * DAY),
      }),
    ]);
    const accountId = newId();
    const account = await manager.getRepository(SocialAccount).save(
      manager.getRepository(SocialAccount).create({
        id: accountId,
        agencyId: client.agencyId,
        clientId: client.id,
        provider: 'local',
        externalId: sandbox.id,
        displayName: demo.name,
        handle: `@${demo.handle}`,
        profileUrl: `${config.appUrl}/api/dev-oauth/feed/${demo.handle}`,
        status: 'active',
        accessTokenSealed: box.seal(access, `social_account:${accountId}:access`),
        refreshTokenSealed: box.seal(refresh, `social_account:${accountId}:refresh`),
        tokenExpiresAt: new Date(now + HOUR),
        scopes: ['profile', 'publish'],
        connectedVia: 'agency',
        connectedAt: new Date(now),
      }),
    );
    // Spread over yesterday-minus-two to a week ahead, at 9:00, 13:00 and 17:00 UTC.
    for (const [index, text] of demo.posts.entries()) {
      const scheduledAt = new Date(today.getTime() + (index - 2) * DAY + [9, 13, 17][index % 3] * HOUR);
      const published = scheduledAt.getTime() < now;
      const post = await manager.getRepository(Post).save(
        manager.getRepository(Post).create({
          agencyId: client.agencyId,
          clientId: client.id,
          text,
          status: published ? 'published' : 'scheduled',
          scheduledAt,
          publishedAt: published ? scheduledAt : null,
        }),
      );
      const target = manager.getRepository(PostTarget).create({
        id: newId(),
        postId: post.id,
        agencyId: client.agencyId,
        clientId: client.id,
        socialAccountId: account.id,
        state: published ? 'published' : 'pending',
        scheduledAt,
        publishedAt: published ? scheduledAt : null,
      });
      if (published) {
        const feedPost = await manager
          .getRepository(SandboxPost)
          .save(
            manager
              .getRepository(SandboxPost)
              .create({ accountId: sandbox.id, text, media: [], idempotencyKey: target.id, createdAt: scheduledAt }),
          );
        target.externalId = feedPost.id;
        target.externalUrl = `${config.appUrl}/api/dev-oauth/feed/${demo.handle}#post-${feedPost.id}`;
      }
      await manager.getRepository(PostTarget).save(target);
    }
  }
}
