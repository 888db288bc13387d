import type { MemberStatus } from '@atrium/shared';

export type StatusTone = 'pending' | 'positive' | 'warning' | 'neutral';

export interface StatusChip {
  /** Exactly the words of the spec and the help pages: Invited, Active, Expired, Deactivated. */
  readonly label: string;
  readonly tone: StatusTone;
  /** What the status means, for the chip's tooltip. */
  readonly description: string;
}

const CHIPS: Record<MemberStatus, StatusChip> = {
  invited: { label: 'Invited', tone: 'pending', description: 'Invitation sent but not accepted yet.' },
  active: { label: 'Active', tone: 'positive', description: 'Accepted the invitation and can sign in.' },
  expired: {
    label: 'Expired',
    tone: 'warning',
    description: 'The invitation was not accepted within 7 days. Resend it to issue a new one.',
  },
  deactivated: {
    label: 'Deactivated',
    tone: 'neutral',
    description: 'Removed, or their client was deleted. They can no longer sign in.',
  },
};

export function statusChip(status: MemberStatus): StatusChip {
  return CHIPS[status] ?? { label: status, tone: 'neutral', description: '' };
}

const ROLE_LABELS: Record<string, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}
