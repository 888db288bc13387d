import {
  CONTRACT_STATUS_LABELS,
  isFinalContractStatus,
  type ApiError,
  type ContractFileKind,
  type ContractRecipientView,
  type ContractStatus,
  type ContractView,
  type RecipientRole,
} from '@atrium/shared';
import { fullDateTime } from '../../../core/ui/time';

/**
 * The words the portal uses for contracts, apart from the pages so that they can be tested: plain
 * sentences for people who have never heard of "steps" or "recipients".
 */

/** "Mar 3, 2026" in the person's time zone (the browser's when the name is unknown). */
export function contractDate(iso: string | null | undefined, timeZone?: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
  try {
    return new Intl.DateTimeFormat('en', { ...options, timeZone: timeZone || undefined }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', options).format(date);
  }
}

export function statusLabel(status: ContractStatus): string {
  return CONTRACT_STATUS_LABELS[status] ?? status;
}

/** An icon beside the status word (the word carries the meaning; the icon only helps to scan). */
export function statusIcon(status: ContractStatus): string {
  switch (status) {
    case 'completed':
      return 'task_alt';
    case 'declined':
      return 'block';
    case 'voided':
      return 'cancel';
    case 'expired':
      return 'event_busy';
    case 'partially_signed':
      return 'hourglass_top';
    default:
      return 'draw';
  }
}

/** How the status chip is tinted: a hint only, the label says it all. */
export function statusTone(status: ContractStatus): 'done' | 'stopped' | 'open' {
  if (status === 'completed') return 'done';
  return isFinalContractStatus(status) ? 'stopped' : 'open';
}

/** "2 of 3 signed"; empty when nobody has to act. */
export function progressText(progress: { done: number; total: number }): string {
  if (progress.total <= 0) return '';
  return `${progress.done} of ${progress.total} signed`;
}

export function roleWords(role: RecipientRole): string {
  switch (role) {
    case 'signer':
      return 'Signs';
    case 'approver':
      return 'Approves';
    default:
      return 'Gets a copy';
  }
}

/**
 * Where one person stands, in plain words: "Waiting for their turn", "Signed on Mar 3, 2026, 2:05 PM
 * CET". Someone who had not acted when the contract stopped "did not sign".
 */
export function recipientStatusText(
  recipient: Pick<ContractRecipientView, 'role' | 'status' | 'actedAt' | 'isMe'>,
  contractStatus: ContractStatus,
  timeZone?: string | null,
): string {
  const on = (verb: string) => (recipient.actedAt ? `${verb} on ${fullDateTime(recipient.actedAt, timeZone)}` : verb);
  const stopped = isFinalContractStatus(contractStatus);
  switch (recipient.status) {
    case 'signed':
      return on('Signed');
    case 'approved':
      return on('Approved');
    case 'declined':
      return on('Declined');
    case 'copied':
      return on('Got a copy');
    default:
      // Not acted yet: said below, by role and by whether the contract is still open.
      break;
  }
  if (recipient.role === 'copy') {
    return stopped ? 'No copy sent' : 'Gets a copy when everyone has signed';
  }
  const act = recipient.role === 'approver' ? 'approval' : 'signature';
  if (stopped) return recipient.role === 'approver' ? 'Did not approve' : 'Did not sign';
  if (recipient.status === 'waiting') return recipient.isMe ? 'Waiting for your turn' : 'Waiting for their turn';
  if (recipient.isMe) return `Waiting for your ${act}`;
  return recipient.status === 'viewed' ? `Opened it, waiting for their ${act}` : `Waiting for their ${act}`;
}

const FILE_SUFFIX: Record<ContractFileKind, string> = {
  original: '',
  signed: ' - signed',
  certificate: ' - signing certificate',
  voided: ' - voided',
};

/** The file name a download is saved under (the server's own naming, for when it is not read). */
export function contractFilename(title: string, kind: ContractFileKind): string {
  const base =
    Array.from(title)
      .map((char) => (char.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(char) ? ' ' : char))
      .join('')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120)
      .trim() || 'Contract';
  return `${base}${FILE_SUFFIX[kind]}.pdf`;
}

/**
 * An API error as a sentence for the person: validation details ("add your signature", "fill in
 * Company") become "Add your signature. Fill in Company."; a refusal (not your turn, the contract is
 * over) already speaks plainly.
 */
export function actionErrorMessage(error: ApiError): string {
  const details = (error.details ?? []).flatMap((detail) => detail.messages).filter((text) => text.trim());
  if (error.statusCode === 400 && details.length > 0) {
    return details.map((text) => sentence(text)).join(' ');
  }
  return error.message;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toLocaleUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export type SituationKind = 'error' | 'info' | 'success' | 'warning';

/** What the contract page says first: where the contract stands for this person, and what comes next. */
export interface Situation {
  readonly kind: SituationKind;
  readonly message: string;
  /** The page offers an action with it: start at the first field, or look again for the signed copy. */
  readonly action?: 'start' | 'check-again';
}

export interface SituationInput {
  readonly view: Pick<
    ContractView,
    | 'status'
    | 'completedAt'
    | 'expiresAt'
    | 'sealState'
    | 'declineReason'
    | 'declinedByName'
    | 'voidReason'
    | 'awaitingMe'
    | 'clientName'
  >;
  /** The person's own place on the contract; null when it was not sent to them. */
  readonly me: Pick<ContractRecipientView, 'role' | 'status' | 'actedAt'> | null;
  readonly agencyName: string;
  readonly timeZone?: string | null;
  readonly now?: number;
}

export function contractSituation({ view, me, agencyName, timeZone, now = Date.now() }: SituationInput): Situation {
  const quoted = (text: string | null) => (text?.trim() ? ` “${text.trim()}”` : '');
  const over = 'Nobody can sign it any more.';
  switch (view.status) {
    case 'completed': {
      const when = contractDate(view.completedAt, timeZone);
      const everyone = when ? `Everyone signed on ${when}.` : 'Everyone signed.';
      if (view.sealState === 'sealed') {
        return {
          kind: 'success',
          message: `${everyone} You can download the signed copy and its signing certificate.`,
        };
      }
      if (view.sealState === 'failed') {
        return {
          kind: 'warning',
          message: `${everyone} The signed copy is not ready yet. Please check again later; we'll also email it to you.`,
          action: 'check-again',
        };
      }
      return {
        kind: 'info',
        message: `${everyone} The signed copy is being prepared; it is usually ready within a minute.`,
        action: 'check-again',
      };
    }
    case 'declined': {
      const who = me?.status === 'declined' ? 'You' : (view.declinedByName ?? 'Someone');
      const reason = view.declineReason?.trim() ? `, saying:${quoted(view.declineReason)}.` : '.';
      return { kind: 'warning', message: `${who} declined this contract${reason} ${over}` };
    }
    case 'voided': {
      const reason = view.voidReason?.trim() ? `, saying:${quoted(view.voidReason)}.` : '.';
      return { kind: 'warning', message: `${agencyName} withdrew this contract${reason} ${over}` };
    }
    case 'expired':
      return expired(view.expiresAt, agencyName, timeZone);
    default:
      // Still open: what it means depends on the person's place on it.
      break;
  }
  if (view.expiresAt && Date.parse(view.expiresAt) <= now) {
    return expired(view.expiresAt, agencyName, timeZone);
  }
  if (!me) {
    return {
      kind: 'info',
      message: `This contract was not sent to you to sign. You can see it because you are an administrator of ${view.clientName}.`,
    };
  }
  if (me.role === 'copy') {
    return {
      kind: 'info',
      message:
        "You get a copy of this contract: there is nothing for you to sign. We'll email you the signed copy when everyone has signed.",
    };
  }
  if (me.status === 'signed' || me.status === 'approved') {
    const verb = me.status === 'signed' ? 'signed' : 'approved';
    const when = me.actedAt ? ` on ${contractDate(me.actedAt, timeZone)}` : '';
    return {
      kind: 'success',
      message: `You ${verb} it${when}. We'll email you the signed copy when everyone has signed.`,
    };
  }
  if (view.awaitingMe) {
    return me.role === 'approver'
      ? {
          kind: 'info',
          message: `${agencyName} asks you to approve this contract. Read it, then approve or decline it at the end of the document.`,
        }
      : {
          kind: 'info',
          message: `${agencyName} asks you to sign this contract. Read it, fill in your highlighted fields, then press Sign.`,
          action: 'start',
        };
  }
  if (me.status === 'waiting') {
    return { kind: 'info', message: "Others sign before you; we'll email you when it's your turn." };
  }
  return { kind: 'info', message: 'This contract cannot be signed right now.' };
}

function expired(expiresAt: string | null, agencyName: string, timeZone?: string | null): Situation {
  const when = contractDate(expiresAt, timeZone);
  return {
    kind: 'warning',
    message: `This contract expired${when ? ` on ${when}` : ''} before everyone had signed. Nobody can sign it any more; ask ${agencyName} if you still need it.`,
  };
}

/** The confirmation once the person acted: what happened, and what happens next. */
export function actedMessage(
  action: 'sign' | 'approve' | 'decline',
  title: string,
  after: Pick<ContractView, 'status'> & Partial<Pick<ContractView, 'declineReason'>>,
  agencyName: string,
): string {
  if (action === 'decline') {
    const reason = after.declineReason?.trim() ? `, saying: “${after.declineReason.trim()}”.` : '.';
    return `You declined “${title}”${reason} ${agencyName} and the other people on it have been told.`;
  }
  const verb = action === 'sign' ? 'signed' : 'approved';
  if (after.status === 'completed') {
    return `You ${verb} “${title}”. Everyone has now signed: we'll email you the signed copy, and you can download it here as soon as it is ready.`;
  }
  return `You ${verb} “${title}”. We'll email you the signed copy when everyone has signed.`;
}
