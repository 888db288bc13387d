import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox({ encryptionKey: randomBytes(32) });

  it('round-trips a value and never stores it in clear', () => {
    const sealed = box.seal('provider-access-token', 'social_account:1:access');
    expect(sealed).not.toContain('provider-access-token');
    expect(box.open(sealed, 'social_account:1:access')).toBe('provider-access-token');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  it('refuses a value moved to another row or purpose', () => {
    const sealed = box.seal('token', 'social_account:1:access');
    expect(() => box.open(sealed, 'social_account:2:access')).toThrow();
    expect(() => box.open(sealed, 'social_account:1:refresh')).toThrow();
  });

  it('refuses a tampered value and a value sealed with another key', () => {
    const sealed = box.seal('token', 'ctx');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    expect(() => box.open([...parts.slice(0, 3), body.toString('base64url')].join('.'), 'ctx')).toThrow();
    expect(() => new SecretBox({ encryptionKey: randomBytes(32) }).open(sealed, 'ctx')).toThrow();
    const shortTag = [
      parts[0],
      parts[1],
      Buffer.from(parts[2], 'base64url').subarray(0, 4).toString('base64url'),
      parts[3],
    ];
    expect(() => box.open(shortTag.join('.'), 'ctx')).toThrow();
  });
});
