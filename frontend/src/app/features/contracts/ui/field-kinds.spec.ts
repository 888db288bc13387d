import { CONTRACT_FIELD_KINDS } from '@atrium/shared';
import { FIELD_KINDS, fieldAccessibleName, isAutoFilled, requiredByDefault, takesLabel } from './field-kinds';

describe('field kinds', () => {
  it('offers every kind the API knows, once', () => {
    expect(FIELD_KINDS.map((info) => info.kind).sort()).toEqual([...CONTRACT_FIELD_KINDS].sort());
  });

  it('names a box by kind, recipient, page and need', () => {
    expect(fieldAccessibleName({ kind: 'signature', page: 0, required: true, recipientName: 'Ana Silva' })).toBe(
      'Signature for Ana Silva, page 1, required',
    );
    expect(
      fieldAccessibleName({ kind: 'checkbox', page: 2, required: false, label: ' I agree ', recipientName: 'Bo' }),
    ).toBe('Checkbox "I agree" for Bo, page 3, optional');
    expect(fieldAccessibleName({ kind: 'date', page: 0, required: true, recipientName: null })).toBe(
      'Date signed with no recipient, page 1, filled in automatically',
    );
  });

  it('gives labels to text fields and checkboxes only, and makes checkboxes optional by default', () => {
    expect(CONTRACT_FIELD_KINDS.filter(takesLabel)).toEqual(['text', 'checkbox']);
    expect(CONTRACT_FIELD_KINDS.filter(isAutoFilled)).toEqual(['name', 'date']);
    expect(CONTRACT_FIELD_KINDS.filter((kind) => !requiredByDefault(kind))).toEqual(['checkbox']);
  });
});
