import { FormGroup } from '@angular/forms';
import type { ApiError } from '@atrium/shared';
import { applyServerErrors, toApiError } from '../../core/http/api-error';

/**
 * A field message as a sentence to show under the field. The API words some as fragments that
 * follow the field's name ("is not your current password", "newEmail must be an email"): under
 * the field they read "This is not your current password."
 */
export function fieldSentence(field: string, message: string): string {
  let text = message.trim();
  const name = field.split('.').pop() ?? field;
  if (text.startsWith(`${name} `)) {
    text = `This ${text.slice(name.length + 1)}`;
  } else if (/^[a-z]/.test(text)) {
    text = `This ${text}`;
  }
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function readable(error: ApiError): ApiError {
  return error.details
    ? {
        ...error,
        details: error.details.map((detail) => ({
          ...detail,
          messages: detail.messages.map((message) => fieldSentence(detail.field, message)),
        })),
      }
    : error;
}

/**
 * An error from a settings form, put where the person looks for it: validation details by their
 * fields (a weak new password under "New password", a wrong current password under "Current
 * password"), anything else in the form's banner (the returned text; null when every detail
 * found its field).
 */
export function applySettingsError(form: FormGroup, error: unknown): string | null {
  const apiError = readable(toApiError(error));
  const current = form.get('currentPassword');
  if (current && apiError.statusCode === 401 && !apiError.details?.length) {
    // A refusal of the password itself, without details: it still belongs by that field.
    current.setErrors({ server: apiError.message });
    current.markAsTouched();
    return null;
  }
  return applyServerErrors(form, apiError);
}

/** Why a picture was refused: the upload's reason ("larger than 5 MB") or the API's message. */
export function pictureErrorText(error: unknown): string {
  const apiError = toApiError(error);
  const reasons = apiError.details?.flatMap((detail) => detail.messages) ?? [];
  return reasons.length > 0 ? `The picture was not saved: ${reasons.join('; ')}.` : apiError.message;
}
