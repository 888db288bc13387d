import { generateSync } from 'otplib';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  qrCodeDataUrl,
  verifyTotp,
} from './totp';

describe('totp', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 11, 3, 12, 0, 10);
  const codeAt = (ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) });

  it('accepts the current code and answers its time step', () => {
    expect(verifyTotp(secret, codeAt(now), null, now)).toBe(Math.floor(now / 30_000));
  });

  it('accepts a code with spaces, and the neighbouring steps only', () => {
    const code = codeAt(now - 30_000);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, now)).toBe(Math.floor(now / 30_000) - 1);
    expect(verifyTotp(secret, codeAt(now - 120_000), null, now)).toBeNull();
  });

  it('refuses a code whose step was already used (replay), and older ones', () => {
    const step = verifyTotp(secret, codeAt(now), null, now);
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, codeAt(now), step, now)).toBeNull();
    expect(verifyTotp(secret, codeAt(now - 30_000), step, now)).toBeNull();
    expect(verifyTotp(secret, codeAt(now + 30_000), step, now)).toBe((step ?? 0) + 1);
  });

  it('refuses malformed and wrong codes', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', '000000x'])
      expect(verifyTotp(secret, code, null, now)).toBeNull();
    const wrong = String((Number(codeAt(now)) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(secret, wrong, null, now)).toBeNull();
  });

  it('makes ten distinct recovery codes of the documented shape, hashed case-insensitively', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(looksLikeRecoveryCode(code)).toBe(true);
    expect(hashRecoveryCode(codes[0].toUpperCase())).toBe(hashRecoveryCode(` ${codes[0]} `));
    expect(looksLikeRecoveryCode('123456')).toBe(false);
  });

  it('builds an otpauth URI and an SVG QR code of it', async () => {
    const uri = otpauthUri(secret, 'Acme Agency', 'anna@example.com');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    const dataUrl = await qrCodeDataUrl(uri);
    expect(Buffer.from(dataUrl.split(',')[1], 'base64').toString()).toContain('<svg');
  });
});
