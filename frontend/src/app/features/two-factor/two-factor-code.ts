import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { RECOVERY_CODE_PATTERN, TOTP_DIGITS } from '@atrium/shared';
import { toApiError } from '../../core/http/api-error';
import { fieldSentence } from '../users/settings-errors';

const TOTP_PATTERN = new RegExp(`^\\d{${TOTP_DIGITS}}$`);

/** What a person typed, as the API takes it: app codes without spaces, recovery codes lower-case. */
export function normaliseCode(value: string): string {
  const compact = value.replace(/\s+/g, '');
  return TOTP_PATTERN.test(compact) ? compact : compact.toLowerCase();
}

export function isAppCode(value: string): boolean {
  return TOTP_PATTERN.test(value.replace(/\s+/g, ''));
}

export function isRecoveryCode(value: string): boolean {
  return RECOVERY_CODE_PATTERN.test(value.trim().toLowerCase());
}

/** Six digits from the authenticator app ("123 456" too, as some apps show it). */
export function appCodeValidator(control: AbstractControl): ValidationErrors | null {
  const value = String(control.value ?? '');
  return !value || isAppCode(value) ? null : { appCode: true };
}

/** Six digits from the app, or a recovery code (`abcde-12345`): where either one is taken. */
export function anyCodeValidator(control: AbstractControl): ValidationErrors | null {
  const value = String(control.value ?? '');
  return !value || isAppCode(value) || isRecoveryCode(value) ? null : { anyCode: true };
}

/**
 * Whether a refused sign-in step means the sign-in itself is over (the challenge ran out or is
 * unknown), so the person must start again, rather than a wrong code they can correct. The
 * challenge's own clock decides first; the server's 401 naming the challenge (not the code) too.
 */
export function challengeIsOver(error: unknown, expiresAt: number, now: number = Date.now()): boolean {
  if (now >= expiresAt) {
    return true;
  }
  const apiError = toApiError(error);
  if (apiError.statusCode === 410) {
    return true;
  }
  const fields = apiError.details?.map((detail) => detail.field) ?? [];
  return fields.includes('challengeToken');
}

/** Text for the recovery codes download: one code a line, with what they are for. */
export function recoveryCodesFile(codes: readonly string[], account: string): string {
  return [
    `Recovery codes for ${account}`,
    'Each code signs you in once if you cannot use your authenticator app. Keep them somewhere safe.',
    '',
    ...codes,
    '',
  ].join('\n');
}

/** Why a code was refused, as one sentence for the setup step ("This is not the current code…"). */
export function codeRefusal(error: unknown): string {
  const apiError = toApiError(error);
  const sentences = apiError.details?.flatMap((detail) => detail.messages.map((m) => fieldSentence(detail.field, m)));
  return sentences?.length ? sentences.join(' ') : apiError.message;
}
