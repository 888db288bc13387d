import { CONTRACT_STATUS_LABELS, type ContractStatus, type RecipientStatus } from '@atrium/shared';

/** The status chip of a contract: its words and an icon (never colour alone). */
export function statusChip(status: ContractStatus): {
  label: string;
  icon: string;
  tone: 'neutral' | 'good' | 'bad' | 'busy';
} {
  const label = CONTRACT_STATUS_LABELS[status];
  switch (status) {
    case 'draft':
      return { label, icon: 'edit_note', tone: 'neutral' };
    case 'completed':
      return { label, icon: 'task_alt', tone: 'good' };
    case 'declined':
    case 'voided':
    case 'expired':
      return { label, icon: status === 'expired' ? 'timer_off' : 'block', tone: 'bad' };
    default:
      return { label, icon: 'schedule_send', tone: 'busy' };
  }
}

/** Where one recipient stands, in plain words. */
export function recipientStatusText(status: RecipientStatus, role: 'signer' | 'approver' | 'copy'): string {
  switch (status) {
    case 'waiting':
      return role === 'copy' ? 'Gets the signed copy' : 'Waiting for their turn';
    case 'sent':
      return role === 'approver' ? 'Asked to approve' : 'Asked to sign';
    case 'viewed':
      return 'Opened it';
    case 'signed':
      return 'Signed';
    case 'approved':
      return 'Approved';
    case 'declined':
      return 'Declined';
    case 'copied':
      return 'Got the signed copy';
  }
}

export const ROLE_LABELS = { signer: 'Signer', approver: 'Approver', copy: 'Gets a copy' } as const;
