import type { PostApproval, PostStatus, PostView } from '@atrium/shared';

export interface StatusInfo {
  readonly label: string;
  readonly icon: string;
}

const STATUS: Record<PostStatus, StatusInfo> = {
  draft: { label: 'Draft', icon: 'edit_note' },
  scheduled: { label: 'Scheduled', icon: 'schedule' },
  publishing: { label: 'Publishing', icon: 'sync' },
  published: { label: 'Published', icon: 'check_circle' },
  failed: { label: 'Failed', icon: 'error' },
  cancelled: { label: 'Cancelled', icon: 'block' },
};

export function postStatus(status: PostStatus): StatusInfo {
  return STATUS[status] ?? { label: status, icon: 'help' };
}

/** Drafts, scheduled and failed posts can still change; the others are history. */
export function isEditable(post: PostView | null): boolean {
  return !post || post.status === 'draft' || post.status === 'scheduled' || post.status === 'failed';
}

/** The server deletes drafts, cancelled and failed posts only. */
export function isDeletable(post: PostView): boolean {
  return post.status === 'draft' || post.status === 'cancelled' || post.status === 'failed';
}

/** "Acme Coffee", "Acme Coffee +2". */
export function targetSummary(post: PostView): string {
  const [first, ...rest] = post.targets;
  if (!first) {
    return 'No accounts';
  }
  return rest.length > 0 ? `${first.accountName} +${rest.length}` : first.accountName;
}

/** The first line or so of a post, for chips and lists. */
export function preview(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** The approval as the agency reads it: symbol and words ("Approved by Anna Acme"). */
export function approvalLabel(approval: PostApproval): StatusInfo {
  switch (approval.state) {
    case 'approved':
      return { icon: 'verified', label: approval.decidedByName ? `Approved by ${approval.decidedByName}` : 'Approved' };
    case 'changes_requested':
      return {
        icon: 'rate_review',
        label: approval.decidedByName ? `Changes requested by ${approval.decidedByName}` : 'Changes requested',
      };
    default:
      return {
        icon: 'hourglass_top',
        label: approval.overdue
          ? "Waiting for the client's approval (its time has passed)"
          : "Waiting for the client's approval",
      };
  }
}
