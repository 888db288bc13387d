/**
 * Contracts (SPEC §2, §3): a PDF the agency sends to a client's people for signature. Fields sit on
 * the pages at positions relative to the page (0–1 from the top-left corner), so any zoom renders
 * them in place. Recipients act in steps: everyone in a step at once, the steps one after another
 * (all in step 1 = parallel; one per step = sequential; anything between = groups).
 */
export type ContractStatus =
  | 'draft'
  | 'sent'
  | 'viewed'
  | 'partially_signed'
  | 'completed'
  | 'declined'
  | 'voided'
  | 'expired';

/** A contract that can no longer change. */
export const CONTRACT_FINAL_STATUSES: readonly ContractStatus[] = ['completed', 'declined', 'voided', 'expired'];

export type RecipientRole = 'signer' | 'approver' | 'copy';
export const RECIPIENT_ROLES: readonly RecipientRole[] = ['signer', 'approver', 'copy'];

/**
 * Where one recipient stands: `waiting` until their step comes, `sent` when it is their turn,
 * `viewed` once they opened the document, then `signed` / `approved` / `declined`. Copy-only
 * recipients stay `waiting` until the signed copy reaches them (`copied`).
 */
export type RecipientStatus = 'waiting' | 'sent' | 'viewed' | 'signed' | 'approved' | 'declined' | 'copied';

export type ContractFieldKind = 'signature' | 'initials' | 'name' | 'date' | 'text' | 'checkbox';
export const CONTRACT_FIELD_KINDS: readonly ContractFieldKind[] = [
  'signature',
  'initials',
  'name',
  'date',
  'text',
  'checkbox',
];

/** Fields the signer fills by hand; name and date fill themselves when the recipient signs. */
export const AUTO_FILLED_FIELD_KINDS: readonly ContractFieldKind[] = ['name', 'date'];

/** How a signature (or initials) was made. */
export type SignatureMethod = 'typed' | 'drawn' | 'uploaded';
export const SIGNATURE_METHODS: readonly SignatureMethod[] = ['typed', 'drawn', 'uploaded'];

/** The script fonts offered for a typed signature (names of the font families the portal loads). */
export const SIGNATURE_FONTS = ['Dancing Script', 'Great Vibes', 'Caveat'] as const;
export type SignatureFont = (typeof SIGNATURE_FONTS)[number];

/** Position and size on a page, each 0–1 of the page's width or height from its top-left corner. */
export interface FieldBox {
  /** 0-based page index. */
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ContractFieldInput extends FieldBox {
  /** Client-side key of the field (kept so the editor can match the saved field); any string. */
  key?: string;
  kind: ContractFieldKind;
  /** Index into the recipients list of the same request. */
  recipientIndex: number;
  required: boolean;
  /** Shown to the signer beside text fields and checkboxes. */
  label?: string | null;
}

export interface ContractRecipientInput {
  userId: string;
  role: RecipientRole;
  /** 1-based; recipients with the same step act at once, steps run in order. */
  step: number;
}

export interface ReminderSettings {
  /** Days after sending (or after the recipient's turn came) before the first reminder. */
  firstAfterDays: number;
  /** Days between the following reminders. */
  everyDays: number;
  /** At most this many reminders per recipient. */
  maxCount: number;
}

export const MAX_CONTRACT_RECIPIENTS = 20;
export const MAX_CONTRACT_FIELDS = 500;
export const MAX_CONTRACT_REASON_LENGTH = 1000;
export const MAX_CONTRACT_MESSAGE_LENGTH = 5000;
/** A signature or initials picture, as a data URL, at most this long (about 750 kB of image). */
export const MAX_SIGNATURE_DATA_URL_LENGTH = 1_000_000;

export const DEFAULT_REMINDERS: ReminderSettings = { firstAfterDays: 3, everyDays: 3, maxCount: 5 };

/** Saving a draft: everything the agency can change before sending (the PDF is uploaded apart). */
export interface ContractDraftInput {
  title: string;
  message: string | null;
  /** ISO date-time; null = never expires. */
  expiresAt: string | null;
  /** null = no automatic reminders. */
  reminders: ReminderSettings | null;
  recipients: ContractRecipientInput[];
  fields: ContractFieldInput[];
}

export interface ContractPageSize {
  /** PDF points (1/72 in). */
  width: number;
  height: number;
}

export interface ContractFieldView extends FieldBox {
  id: string;
  kind: ContractFieldKind;
  recipientId: string;
  required: boolean;
  label: string | null;
  /** What was filled: text, 'true'/'false' for checkboxes, the name or date; null for pictures. */
  value: string | null;
  /** Whether it is filled (signatures and initials carry a picture instead of a value). */
  filled: boolean;
}

export interface ContractRecipientView {
  id: string;
  userId: string | null;
  name: string;
  email: string;
  role: RecipientRole;
  step: number;
  /** `client` for the client's people, `agency` for a countersigner of the agency. */
  side: 'client' | 'agency';
  status: RecipientStatus;
  sentAt: string | null;
  viewedAt: string | null;
  actedAt: string | null;
  declineReason: string | null;
  remindersSent: number;
  /** The signed-in user is this recipient. */
  isMe: boolean;
}

export interface ContractSummary {
  id: string;
  clientId: string;
  clientName: string;
  title: string;
  status: ContractStatus;
  sentAt: string | null;
  completedAt: string | null;
  expiresAt: string | null;
  updatedAt: string;
  /** Signers and approvers who acted / how many must act. */
  progress: { done: number; total: number };
  /** The signed-in user must sign or approve it now. */
  awaitingMe: boolean;
}

export interface ContractList {
  items: ContractSummary[];
  /** Limits on uploaded PDFs, for the upload form. */
  limits: ContractLimits;
}

export interface ContractView extends ContractSummary {
  message: string | null;
  reminders: ReminderSettings | null;
  pageCount: number;
  pages: ContractPageSize[];
  /** The step whose recipients act now; null before sending and once final. */
  currentStep: number | null;
  recipients: ContractRecipientView[];
  fields: ContractFieldView[];
  voidReason: string | null;
  declineReason: string | null;
  declinedByName: string | null;
  /** `sealing` between the last signature and the sealed copy being ready. */
  sealState: 'none' | 'sealing' | 'sealed' | 'failed';
  /** SHA-256 (hex) of the uploaded document and, once sealed, of the signed copy. */
  originalSha256: string;
  finalSha256: string | null;
  /** The template it was started from, if any. */
  templateId: string | null;
  /** What the signed-in person may download now. */
  downloads: { original: boolean; signed: boolean; certificate: boolean; voided: boolean };
}

export type ContractEventType =
  | 'created'
  | 'updated'
  | 'sent'
  | 'email_sent'
  | 'opened'
  | 'viewed'
  | 'field_filled'
  | 'signed'
  | 'approved'
  | 'declined'
  | 'reminded'
  | 'voided'
  | 'expired'
  | 'completed'
  | 'sealed'
  | 'downloaded';

export interface ContractEventView {
  id: string;
  type: ContractEventType;
  at: string;
  actorName: string | null;
  recipientName: string | null;
  /** A sentence about the event for people ("Signed by drawing", "Reminder 2 of 5"). */
  detail: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface ContractEventList {
  items: ContractEventView[];
}

/** What a recipient sends when they sign (or approve). */
export interface SignContractInput {
  /** Required when the recipient has signature fields. */
  signature?: SignatureInput | null;
  /** Required when the recipient has initials fields. */
  initials?: SignatureInput | null;
  /** Text fields and checkboxes by field id ('true'/'false' for checkboxes). */
  values: Record<string, string>;
  /** The signer's IANA time zone, for the certificate. */
  timeZone?: string | null;
}

export interface SignatureInput {
  method: SignatureMethod;
  /** A PNG or JPEG as a data: URL (typed signatures are drawn in the chosen font by the browser). */
  image: string;
  /** For typed signatures: the text typed and the font. */
  typedText?: string | null;
  font?: SignatureFont | null;
}

export interface DeclineContractInput {
  reason: string;
}

export interface VoidContractInput {
  reason: string;
}

export interface ContractTemplateSummary {
  id: string;
  name: string;
  pageCount: number;
  /** How many recipients its fields are laid out for. */
  recipientSlots: number;
  updatedAt: string;
}

/** A template's layout: recipient slots (role and step) and fields whose recipientIndex is a slot. */
export interface ContractTemplateLayout {
  slots: Array<Pick<ContractRecipientInput, 'role' | 'step'>>;
  fields: ContractFieldInput[];
  reminders: ReminderSettings | null;
}

export interface ContractTemplateList {
  items: ContractTemplateSummary[];
}

export interface SaveTemplateInput {
  name: string;
}

export interface CreateFromTemplateInput {
  templateId: string;
  clientId: string;
  title?: string | null;
}

/** The public verification page's answer; nothing personal beyond the title and the date. */
export interface ContractVerification {
  match: boolean;
  title: string | null;
  completedAt: string | null;
  sha256: string;
}

/** Limits on uploaded contract PDFs (from configuration). */
export interface ContractLimits {
  maxBytes: number;
  maxPages: number;
}

export function isFinalContractStatus(status: ContractStatus): boolean {
  return CONTRACT_FINAL_STATUSES.includes(status);
}

/** Plain words for a status, for people on both sides. */
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: 'Draft',
  sent: 'Sent',
  viewed: 'Viewed',
  partially_signed: 'Partially signed',
  completed: 'Completed',
  declined: 'Declined',
  voided: 'Voided',
  expired: 'Expired',
};

/** The contract routes (agency, portal and public). */
export const CONTRACT_PATHS = {
  agency: '/api/v1/contracts',
  agencyOne: (id: string) => `/api/v1/contracts/${id}`,
  agencyAction: (
    id: string,
    action: 'send' | 'void' | 'remind' | 'seal' | 'template' | 'sign' | 'approve' | 'decline',
  ) => `/api/v1/contracts/${id}/${action}`,
  agencyEvents: (id: string) => `/api/v1/contracts/${id}/events`,
  agencyFile: (id: string, kind: ContractFileKind) => `/api/v1/contracts/${id}/files/${kind}`,
  fromTemplate: '/api/v1/contracts/from-template',
  templates: '/api/v1/contract-templates',
  template: (id: string) => `/api/v1/contract-templates/${id}`,
  portal: '/api/v1/portal/contracts',
  portalOne: (id: string) => `/api/v1/portal/contracts/${id}`,
  portalAction: (id: string, action: 'sign' | 'approve' | 'decline') => `/api/v1/portal/contracts/${id}/${action}`,
  portalFile: (id: string, kind: ContractFileKind) => `/api/v1/portal/contracts/${id}/files/${kind}`,
  verify: '/api/v1/public/contracts/verify',
  verifyHash: (sha256: string) => `/api/v1/public/contracts/verify/${sha256}`,
} as const;

export type ContractFileKind = 'original' | 'signed' | 'certificate' | 'voided';
