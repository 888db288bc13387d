import type {
  ContractFieldKind,
  ContractFieldView,
  ContractRecipientView,
  ContractView,
  FieldBox,
  SignContractInput,
  SignatureInput,
} from '@atrium/shared';

/**
 * The signer's side of a contract, apart from the page so that it can be tested: which fields are
 * mine and in what order, what is still missing before I can sign, and what the Sign request sends.
 */

/** What a text field takes at most (the server refuses more). */
export const MAX_FIELD_TEXT_LENGTH = 1000;

/** Fields the signer fills by hand; name and date fill themselves when they sign. */
const HAND_FILLED: readonly ContractFieldKind[] = ['signature', 'initials', 'text', 'checkbox'];

export function isHandFilled(kind: ContractFieldKind): boolean {
  return HAND_FILLED.includes(kind);
}

/** What the signer has done so far on the page. */
export interface SigningDraft {
  readonly signature: SignatureInput | null;
  readonly initials: SignatureInput | null;
  /** Text fields and checkboxes by field id ('true'/'false' for checkboxes). */
  readonly values: Readonly<Record<string, string>>;
}

export const EMPTY_DRAFT: SigningDraft = { signature: null, initials: null, values: {} };

/** Fields on one line count as one line even when placed a hair apart: tops within 1% of the page. */
const LINE = 100;

/** Reading order: page by page, then top to bottom, then left to right. */
export function orderFields<T extends FieldBox>(fields: readonly T[]): T[] {
  return [...fields].sort(
    (a, b) => a.page - b.page || Math.round(a.y * LINE) - Math.round(b.y * LINE) || a.x - b.x || a.y - b.y,
  );
}

/**
 * The recipient the signed-in person is on this contract: the one whose turn it is when they are
 * there twice, else the first that acts, else a copy. Null when the contract was not sent to them
 * (a client admin sees their colleagues' contracts too).
 */
export function myRecipient(view: Pick<ContractView, 'recipients' | 'currentStep'>): ContractRecipientView | null {
  const mine = view.recipients.filter((recipient) => recipient.isMe);
  return (
    mine.find(
      (recipient) =>
        recipient.role !== 'copy' &&
        recipient.step === view.currentStep &&
        (recipient.status === 'sent' || recipient.status === 'viewed'),
    ) ??
    mine.find((recipient) => recipient.role !== 'copy') ??
    mine[0] ??
    null
  );
}

/** My fields that I fill by hand, in reading order: the ones "Next field" steps through. */
export function myHandFields(fields: readonly ContractFieldView[], recipientId: string | null): ContractFieldView[] {
  if (!recipientId) return [];
  return orderFields(fields.filter((field) => field.recipientId === recipientId && isHandFilled(field.kind)));
}

export function isFieldDone(field: Pick<ContractFieldView, 'id' | 'kind'>, draft: SigningDraft): boolean {
  switch (field.kind) {
    case 'signature':
      return draft.signature !== null;
    case 'initials':
      return draft.initials !== null;
    case 'text':
      return (draft.values[field.id] ?? '').trim() !== '';
    case 'checkbox':
      return draft.values[field.id] === 'true';
    default:
      return true;
  }
}

export interface MissingItem {
  /** The first field it concerns (where "Sign" sends the person). */
  readonly fieldId: string;
  readonly text: string;
}

/**
 * What stops me from signing, in reading order: "add your signature" once however many places it
 * goes, each required text field and checkbox by its label (or its page).
 */
export function missingBeforeSign(fields: readonly ContractFieldView[], draft: SigningDraft): MissingItem[] {
  const items: MissingItem[] = [];
  let signature = false;
  let initials = false;
  for (const field of orderFields(fields)) {
    if (isFieldDone(field, draft)) continue;
    switch (field.kind) {
      case 'signature':
        if (!signature) items.push({ fieldId: field.id, text: 'add your signature' });
        signature = true;
        break;
      case 'initials':
        if (!initials) items.push({ fieldId: field.id, text: 'add your initials' });
        initials = true;
        break;
      case 'text':
        if (field.required) {
          items.push({ fieldId: field.id, text: `fill in ${named(field, 'the text field')}` });
        }
        break;
      case 'checkbox':
        if (field.required) {
          items.push({ fieldId: field.id, text: `tick ${named(field, 'the box')}` });
        }
        break;
      default:
        // Name and date fill themselves.
        break;
    }
  }
  return items;
}

function named(field: Pick<ContractFieldView, 'label' | 'page'>, fallback: string): string {
  const label = field.label?.trim();
  return label ? `“${label}”` : `${fallback} on page ${field.page + 1}`;
}

/** "Before you can sign: add your signature, fill in “Company” and tick the box on page 3." */
export function missingSentence(items: readonly MissingItem[]): string {
  if (items.length === 0) return '';
  const texts = items.map((item) => item.text);
  const list = texts.length === 1 ? texts[0] : `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}`;
  return `Before you can sign: ${list}.`;
}

/**
 * Where "Next field" goes from the field at `current` (-1 before any): the next required field not
 * done yet (round the end back to the start), else the next optional one not done after it; null
 * when nothing is left to do.
 */
export function nextFieldIndex(
  fields: readonly ContractFieldView[],
  draft: SigningDraft,
  current: number,
): number | null {
  const count = fields.length;
  for (let step = 1; step <= count; step++) {
    const index = (((current + step) % count) + count) % count;
    const field = fields[index];
    if (isRequired(field) && !isFieldDone(field, draft)) return index;
  }
  for (let index = Math.max(current + 1, 0); index < count; index++) {
    if (!isFieldDone(fields[index], draft)) return index;
  }
  return null;
}

/** Signatures and initials are always needed; text fields and checkboxes when the agency said so. */
export function isRequired(field: Pick<ContractFieldView, 'kind' | 'required'>): boolean {
  return field.kind === 'signature' || field.kind === 'initials' || field.required;
}

/** What "Sign" sends: the pictures I have fields for, my text fields and checkboxes, my time zone. */
export function signInput(
  fields: readonly ContractFieldView[],
  draft: SigningDraft,
  timeZone: string | null,
): SignContractInput {
  const values: Record<string, string> = {};
  for (const field of fields) {
    if (field.kind === 'text') {
      const text = (draft.values[field.id] ?? '').trim();
      if (text) values[field.id] = text.slice(0, MAX_FIELD_TEXT_LENGTH);
    } else if (field.kind === 'checkbox') {
      values[field.id] = draft.values[field.id] === 'true' ? 'true' : 'false';
    }
  }
  const input: SignContractInput = { values, timeZone };
  if (fields.some((field) => field.kind === 'signature')) input.signature = draft.signature;
  if (fields.some((field) => field.kind === 'initials')) input.initials = draft.initials;
  return input;
}

/** The browser's IANA time zone, for the signing certificate; null when it cannot tell. */
export function browserTimeZoneName(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/**
 * How one field shows over its page. Mine, while I can sign: a control I fill (`signature`,
 * `initials`, `text`, `checkbox`) or what fills itself (`auto`). Everything else is `passive`: a
 * faint box saying whose it is or who filled it.
 */
export interface OverlayItem {
  readonly field: ContractFieldView;
  readonly mode: 'signature' | 'initials' | 'text' | 'checkbox' | 'auto' | 'passive';
  /** Position among my hand-filled fields (what "Field 2 of 4" counts); -1 for the others. */
  readonly index: number;
  /** What a passive or auto field shows. */
  readonly text: string;
  /** Near the right edge: controls wider than the field grow to the left, staying on the page. */
  readonly end: boolean;
}

export interface OverlayInput {
  readonly fields: readonly ContractFieldView[];
  readonly recipients: readonly Pick<ContractRecipientView, 'id' | 'name' | 'isMe'>[];
  /** My recipient, when I may fill my fields now; null otherwise. */
  readonly signingAs: Pick<ContractRecipientView, 'id' | 'name'> | null;
  /** What name and date fields will say ("Ana Silva", "Mar 3, 2026"). */
  readonly today: string;
}

/** The fields of every page, in reading order, keyed by page index. */
export function overlayByPage(input: OverlayInput): Record<number, OverlayItem[]> {
  const names = new Map(input.recipients.map((recipient) => [recipient.id, recipient]));
  const mine = myHandFields(input.fields, input.signingAs?.id ?? null);
  const pages: Record<number, OverlayItem[]> = {};
  for (const field of orderFields(input.fields)) {
    const end = field.x + field.width > 0.75;
    let item: OverlayItem;
    if (input.signingAs && field.recipientId === input.signingAs.id) {
      if (isHandFilled(field.kind)) {
        item = { field, mode: field.kind as OverlayItem['mode'], index: mine.indexOf(field), text: '', end };
      } else {
        const text = field.kind === 'name' ? input.signingAs.name : input.today;
        item = { field, mode: 'auto', index: -1, text, end };
      }
    } else {
      const owner = names.get(field.recipientId);
      item = { field, mode: 'passive', index: -1, text: passiveText(field, owner), end };
    }
    (pages[field.page] ??= []).push(item);
  }
  return pages;
}

function passiveText(
  field: ContractFieldView,
  owner: Pick<ContractRecipientView, 'name' | 'isMe'> | undefined,
): string {
  const who = owner ? (owner.isMe ? 'you' : owner.name) : 'someone';
  if (!field.filled) {
    return owner?.isMe ? 'Yours' : `For ${who}`;
  }
  switch (field.kind) {
    case 'signature':
      return `Signed by ${who}`;
    case 'initials':
      return `Initialled by ${who}`;
    case 'checkbox':
      return field.value === 'true' ? '✓' : '';
    default:
      return field.value ?? `Filled in by ${who}`;
  }
}
