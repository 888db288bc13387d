import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@atrium/shared';
import { ValidationFailedException } from '../../core/http/api-error.filter';

/** OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * The ~49,000 most common passwords (zxcvbn's list), lower-cased. Only those long enough to pass
 * the length rule matter, which keeps the set small.
 */
const COMMON_PASSWORDS = new Set(
  (dictionary['passwords-common'] as string[])
    .filter((p) => p.length >= PASSWORD_MIN_LENGTH)
    .map((p) => p.toLowerCase()),
);

@Injectable()
export class PasswordService {
  /** A real hash of a random string: verifying against it costs as much as against a user's. */
  private readonly dummyHash = argon2.hash(`dummy-${Math.random()}`, ARGON2_OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  /**
   * Verifies in constant work whether or not there is a hash, so an unknown email takes as long
   * to refuse as a wrong password.
   */
  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }

  /** SPEC §5: 8–128 characters, no composition rules, not a common password, not the email. */
  assertAcceptable(password: string, field = 'password', email?: string): void {
    const problem = this.problemWith(password, email);
    if (problem) throw new ValidationFailedException([{ field, messages: [problem] }]);
  }

  problemWith(password: string, email?: string): string | null {
    if (typeof password !== 'string') return 'Password is required';
    if (password.length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
    if (password.length > PASSWORD_MAX_LENGTH) return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
    const lowered = password.toLowerCase();
    if (COMMON_PASSWORDS.has(lowered)) return 'This password is too common. Please choose another.';
    if (email && (lowered === email.toLowerCase() || lowered === email.split('@')[0]?.toLowerCase())) {
      return 'Password must not be your email address';
    }
    return null;
  }
}
