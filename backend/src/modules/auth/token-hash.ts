import { createHash, randomBytes } from 'node:crypto';

/** 256 bits from the CSPRNG, URL-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens are high-entropy random values, so a fast hash is enough to make a database leak
 * useless (no dictionary to run); only this hash is ever stored.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
