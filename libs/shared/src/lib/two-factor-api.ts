/**
 * Two-factor authentication (TOTP, RFC 6238) for every kind of user, and the agency's policy that
 * requires it for its team and, separately, for its client users.
 *
 * Sign-in (password, magic link or accepted invitation) answers either a `SessionResponse` (no second
 * factor needed) or a `TwoFactorChallengeResponse`: the session is opened only once the code (or a
 * recovery code) has been checked against the challenge, or, when the agency requires two-factor and
 * the user has none yet, once they have enrolled.
 */
import type { SessionResponse } from './api-types';

/** Digits of a TOTP code; a recovery code is longer (see RECOVERY_CODE_PATTERN). */
export const TOTP_DIGITS = 6;
/** Seconds each code is valid for (RFC 6238's default). */
export const TOTP_PERIOD_SECONDS = 30;
/** Recovery codes issued at enrolment (and when regenerated); each works once. */
export const RECOVERY_CODE_COUNT = 10;
/** How a recovery code is shown: two groups of five lower-case letters and digits, `abcde-12345`. */
export const RECOVERY_CODE_PATTERN = /^[a-z0-9]{5}-[a-z0-9]{5}$/;
/** How long a sign-in challenge lasts, in seconds. */
export const TWO_FACTOR_CHALLENGE_TTL_SECONDS = 10 * 60;

/**
 * What sign-in answers instead of a session when a second factor is needed.
 * - `code`: the user has two-factor on; send a code (or a recovery code) with the challenge token.
 * - `enrol`: the agency requires two-factor and the user has none yet; set it up first.
 */
export interface TwoFactorChallengeResponse {
  twoFactor: 'code' | 'enrol';
  /** Opaque; proves the first factor was passed. Expires after TWO_FACTOR_CHALLENGE_TTL_SECONDS. */
  challengeToken: string;
  /** Seconds until the challenge expires. */
  expiresIn: number;
}

/** What every sign-in route answers (200 either way). */
export type SignInResponse = SessionResponse | TwoFactorChallengeResponse;

export function isTwoFactorChallenge(response: SignInResponse): response is TwoFactorChallengeResponse {
  return 'twoFactor' in response;
}

/** `POST /auth/2fa/verify`: finish a `code` challenge with a TOTP code or a recovery code. */
export interface TwoFactorVerifyRequest {
  challengeToken: string;
  /** Six digits (spaces allowed), or a recovery code `abcde-12345`. */
  code: string;
}

/** `POST /auth/2fa/enrol/start`: the secret for an `enrol` challenge (or for /me enrolment). */
export interface TwoFactorSetupResponse {
  /** Base32 secret, for typing into an authenticator app by hand. */
  secret: string;
  /** `otpauth://totp/...` URI with issuer and account. */
  otpauthUri: string;
  /** The URI as a QR code: an `data:image/svg+xml;base64,...` URL, for an <img>. */
  qrCodeDataUrl: string;
}

/** `POST /auth/2fa/enrol/start` body. */
export interface TwoFactorEnrolStartRequest {
  challengeToken: string;
}

/** `POST /auth/2fa/enrol/finish`: confirm the first code; answers the session and the recovery codes. */
export interface TwoFactorEnrolFinishRequest {
  challengeToken: string;
  code: string;
}

/** Recovery codes, shown once: only their hashes are stored. */
export interface RecoveryCodesResponse {
  recoveryCodes: string[];
}

/** A finished enrolment during sign-in: the session, and the recovery codes to keep. */
export interface TwoFactorEnrolledSessionResponse extends SessionResponse, RecoveryCodesResponse {}

/** `GET /me/two-factor`. */
export interface TwoFactorStatusResponse {
  enabled: boolean;
  enabledAt: string | null;
  /** Unused recovery codes left. */
  recoveryCodesLeft: number;
  /** The agency requires two-factor for this user: it cannot be turned off. */
  required: boolean;
  /** Whether the account has a password (disabling asks for it then). */
  hasPassword: boolean;
}

/** `POST /me/two-factor/enable`: the first code from the app, for the secret from `/setup`. */
export interface TwoFactorEnableRequest {
  code: string;
}

/** `POST /me/two-factor/disable` and `/recovery-codes`: the password (when the account has one) and a code. */
export interface TwoFactorConfirmRequest {
  password?: string;
  code: string;
}

/** `GET`/`PUT /agency/security` (owners only change it). */
export interface AgencySecurityPolicy {
  /** Every agency user (owner, admins, members) must use two-factor. */
  requireTwoFactorForTeam: boolean;
  /** Every client user of every client must use two-factor. */
  requireTwoFactorForClients: boolean;
}

const API_V1 = '/api/v1';

export const TWO_FACTOR_PATHS = {
  verify: `${API_V1}/auth/2fa/verify`,
  enrolStart: `${API_V1}/auth/2fa/enrol/start`,
  enrolFinish: `${API_V1}/auth/2fa/enrol/finish`,
  status: `${API_V1}/me/two-factor`,
  setup: `${API_V1}/me/two-factor/setup`,
  enable: `${API_V1}/me/two-factor/enable`,
  disable: `${API_V1}/me/two-factor/disable`,
  recoveryCodes: `${API_V1}/me/two-factor/recovery-codes`,
  agencyPolicy: `${API_V1}/agency/security`,
} as const;
