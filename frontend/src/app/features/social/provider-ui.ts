import type { ConnectedVia, SocialProviderId } from '@atrium/shared';

/**
 * Material Symbols has no brand logos: each platform gets a neutral symbol, and its name is always
 * written next to it (never the symbol alone).
 */
const PROVIDER_ICONS: Record<SocialProviderId, string> = {
  local: 'public',
  linkedin: 'work',
  x: 'tag',
  facebook: 'thumb_up',
  instagram: 'photo_camera',
  mastodon: 'forum',
  threads: 'alternate_email',
};

export function providerIcon(provider: SocialProviderId | string): string {
  return PROVIDER_ICONS[provider as SocialProviderId] ?? 'share';
}

const CONNECTED_VIA: Record<ConnectedVia, string> = {
  agency: 'Agency workspace',
  portal: 'Client portal',
  connect_link: 'Connect link',
};

export function connectedViaLabel(via: ConnectedVia): string {
  return CONNECTED_VIA[via] ?? via;
}

/** "Anna", "Anna and Ben", "Anna, Ben and 3 more". */
export function nameList(names: readonly string[], max = 3): string {
  if (names.length <= 1) {
    return names[0] ?? '';
  }
  if (names.length <= max) {
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
  return `${names.slice(0, max - 1).join(', ')} and ${names.length - max + 1} more`;
}

/** The toast after a round trip: "Connected Acme Coffee", or what to say when nothing came back. */
export function connectedMessage(accounts: ReadonlyArray<{ displayName: string }>): string {
  return accounts.length > 0
    ? `Connected ${nameList(accounts.map((account) => account.displayName))}`
    : 'The platform did not share any account.';
}

/** "@acme" for handles without the sign; nothing for accounts without a handle. */
export function handleLabel(handle: string | null | undefined): string {
  if (!handle) {
    return '';
  }
  return handle.startsWith('@') || handle.includes('/') ? handle : `@${handle}`;
}
