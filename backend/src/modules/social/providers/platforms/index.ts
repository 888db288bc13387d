import type { Fetch, ProviderCredentials, SocialProviderAdapter } from '../provider-adapter';
import { FacebookAdapter } from './facebook.adapter';
import { InstagramAdapter } from './instagram.adapter';
import { LinkedInAdapter } from './linkedin.adapter';
import { MastodonAdapter, type MastodonCredentials } from './mastodon.adapter';
import { ThreadsAdapter } from './threads.adapter';
import { XAdapter } from './x.adapter';

export { FacebookAdapter, InstagramAdapter, LinkedInAdapter, MastodonAdapter, ThreadsAdapter, XAdapter };
export type { MastodonCredentials };

/** The apps registered with each platform; null where this installation has none. */
export interface PlatformCredentialsConfig {
  linkedin: ProviderCredentials | null;
  x: ProviderCredentials | null;
  facebook: ProviderCredentials | null;
  instagram: ProviderCredentials | null;
  threads: ProviderCredentials | null;
  mastodon: MastodonCredentials | null;
}

/** One adapter per platform that has credentials: a platform without them is not offered at all. */
export function createPlatformAdapters(config: PlatformCredentialsConfig, fetch: Fetch): SocialProviderAdapter[] {
  const adapters: (SocialProviderAdapter | null)[] = [
    config.linkedin && new LinkedInAdapter(config.linkedin, fetch),
    config.x && new XAdapter(config.x, fetch),
    config.facebook && new FacebookAdapter(config.facebook, fetch),
    config.instagram && new InstagramAdapter(config.instagram, fetch),
    config.threads && new ThreadsAdapter(config.threads, fetch),
    config.mastodon && new MastodonAdapter(config.mastodon, fetch),
  ];
  return adapters.filter((adapter): adapter is SocialProviderAdapter => adapter !== null);
}
