/** What a redacted value is written as. */
export const REDACTED = '[REDACTED]';

/**
 * Keys whose values are secrets, compared without case, `-` or `_`: any key containing one of
 * these (password, newPassword, jwtSecret, accessToken, refreshToken, challengeToken, set-cookie,
 * x-api-key, ...).
 */
const SECRET_KEY_PARTS = ['password', 'passwd', 'secret', 'token', 'authorization', 'cookie', 'apikey'];
/** Keys that are secrets exactly (a TOTP, recovery or OAuth code). */
const SECRET_KEYS = new Set(['otp', 'totp', 'totpcode', 'recoverycode', 'signature']);
/** A `code` that is an error's code (ER_DUP_ENTRY, ECONNREFUSED), not a sign-in code: kept. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]*$/;

/**
 * A JWT (three base64url parts, the first a JSON header) or a bearer/basic credential (8
 * characters at least, so "a bearer of news" stays as it is), inside any string.
 */
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]{8,}=*/gi;

function isSecretKey(key: string, value: unknown): boolean {
  const normalized = key.toLowerCase().replace(/[-_]/g, '');
  if (normalized === 'code')
    return !(typeof value === 'number' || (typeof value === 'string' && ERROR_CODE.test(value)));
  return SECRET_KEYS.has(normalized) || SECRET_KEY_PARTS.some((part) => normalized.includes(part));
}

function redactString(value: string): string {
  if (!value.includes('eyJ') && !/bearer|basic/i.test(value)) return value;
  return value.replace(JWT, REDACTED).replace(BEARER, (_, scheme: string) => `${scheme} ${REDACTED}`);
}

/**
 * A copy of a log entry with secrets replaced by `[REDACTED]`, at any depth: values of secret
 * keys, and JWTs or bearer credentials anywhere in a string. The caller's objects are never
 * changed; cycles are written as `[Circular]`.
 */
export function redact(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  try {
    // Dates, Buffers and the like are written as their JSON form, redacted like any value.
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return redact(json.call(value), seen);
    if (Array.isArray(value)) return value.map((item) => redact(item, seen));
    const copy: Record<string, unknown> = {};
    if (value instanceof Error) {
      copy['name'] = value.name;
      copy['message'] = redactString(value.message);
    }
    for (const [key, item] of Object.entries(value)) {
      copy[key] = isSecretKey(key, item) && item !== null && item !== undefined ? REDACTED : redact(item, seen);
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}
