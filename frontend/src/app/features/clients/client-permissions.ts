import { CLIENT_ADMIN_ONLY_PERMISSIONS, CLIENT_PERMISSIONS, type ClientPermission } from '@atrium/shared';

export interface PermissionInfo {
  readonly permission: ClientPermission;
  /** The portal page it unlocks. */
  readonly label: string;
  readonly description: string;
  readonly adminOnly: boolean;
}

const DESCRIPTIONS: Record<ClientPermission, { label: string; description: string }> = {
  'calendar.view': { label: 'Calendar', description: 'See scheduled and recently published posts (read-only).' },
  'media.upload': { label: 'Media', description: 'Upload photos and videos for you to use in their posts.' },
  'accounts.manage': { label: 'Accounts', description: 'Connect and remove their own social accounts.' },
  'users.manage': { label: 'Team', description: 'Invite and remove the people of their own company.' },
  'posts.approve': {
    label: 'Approvals',
    description: 'Approve the posts you mark for review, or ask for changes, before they go out.',
  },
  'contracts.sign': {
    label: 'Contracts',
    description: 'See the contracts you send them, sign or decline them, and download the signed copies.',
  },
  'messages.use': {
    label: 'Messages',
    description: 'Write to your team in one shared conversation, with files, and read your replies.',
  },
  'billing.manage': {
    label: 'Billing',
    description: 'See, download and pay your invoices, and keep their billing details up to date.',
  },
};

/** SPEC §4, in the spec's order: what each client permission unlocks in the portal. */
export const PERMISSION_INFO: readonly PermissionInfo[] = CLIENT_PERMISSIONS.map((permission) => ({
  permission,
  ...DESCRIPTIONS[permission],
  adminOnly: CLIENT_ADMIN_ONLY_PERMISSIONS.includes(permission),
}));

/** "Calendar, Media, Team", or a plain statement when the portal shows nothing. */
export function permissionSummary(permissions: readonly ClientPermission[]): string {
  const labels = PERMISSION_INFO.filter((info) => permissions.includes(info.permission)).map((info) => info.label);
  return labels.length > 0 ? labels.join(', ') : 'No portal pages';
}
