import type { ContractFieldInput } from '@atrium/shared';
import { draftInput, draftProblems, withoutRecipient, type DraftState } from './draft-form';

const field = (recipientIndex: number, kind: ContractFieldInput['kind'] = 'signature'): ContractFieldInput => ({
  kind,
  recipientIndex,
  required: true,
  page: 0,
  x: 0.1,
  y: 0.1,
  width: 0.2,
  height: 0.05,
});

const state = (patch: Partial<DraftState> = {}): DraftState => ({
  title: 'Agreement',
  message: '',
  expiresOn: '',
  remindersOn: false,
  reminders: { firstAfterDays: 3, everyDays: 3, maxCount: 5 },
  recipients: [
    { userId: 'a', role: 'signer', step: 1 },
    { userId: 'b', role: 'signer', step: 2 },
  ],
  fields: [field(0), field(1)],
  ...patch,
});

describe('the contract draft form', () => {
  it('names what stops saving', () => {
    expect(draftProblems(state())).toEqual([]);
    expect(draftProblems(state({ title: ' ', recipients: [{ userId: null, role: 'signer', step: 1 }] }))).toEqual([
      'Give the contract a title.',
      'Choose the person for one recipient.',
    ]);
  });

  it('keeps only signers’ fields and leaves reminders off unless asked', () => {
    const input = draftInput(
      state({
        recipients: [
          { userId: 'a', role: 'signer', step: 1 },
          { userId: 'b', role: 'copy', step: 1 },
        ],
      }),
    );
    expect(input.fields.map((f) => f.recipientIndex)).toEqual([0]);
    expect(input.reminders).toBeNull();
    expect(input.expiresAt).toBeNull();
    expect(draftInput(state({ remindersOn: true })).reminders).toEqual({
      firstAfterDays: 3,
      everyDays: 3,
      maxCount: 5,
    });
  });

  it('drops a removed recipient’s fields and renumbers the fields of those after them', () => {
    const next = withoutRecipient(
      state({
        recipients: [
          { userId: 'a', role: 'signer', step: 1 },
          { userId: 'b', role: 'signer', step: 1 },
          { userId: 'c', role: 'signer', step: 2 },
        ],
        fields: [field(0), field(1), field(2)],
      }),
      1,
    );
    expect(next.recipients.map((r) => r.userId)).toEqual(['a', 'c']);
    expect(next.fields.map((f) => f.recipientIndex)).toEqual([0, 1]);
  });
});
