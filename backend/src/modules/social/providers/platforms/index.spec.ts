import { createPlatformAdapters, type PlatformCredentialsConfig } from './index';

const none: PlatformCredentialsConfig = {
  linkedin: null,
  x: null,
  facebook: null,
  instagram: null,
  threads: null,
  mastodon: null,
};
const app = { clientId: 'id', clientSecret: 'secret' };
const fetch = () => Promise.reject(new Error('no request expected'));

describe('createPlatformAdapters', () => {
  it('offers no platform without credentials', () => {
    expect(createPlatformAdapters(none, fetch)).toEqual([]);
  });

  it('offers exactly the platforms that have credentials', () => {
    const adapters = createPlatformAdapters(
      { ...none, x: app, instagram: app, mastodon: { ...app, instanceUrl: 'https://social.example.org' } },
      fetch,
    );
    expect(adapters.map((adapter) => adapter.id)).toEqual(['x', 'instagram', 'mastodon']);
  });

  it('offers all six when all are configured, each with its own limits', () => {
    const all = {
      linkedin: app,
      x: app,
      facebook: app,
      instagram: app,
      threads: app,
      mastodon: { ...app, instanceUrl: 'https://m.example' },
    };
    const adapters = createPlatformAdapters(all, fetch);
    expect(
      adapters.map(({ id, maxTextLength, requiresMedia, idempotentPublish }) => [
        id,
        maxTextLength,
        requiresMedia,
        idempotentPublish,
      ]),
    ).toEqual([
      ['linkedin', 3000, false, false],
      ['x', 280, false, false],
      ['facebook', 63206, false, false],
      ['instagram', 2200, true, false],
      ['threads', 500, false, false],
      ['mastodon', 500, false, true],
    ]);
  });
});
