import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { toString as qrSvg } from 'qrcode';
import { RECOVERY_CODE_COUNT, RECOVERY_CODE_PATTERN, TOTP_DIGITS, TOTP_PERIOD_SECONDS } from '@atrium/shared';

/**
 * The mechanics of TOTP (RFC 6238) shared by every second factor in Atrium: users' and platform
 * operators'. Storage is the caller's: the secret sealed with SecretBox, the last accepted time
 * step (so a code cannot be replayed in its window) and the recovery codes' hashes.
 */

/** Codes one step either side of now are accepted: clocks drift, and people type slowly. */
const EPOCH_TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

/** A new base32 secret (160 bits, RFC 4226's recommendation). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://` URI an authenticator app reads, labelled "issuer: account". */
export function otpauthUri(secret: string, issuer: string, account: string): string {
  return generateURI({ secret, issuer, label: account, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/** The URI as a QR code, an SVG data URL (no image files, nothing sent anywhere). */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await qrSvg(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** What a typed code looks like once spaces and dashes people add are taken out. */
export function normalisedTotpCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

/**
 * The time step a code is valid for, or null when it is wrong, malformed, or not newer than
 * `lastUsedTimeStep` (a code already used, or an older one, replayed within its window). The caller
 * stores the returned step as the new last-used one, conditionally on the old value, so two
 * requests racing with one code cannot both win.
 */
export function verifyTotp(
  secret: string,
  code: string,
  lastUsedTimeStep: number | null,
  nowMs = Date.now(),
): number | null {
  const token = normalisedTotpCode(code);
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return null;
  const result = verifySync({
    secret,
    token,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: EPOCH_TOLERANCE_SECONDS,
  });
  // The TOTP result carries its time step (the HOTP shape in otplib's union type does not).
  if (!result.valid || !('timeStep' in result) || typeof result.timeStep !== 'number') return null;
  const step = result.timeStep;
  if (lastUsedTimeStep !== null && step <= lastUsedTimeStep) return null;
  return step;
}

const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Fresh recovery codes (`abcde-12345`, ~51 bits each), shown once. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Whether a typed value is shaped like a recovery code rather than a TOTP code. */
export function looksLikeRecoveryCode(code: string): boolean {
  return RECOVERY_CODE_PATTERN.test(code.trim().toLowerCase());
}

/**
 * Recovery codes are random (~51 bits) and each sign-in attempt is rate-limited, so a fast hash
 * keeps a leaked table useless without argon2's cost on every try.
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
