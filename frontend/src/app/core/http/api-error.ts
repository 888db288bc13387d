import { HttpErrorResponse } from '@angular/common/http';
import { AbstractControl, FormGroup } from '@angular/forms';
import type { ApiError, ApiFieldError } from '@atrium/shared';

const NETWORK_MESSAGE = 'We could not reach the server. Check your connection and try again.';
const GENERIC_MESSAGE = 'Something went wrong on our side. Please try again.';

/** Turns anything an HttpClient call can throw into the one error shape of the API (SPEC §7). */
export function toApiError(error: unknown): ApiError {
  if (!(error instanceof HttpErrorResponse)) {
    return { statusCode: 0, error: 'Client Error', message: GENERIC_MESSAGE };
  }
  if (error.status === 0) {
    return { statusCode: 0, error: 'Network Error', message: NETWORK_MESSAGE };
  }
  if (error.status === 429) {
    return {
      statusCode: 429,
      error: 'Too Many Requests',
      message: tooManyAttemptsMessage(error.headers.get('Retry-After')),
    };
  }
  const body: unknown = error.error;
  if (isApiError(body)) {
    return isBarePhrase(body) ? { ...body, message: plainMessage(body.statusCode) } : body;
  }
  return {
    statusCode: error.status,
    error: error.statusText || 'Error',
    message: plainMessage(error.status),
  };
}

/**
 * Words for people, not developers: a body whose message is only the HTTP reason phrase
 * ("Internal Server Error", "Not Found") says nothing useful, so it is replaced by a plain sentence.
 */
const PLAIN_MESSAGES: Record<number, string> = {
  403: 'You do not have access to this. Ask your administrator if you think you should.',
  404: 'We could not find this. It may have been removed or moved.',
  409: 'This changed in the meantime. Reload the page and try again.',
  413: 'This is too large to send.',
};

function plainMessage(status: number): string {
  if (status >= 500) return GENERIC_MESSAGE;
  return PLAIN_MESSAGES[status] ?? 'This did not work. Please check and try again.';
}

function isBarePhrase(error: ApiError): boolean {
  const message = error.message.trim().toLowerCase();
  return (
    message === '' ||
    message ===
      String(error.error ?? '')
        .trim()
        .toLowerCase() ||
    BARE_PHRASES.has(message)
  );
}

const BARE_PHRASES = new Set([
  'internal server error',
  'bad gateway',
  'service unavailable',
  'gateway timeout',
  'not found',
  'forbidden',
  'unauthorized',
  'bad request',
  'error',
]);

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<ApiError>;
  return typeof candidate.statusCode === 'number' && typeof candidate.message === 'string';
}

/**
 * "Too many attempts, try again in N minutes". Retry-After is either delta-seconds or an
 * HTTP date; anything unreadable falls back to a wording without a number.
 */
export function tooManyAttemptsMessage(retryAfter: string | null, now: number = Date.now()): string {
  const seconds = parseRetryAfter(retryAfter, now);
  if (seconds === null) {
    return 'Too many attempts, try again in a few minutes.';
  }
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) {
    return null;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, (date - now) / 1000);
}

/**
 * Puts each `details` entry on the form control of the same name (as a `server` error, shown by
 * its mat-error) and returns the text for the form-level banner: the API's message when no
 * field took the error, or the messages of fields the form does not have.
 */
export function applyServerErrors(form: FormGroup, error: ApiError): string | null {
  const details = error.details ?? [];
  const unmatched: ApiFieldError[] = [];
  for (const detail of details) {
    const control: AbstractControl | null = form.get(detail.field);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: detail.messages.join(' ') });
      control.markAsTouched();
    } else {
      unmatched.push(detail);
    }
  }
  if (details.length === 0) {
    return error.message;
  }
  if (unmatched.length > 0) {
    return unmatched.flatMap((detail) => detail.messages).join(' ');
  }
  return null;
}

/** The server's message for a control, if the last submission put one there. */
export function serverError(control: AbstractControl): string | null {
  const value: unknown = control.errors?.['server'];
  return typeof value === 'string' ? value : null;
}
