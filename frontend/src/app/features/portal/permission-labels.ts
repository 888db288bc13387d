import type { ClientPermission } from '@atrium/shared';

/** How each client permission reads to the person in the portal (SPEC §4). */
export const PERMISSION_LABELS: Record<ClientPermission, { label: string; icon: string }> = {
  'calendar.view': { label: 'Calendar', icon: 'calendar_month' },
  'media.upload': { label: 'Media', icon: 'perm_media' },
  'accounts.manage': { label: 'Accounts', icon: 'share' },
  'contracts.sign': { label: 'Contracts', icon: 'draw' },
  'users.manage': { label: 'Team', icon: 'group' },
  'billing.manage': { label: 'Billing', icon: 'receipt_long' },
};
