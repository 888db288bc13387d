import type {
  ContractDraftInput,
  ContractFieldInput,
  ContractTemplateLayout,
  ContractView,
  RecipientRole,
  ReminderSettings,
} from '@atrium/shared';
import { DEFAULT_REMINDERS } from '@atrium/shared';

/** A recipient row of the editor: the person may still be unchosen (a template's slot). */
export interface DraftRecipient {
  userId: string | null;
  role: RecipientRole;
  step: number;
}

export interface DraftState {
  title: string;
  message: string;
  /** yyyy-mm-dd (the date input's value), or '' for no expiry. */
  expiresOn: string;
  remindersOn: boolean;
  reminders: ReminderSettings;
  recipients: DraftRecipient[];
  fields: ContractFieldInput[];
}

/** The editor's state from a saved draft; a template's layout fills it when the draft has no recipients yet. */
export function draftStateOf(contract: ContractView, layout: ContractTemplateLayout | null): DraftState {
  const fromTemplate = layout && contract.recipients.length === 0;
  const index = new Map(contract.recipients.map((r, i) => [r.id, i]));
  return {
    title: contract.title,
    message: contract.message ?? '',
    expiresOn: contract.expiresAt ? contract.expiresAt.slice(0, 10) : '',
    remindersOn: (fromTemplate ? layout.reminders : contract.reminders) !== null,
    reminders: (fromTemplate ? layout.reminders : contract.reminders) ?? { ...DEFAULT_REMINDERS },
    recipients: fromTemplate
      ? layout.slots.map((slot) => ({ userId: null, role: slot.role, step: slot.step }))
      : contract.recipients.map((r) => ({ userId: r.userId, role: r.role, step: r.step })),
    fields: fromTemplate
      ? layout.fields.map((field) => ({ ...field }))
      : contract.fields.map((field) => ({
          key: field.id,
          kind: field.kind,
          recipientIndex: index.get(field.recipientId) ?? 0,
          required: field.required,
          label: field.label,
          page: field.page,
          x: field.x,
          y: field.y,
          width: field.width,
          height: field.height,
        })),
  };
}

/** What still stops saving (people to choose), in plain words; empty = it can be saved. */
export function draftProblems(state: DraftState): string[] {
  const problems: string[] = [];
  if (!state.title.trim()) problems.push('Give the contract a title.');
  const unchosen = state.recipients.filter((r) => !r.userId).length;
  if (unchosen) problems.push(`Choose the person for ${unchosen === 1 ? 'one recipient' : `${unchosen} recipients`}.`);
  return problems;
}

/** The request saving a draft; an expiry date means the end of that day in the browser's time zone. */
export function draftInput(state: DraftState): ContractDraftInput {
  const recipients = state.recipients.map((r) => ({ userId: r.userId as string, role: r.role, step: r.step }));
  return {
    title: state.title.trim(),
    message: state.message.trim() || null,
    expiresAt: state.expiresOn ? new Date(`${state.expiresOn}T23:59:59`).toISOString() : null,
    reminders: state.remindersOn ? state.reminders : null,
    recipients,
    // Only signers fill fields: fields of someone who became an approver or copy-only go.
    fields: state.fields.filter((field) => recipients[field.recipientIndex]?.role === 'signer'),
  };
}

/** Removes a recipient and their fields; later fields point at the recipient who moved up. */
export function withoutRecipient(state: DraftState, index: number): Pick<DraftState, 'recipients' | 'fields'> {
  return {
    recipients: state.recipients.filter((_, i) => i !== index),
    fields: state.fields
      .filter((field) => field.recipientIndex !== index)
      .map((field) => (field.recipientIndex > index ? { ...field, recipientIndex: field.recipientIndex - 1 } : field)),
  };
}
