import { PasswordService } from './password.service';

describe('PasswordService', () => {
  const passwords = new PasswordService();

  it('accepts 8 to 128 characters without composition rules', () => {
    expect(passwords.problemWith('lowercase only words')).toBeNull();
    expect(passwords.problemWith('x'.repeat(7))).toMatch(/at least 8/);
    expect(passwords.problemWith('x'.repeat(129))).toMatch(/at most 128/);
  });

  it('refuses common passwords, whatever their case', () => {
    expect(passwords.problemWith('password1')).toMatch(/too common/);
    expect(passwords.problemWith('QWERTYUIOP')).toMatch(/too common/);
  });

  it('refuses the email address as a password', () => {
    expect(passwords.problemWith('someone@example.com', 'someone@example.com')).toMatch(/email/);
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await passwords.hash('a fine passphrase');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await passwords.verify(hash, 'a fine passphrase')).toBe(true);
    expect(await passwords.verify(hash, 'another passphrase')).toBe(false);
    expect(await passwords.verify(null, 'a fine passphrase')).toBe(false);
  });
});
