import { checkSha256, looksLikePdf, verificationSentence } from './verification';

const HASH = '3f'.repeat(32);

describe('checkSha256', () => {
  it('takes 64 hexadecimal characters, pasted with spaces, line breaks or capitals', () => {
    expect(checkSha256(HASH)).toEqual({ ok: true, value: HASH });
    expect(checkSha256(` ${HASH.slice(0, 32).toUpperCase()}\n${HASH.slice(32)} `)).toEqual({ ok: true, value: HASH });
  });

  it('says what is wrong otherwise', () => {
    expect(checkSha256('  ')).toEqual({ ok: false, error: 'Paste the SHA-256 to check.' });
    expect(checkSha256('abc')).toEqual({ ok: false, error: 'A SHA-256 has 64 characters; this has 3.' });
    expect(checkSha256(HASH + 'ff')).toEqual({ ok: false, error: 'A SHA-256 has 64 characters; this has 66.' });
    expect(checkSha256(HASH.slice(0, 63) + 'g')).toEqual({
      ok: false,
      error: 'A SHA-256 has only the digits 0–9 and the letters a–f.',
    });
  });
});

describe('looksLikePdf', () => {
  it('goes by the type, or by the name when the system gives no useful type', () => {
    expect(looksLikePdf({ name: 'contract', type: 'application/pdf' })).toBe(true);
    expect(looksLikePdf({ name: 'Contract - signed.PDF', type: '' })).toBe(true);
    expect(looksLikePdf({ name: 'contract.pdf', type: 'application/octet-stream' })).toBe(true);
    expect(looksLikePdf({ name: 'photo.jpg', type: 'image/jpeg' })).toBe(false);
  });
});

describe('verificationSentence', () => {
  const match = { match: true, title: 'Service agreement', completedAt: '2026-03-05T12:00:00Z' };
  const none = { match: false, title: null, completedAt: null };

  it('names the contract and its completion day for a match', () => {
    expect(verificationSentence(match, 'file')).toBe(
      'This is a completed contract: Service agreement, completed on March 5, 2026. The file has not been changed since it was signed.',
    );
    expect(verificationSentence(match, 'hash')).toMatch(
      /^This SHA-256 is that of a completed contract: Service agreement/,
    );
  });

  it('explains what no match may mean', () => {
    expect(verificationSentence(none, 'file')).toBe(
      'This file does not match any completed contract of this installation. It may have been changed after signing, or it was not signed here.',
    );
    expect(verificationSentence(none, 'hash')).toMatch(/^This SHA-256 does not match any completed contract/);
  });
});
