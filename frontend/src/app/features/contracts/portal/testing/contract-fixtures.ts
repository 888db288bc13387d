import type { ContractFieldView, ContractRecipientView, ContractSummary, ContractView } from '@atrium/shared';

/** Test data for the portal's contract pages: a contract Ana signs first and Ben after her. */

export function recipient(overrides: Partial<ContractRecipientView> = {}): ContractRecipientView {
  return {
    id: 'r-ana',
    userId: 'u-ana',
    name: 'Ana Silva',
    email: 'ana@client.test',
    role: 'signer',
    step: 1,
    side: 'client',
    status: 'sent',
    sentAt: '2026-03-02T09:00:00Z',
    viewedAt: null,
    actedAt: null,
    declineReason: null,
    remindersSent: 0,
    isMe: true,
    ...overrides,
  };
}

export function field(overrides: Partial<ContractFieldView> = {}): ContractFieldView {
  return {
    id: 'f-1',
    kind: 'signature',
    recipientId: 'r-ana',
    required: true,
    label: null,
    value: null,
    filled: false,
    page: 0,
    x: 0.1,
    y: 0.8,
    width: 0.25,
    height: 0.06,
    ...overrides,
  };
}

export function summary(overrides: Partial<ContractSummary> = {}): ContractSummary {
  return {
    id: 'c-1',
    clientId: 'client-1',
    clientName: 'Blue Harbor',
    title: 'Service agreement',
    status: 'sent',
    sentAt: '2026-03-02T09:00:00Z',
    completedAt: null,
    expiresAt: null,
    updatedAt: '2026-03-02T09:00:00Z',
    progress: { done: 0, total: 2 },
    awaitingMe: true,
    ...overrides,
  };
}

/**
 * Ana's turn: on page 1 a text field, a checkbox and her signature (given out of reading order),
 * her name, and Ben's signature; on page 2 her initials.
 */
export function contractView(overrides: Partial<ContractView> = {}): ContractView {
  return {
    ...summary(),
    message: 'Please sign by Friday.',
    reminders: null,
    pageCount: 2,
    pages: [
      { width: 595, height: 842 },
      { width: 595, height: 842 },
    ],
    currentStep: 1,
    recipients: [
      recipient(),
      recipient({
        id: 'r-ben',
        userId: null,
        name: 'Ben Ode',
        email: 'ben@client.test',
        step: 2,
        status: 'waiting',
        isMe: false,
      }),
    ],
    fields: [
      field({ id: 'f-sign', kind: 'signature', page: 0, x: 0.1, y: 0.8 }),
      field({ id: 'f-company', kind: 'text', label: 'Company', page: 0, x: 0.1, y: 0.2, width: 0.3, height: 0.03 }),
      field({
        id: 'f-terms',
        kind: 'checkbox',
        label: 'I accept the terms',
        page: 0,
        x: 0.1,
        y: 0.5,
        width: 0.03,
        height: 0.02,
      }),
      field({
        id: 'f-optional',
        kind: 'checkbox',
        label: 'Send me news',
        required: false,
        page: 0,
        x: 0.5,
        y: 0.5,
        width: 0.03,
        height: 0.02,
      }),
      field({ id: 'f-name', kind: 'name', page: 0, x: 0.1, y: 0.9, height: 0.03 }),
      field({ id: 'f-ben', kind: 'signature', recipientId: 'r-ben', page: 0, x: 0.6, y: 0.8 }),
      field({ id: 'f-initials', kind: 'initials', page: 1, x: 0.8, y: 0.9, width: 0.1, height: 0.04 }),
    ],
    voidReason: null,
    declineReason: null,
    declinedByName: null,
    sealState: 'none',
    originalSha256: 'a'.repeat(64),
    finalSha256: null,
    templateId: null,
    downloads: { original: true, signed: false, certificate: false, voided: false },
    ...overrides,
  };
}
