import type {
  ContractFieldView,
  ContractPageSize,
  ContractRecipientView,
  ContractSummary,
  ContractView,
} from '@atrium/shared';
import { isPending, progressOf } from './contract-rules';
import type { ContractField } from './entities/contract-field.entity';
import type { ContractRecipient } from './entities/contract-recipient.entity';
import type { Contract } from './entities/contract.entity';

/** The signed-in person a view is drawn for: what is "mine" and what they may download. */
export interface Viewer {
  userId: string;
  side: 'agency' | 'client';
}

/** Whether it is this recipient's turn to sign or approve now. */
export function awaits(contract: Contract, recipient: ContractRecipient): boolean {
  return (
    ['sent', 'viewed', 'partially_signed'].includes(contract.status) &&
    recipient.role !== 'copy' &&
    recipient.step === contract.currentStep &&
    isPending(recipient)
  );
}

export function summaryView(
  contract: Contract,
  recipients: readonly ContractRecipient[],
  clientName: string,
  viewer: Viewer,
): ContractSummary {
  return {
    id: contract.id,
    clientId: contract.clientId,
    clientName,
    title: contract.title,
    status: contract.status,
    sentAt: contract.sentAt?.toISOString() ?? null,
    completedAt: contract.completedAt?.toISOString() ?? null,
    expiresAt: contract.expiresAt?.toISOString() ?? null,
    updatedAt: contract.updatedAt.toISOString(),
    progress: progressOf(recipients),
    awaitingMe: recipients.some((r) => r.userId === viewer.userId && awaits(contract, r)),
  };
}

export function contractView(
  contract: Contract,
  recipients: readonly ContractRecipient[],
  fields: readonly ContractField[],
  clientName: string,
  viewer: Viewer,
): ContractView {
  const sealed = contract.status === 'completed' && contract.sealState === 'sealed';
  return {
    ...summaryView(contract, recipients, clientName, viewer),
    message: contract.message,
    reminders:
      contract.reminderFirstAfterDays && contract.reminderEveryDays && contract.reminderMaxCount
        ? {
            firstAfterDays: contract.reminderFirstAfterDays,
            everyDays: contract.reminderEveryDays,
            maxCount: contract.reminderMaxCount,
          }
        : null,
    pageCount: contract.pageCount,
    pages: JSON.parse(contract.pageSizes) as ContractPageSize[],
    currentStep: contract.currentStep,
    recipients: [...recipients].sort((a, b) => a.position - b.position).map((r) => recipientView(r, viewer)),
    fields: fields.map(fieldView),
    voidReason: contract.voidReason,
    declineReason: contract.declineReason,
    declinedByName: contract.declinedByName,
    sealState: contract.sealState,
    originalSha256: contract.originalSha256,
    finalSha256: contract.finalSha256,
    templateId: viewer.side === 'agency' ? contract.templateId : null,
    downloads: {
      original: true,
      signed: sealed,
      certificate: sealed,
      voided: contract.voidedKey !== null,
    },
  };
}

function recipientView(recipient: ContractRecipient, viewer: Viewer): ContractRecipientView {
  return {
    id: recipient.id,
    // Other people's account ids are the agency's business only.
    userId: viewer.side === 'agency' || recipient.userId === viewer.userId ? recipient.userId : null,
    name: recipient.name,
    email: recipient.email,
    role: recipient.role,
    step: recipient.step,
    side: recipient.side,
    status: recipient.status,
    sentAt: recipient.sentAt?.toISOString() ?? null,
    viewedAt: recipient.viewedAt?.toISOString() ?? null,
    actedAt: recipient.actedAt?.toISOString() ?? null,
    declineReason: recipient.declineReason,
    remindersSent: recipient.remindersSent,
    isMe: recipient.userId === viewer.userId,
  };
}

function fieldView(field: ContractField): ContractFieldView {
  return {
    id: field.id,
    kind: field.kind,
    recipientId: field.recipientId,
    required: field.required,
    label: field.label,
    value: field.kind === 'signature' || field.kind === 'initials' ? null : field.value,
    filled: field.filledAt !== null,
    page: field.page,
    x: field.x,
    y: field.y,
    width: field.width,
    height: field.height,
  };
}
