import { WEB_PATHS, type SocialAccountView } from '@atrium/shared';
import type { NoticeKind } from '../../core/ui/notice.component';
import { nameList } from '../social/provider-ui';
import { PORTAL_MESSAGES_PATH } from '../../layouts/portal-shell/portal-pages';

export interface PortalAttentionItem {
  readonly id: string;
  readonly kind: NoticeKind;
  readonly message: string;
  readonly action: string;
  /** The action's accessible name when the visible words alone would repeat (it starts with them). */
  readonly actionLabel?: string;
  readonly link: string;
}

/** A contract waiting for the person's signature (or approval). */
export interface ContractToSign {
  readonly id: string;
  readonly title: string;
}

/** Contracts listed one by one up to this many; the rest are counted in one line. */
export const MAX_CONTRACTS_LISTED = 3;

export interface PortalAttentionInput {
  /** An email change waiting for its link to be opened. */
  readonly pendingEmail: string | null;
  /** The client's accounts; null when the person may not manage them (or they are not loaded). */
  readonly accounts: readonly Pick<SocialAccountView, 'displayName' | 'health'>[] | null;
  /** Posts waiting for the person's approval; null when they may not approve (or it is not loaded). */
  readonly toReview?: number | null;
  /** Contracts waiting for the person's signature; null when they may not sign (or it is not loaded). */
  readonly toSign?: readonly ContractToSign[] | null;
  /** Unread messages from the agency; null when the person has no Messages page. */
  readonly unreadMessages?: number | null;
  /** Invoices with something left to pay; null when the person has no Billing page (or it is not loaded). */
  readonly invoicesToPay?: { readonly open: number; readonly overdue: number } | null;
}

/** What the person should do something about, worst first; empty when all is well. */
export function portalAttention(input: PortalAttentionInput): PortalAttentionItem[] {
  const items: PortalAttentionItem[] = [];
  const toReview = input.toReview ?? 0;
  if (toReview > 0) {
    items.push({
      id: 'review',
      kind: 'info',
      message: toReview === 1 ? 'A post waits for your approval.' : `${toReview} posts wait for your approval.`,
      action: 'Review posts',
      link: WEB_PATHS.portalReviews,
    });
  }
  const toSign = input.toSign ?? [];
  for (const contract of toSign.slice(0, MAX_CONTRACTS_LISTED)) {
    items.push({
      id: `contract-${contract.id}`,
      kind: 'info',
      message: `“${contract.title}” waits for your signature.`,
      action: 'Open contract',
      actionLabel: `Open contract “${contract.title}”`,
      link: `${WEB_PATHS.portalContracts}/${encodeURIComponent(contract.id)}`,
    });
  }
  const more = toSign.length - MAX_CONTRACTS_LISTED;
  if (more > 0) {
    items.push({
      id: 'contracts-more',
      kind: 'info',
      message:
        more === 1 ? 'One more contract waits for your signature.' : `${more} more contracts wait for your signature.`,
      action: 'Open contracts',
      link: WEB_PATHS.portalContracts,
    });
  }
  const toPay = input.invoicesToPay;
  if (toPay && toPay.open > 0) {
    const invoices = toPay.open === 1 ? 'An invoice waits' : `${toPay.open} invoices wait`;
    const overdue =
      toPay.overdue === 0
        ? ''
        : toPay.overdue === toPay.open
          ? toPay.open === 1
            ? ' It is overdue.'
            : ' They are overdue.'
          : ` ${toPay.overdue} of them ${toPay.overdue === 1 ? 'is' : 'are'} overdue.`;
    items.push({
      id: 'invoices',
      kind: toPay.overdue > 0 ? 'warning' : 'info',
      message: `${invoices} for payment.${overdue}`,
      action: 'View invoices',
      link: WEB_PATHS.portalBilling,
    });
  }
  const broken = (input.accounts ?? []).filter((account) => account.health === 'needs_reconnect');
  const expiring = (input.accounts ?? []).filter((account) => account.health === 'expiring');
  if (broken.length > 0) {
    items.push({
      id: 'reconnect',
      kind: 'error',
      message: `${nameList(broken.map((account) => account.displayName))} ${broken.length === 1 ? 'needs' : 'need'} reconnecting: posts to ${broken.length === 1 ? 'it' : 'them'} cannot go out until then.`,
      action: 'Open accounts',
      link: WEB_PATHS.portalAccounts,
    });
  }
  if (expiring.length > 0) {
    items.push({
      id: 'expiring',
      kind: 'warning',
      message: `The connection to ${nameList(expiring.map((account) => account.displayName))} ends soon. Reconnect to keep posting.`,
      action: 'Open accounts',
      link: WEB_PATHS.portalAccounts,
    });
  }
  const unread = input.unreadMessages ?? 0;
  if (unread > 0) {
    items.push({
      id: 'messages',
      kind: 'info',
      message: unread === 1 ? 'You have an unread message.' : `You have ${unread} unread messages.`,
      action: 'Read messages',
      link: PORTAL_MESSAGES_PATH,
    });
  }
  if (input.pendingEmail) {
    items.push({
      id: 'email',
      kind: 'info',
      message: `We sent a link to ${input.pendingEmail}; your email changes when you open it.`,
      action: 'Open settings',
      link: WEB_PATHS.portalSettings,
    });
  }
  return items;
}
