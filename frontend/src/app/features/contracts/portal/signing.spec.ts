import type { SignatureInput } from '@atrium/shared';
import {
  EMPTY_DRAFT,
  missingBeforeSign,
  missingSentence,
  myHandFields,
  myRecipient,
  nextFieldIndex,
  orderFields,
  overlayByPage,
  signInput,
  type SigningDraft,
} from './signing';
import { contractView, field, recipient } from './testing/contract-fixtures';

const signature: SignatureInput = { method: 'typed', image: 'data:image/png;base64,AAAA', typedText: 'Ana Silva' };
const initials: SignatureInput = { method: 'drawn', image: 'data:image/png;base64,BBBB' };
const ids = (fields: readonly { id: string }[]) => fields.map((f) => f.id);

describe('orderFields', () => {
  it('reads page by page, then top to bottom, then left to right', () => {
    const fields = [
      field({ id: 'p2-top', page: 1, y: 0.1, x: 0.5 }),
      field({ id: 'p1-bottom', page: 0, y: 0.9, x: 0.1 }),
      field({ id: 'p1-top-right', page: 0, y: 0.1, x: 0.7 }),
      field({ id: 'p1-top-left', page: 0, y: 0.1, x: 0.2 }),
    ];
    expect(ids(orderFields(fields))).toEqual(['p1-top-left', 'p1-top-right', 'p1-bottom', 'p2-top']);
  });

  it('keeps fields placed by hand on one line in left-to-right order, though a hair apart', () => {
    const fields = [field({ id: 'date', y: 0.8001, x: 0.6 }), field({ id: 'signature', y: 0.8032, x: 0.1 })];
    expect(ids(orderFields(fields))).toEqual(['signature', 'date']);
  });

  it('does not change the list it is given', () => {
    const fields = [field({ id: 'b', y: 0.5 }), field({ id: 'a', y: 0.1 })];
    orderFields(fields);
    expect(ids(fields)).toEqual(['b', 'a']);
  });
});

describe('myRecipient', () => {
  it('is the recipient whose turn it is when the person is on the contract twice', () => {
    const view = contractView({
      currentStep: 2,
      recipients: [
        recipient({ id: 'signed-before', step: 1, status: 'signed' }),
        recipient({ id: 'now', step: 2, role: 'approver', status: 'sent' }),
      ],
    });
    expect(myRecipient(view)?.id).toBe('now');
  });

  it('is null when the contract was not sent to the person (a client admin looking)', () => {
    const view = contractView({ recipients: [recipient({ isMe: false })] });
    expect(myRecipient(view)).toBeNull();
  });

  it('falls back to a copy when that is all the person is', () => {
    const view = contractView({ recipients: [recipient({ id: 'cc', role: 'copy', status: 'waiting' })] });
    expect(myRecipient(view)?.id).toBe('cc');
  });
});

describe('what is missing before Sign', () => {
  const mine = () => myHandFields(contractView().fields, 'r-ana');

  it('lists my hand-filled fields only, in reading order, without name and date or other people’s', () => {
    expect(ids(mine())).toEqual(['f-company', 'f-terms', 'f-optional', 'f-sign', 'f-initials']);
  });

  it('asks once for the signature and the initials, and for each required text field and checkbox', () => {
    const items = missingBeforeSign(mine(), EMPTY_DRAFT);
    expect(items.map((item) => item.text)).toEqual([
      'fill in “Company”',
      'tick “I accept the terms”',
      'add your signature',
      'add your initials',
    ]);
    expect(items[0].fieldId).toBe('f-company');
    expect(missingSentence(items)).toBe(
      'Before you can sign: fill in “Company”, tick “I accept the terms”, add your signature and add your initials.',
    );
  });

  it('names a field without a label by its page', () => {
    const fields = [
      field({ id: 't', kind: 'text', label: null, page: 2 }),
      field({ id: 'c', kind: 'checkbox', page: 0 }),
    ];
    expect(missingSentence(missingBeforeSign(fields, EMPTY_DRAFT))).toBe(
      'Before you can sign: tick the box on page 1 and fill in the text field on page 3.',
    );
  });

  it('is empty once everything required is done; optional fields and blank spaces do not count', () => {
    const draft: SigningDraft = { signature, initials, values: { 'f-company': 'Blue Harbor', 'f-terms': 'true' } };
    expect(missingBeforeSign(mine(), draft)).toEqual([]);
    expect(missingSentence([])).toBe('');
    const blank: SigningDraft = { ...draft, values: { 'f-company': '   ', 'f-terms': 'false' } };
    expect(missingBeforeSign(mine(), blank).map((item) => item.fieldId)).toEqual(['f-company', 'f-terms']);
  });
});

describe('nextFieldIndex', () => {
  const fields = () => myHandFields(contractView().fields, 'r-ana');

  it('goes to the next required field not done, round the end back to the start', () => {
    expect(nextFieldIndex(fields(), EMPTY_DRAFT, -1)).toBe(0);
    // From the company field, the optional checkbox is skipped while required ones are left.
    const draft: SigningDraft = { ...EMPTY_DRAFT, values: { 'f-company': 'Blue Harbor', 'f-terms': 'true' } };
    expect(nextFieldIndex(fields(), draft, 0)).toBe(3);
    expect(nextFieldIndex(fields(), draft, 4)).toBe(3);
  });

  it('then visits the optional fields still empty after the current one, and stops', () => {
    const draft: SigningDraft = { signature, initials, values: { 'f-company': 'Blue Harbor', 'f-terms': 'true' } };
    expect(nextFieldIndex(fields(), draft, 0)).toBe(2);
    expect(nextFieldIndex(fields(), draft, 2)).toBeNull();
    expect(nextFieldIndex([], EMPTY_DRAFT, -1)).toBeNull();
  });
});

describe('signInput', () => {
  it('sends my pictures, trimmed text, every checkbox as true or false, and my time zone', () => {
    const fields = myHandFields(contractView().fields, 'r-ana');
    const draft: SigningDraft = { signature, initials, values: { 'f-company': '  Blue Harbor ', 'f-terms': 'true' } };
    expect(signInput(fields, draft, 'Europe/Lisbon')).toEqual({
      signature,
      initials,
      values: { 'f-company': 'Blue Harbor', 'f-terms': 'true', 'f-optional': 'false' },
      timeZone: 'Europe/Lisbon',
    });
  });

  it('leaves out initials when I have no initials field', () => {
    const input = signInput([field({ kind: 'signature' })], { ...EMPTY_DRAFT, signature }, null);
    expect(input).toEqual({ signature, values: {}, timeZone: null });
    expect('initials' in input).toBe(false);
  });
});

describe('overlayByPage', () => {
  const view = contractView();

  it('makes my fields controls while I sign, and shows what name and date will say', () => {
    const pages = overlayByPage({
      fields: view.fields,
      recipients: view.recipients,
      signingAs: recipient(),
      today: 'Mar 3, 2026',
    });
    expect(pages[0].map((item) => [item.field.id, item.mode, item.index])).toEqual([
      ['f-company', 'text', 0],
      ['f-terms', 'checkbox', 1],
      ['f-optional', 'checkbox', 2],
      ['f-sign', 'signature', 3],
      ['f-ben', 'passive', -1],
      ['f-name', 'auto', -1],
    ]);
    expect(pages[0].find((item) => item.field.id === 'f-name')?.text).toBe('Ana Silva');
    expect(pages[0].find((item) => item.field.id === 'f-ben')?.text).toBe('For Ben Ode');
    expect(pages[1].map((item) => [item.field.id, item.mode, item.index, item.end])).toEqual([
      ['f-initials', 'initials', 4, true],
    ]);
  });

  it('shows every field faintly when I may not sign, saying who signed', () => {
    const fields = [
      field({ id: 'mine', filled: true }),
      field({ id: 'ben', recipientId: 'r-ben', filled: true, kind: 'initials' }),
      field({ id: 'ben-text', recipientId: 'r-ben', filled: true, kind: 'text', value: 'Blue Harbor' }),
    ];
    const pages = overlayByPage({ fields, recipients: view.recipients, signingAs: null, today: '' });
    expect(pages[0].map((item) => [item.mode, item.text])).toEqual([
      ['passive', 'Signed by you'],
      ['passive', 'Initialled by Ben Ode'],
      ['passive', 'Blue Harbor'],
    ]);
  });
});
