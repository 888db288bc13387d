import { WEB_PATHS, type ClientPermission } from '@atrium/shared';

/** Portal › Messages (issue 16). */
export const PORTAL_MESSAGES_PATH = WEB_PATHS.portalMessages;

export interface PortalPage {
  readonly label: string;
  readonly icon: string;
  readonly link: string;
  /** The client permission that unlocks the page (SPEC §4); null for pages everyone has. */
  readonly permission: ClientPermission | null;
}

/**
 * The portal's pages, in menu order (the spec's); each appears only with the permission that opens
 * it. Settings is for everyone and lives in the user menu, not here.
 */
export const PORTAL_PAGES: readonly PortalPage[] = [
  { label: 'Dashboard', icon: 'home', link: WEB_PATHS.portalHome, permission: null },
  { label: 'Calendar', icon: 'calendar_month', link: WEB_PATHS.portalCalendar, permission: 'calendar.view' },
  { label: 'To review', icon: 'rate_review', link: WEB_PATHS.portalReviews, permission: 'posts.approve' },
  { label: 'Media', icon: 'perm_media', link: WEB_PATHS.portalMedia, permission: 'media.upload' },
  { label: 'Accounts', icon: 'share', link: WEB_PATHS.portalAccounts, permission: 'accounts.manage' },
  { label: 'Contracts', icon: 'draw', link: WEB_PATHS.portalContracts, permission: 'contracts.sign' },
  { label: 'Messages', icon: 'forum', link: PORTAL_MESSAGES_PATH, permission: 'messages.use' },
  { label: 'Team', icon: 'group', link: WEB_PATHS.portalTeam, permission: 'users.manage' },
  // Client admins only: members never hold billing.manage, whatever the client allows.
  { label: 'Billing', icon: 'receipt_long', link: WEB_PATHS.portalBilling, permission: 'billing.manage' },
];

/** The page among PORTAL_PAGES that a URL is on (the longest matching link), if any. */
export function portalPageFor(url: string): PortalPage | undefined {
  const path = url.split(/[?#]/)[0];
  return [...PORTAL_PAGES]
    .sort((a, b) => b.link.length - a.link.length)
    .find((page) => path === page.link || path.startsWith(page.link + '/'));
}

export function visiblePortalPages(permissions: readonly ClientPermission[]): PortalPage[] {
  return PORTAL_PAGES.filter((page) => !page.permission || permissions.includes(page.permission));
}
