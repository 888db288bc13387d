/**
 * The media library, portal media and profile pictures: the contract between the backend's
 * controllers and the frontend's services.
 */

/** What kinds of files Atrium takes, decided from the file's content (never its name). */
export type MediaKind = 'image' | 'video' | 'document';

/** `processing` until the thumbnail job has looked at an image; `failed` if it could not read it. */
export type MediaStatus = 'processing' | 'ready' | 'failed';

export interface MediaAssetView {
  id: string;
  /** The name the uploader's file had (cleaned), shown and used for downloads. */
  filename: string;
  mimeType: string;
  kind: MediaKind;
  size: number;
  width: number | null;
  height: number | null;
  status: MediaStatus;
  /** Which client the file belongs to (portal uploads, or agency uploads for a client); null = the agency's own. */
  clientId: string | null;
  clientName: string | null;
  uploadedBy: { id: string | null; name: string; kind: 'agency' | 'client' };
  /** `portal` for uploads by the client's people from the portal. */
  source: 'agency' | 'portal';
  createdAt: string;
  /** Short-lived signed URLs for this caller (see MEDIA_URL_TTL_SECONDS); null when there is no thumbnail. */
  thumbnailUrl: string | null;
  /** Inline view (images only); null for other kinds. */
  viewUrl: string | null;
  /** Always an attachment download. */
  downloadUrl: string;
}

export interface MediaPage {
  items: MediaAssetView[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Agency library filters. `clientId=agency` means the agency's own files (no client). */
export interface MediaQuery {
  q?: string;
  clientId?: string;
  uploaderId?: string;
  kind?: MediaKind;
  cursor?: string;
  limit?: number;
}

export interface MediaUsage {
  usedBytes: number;
  /** Null = no quota. */
  quotaBytes: number | null;
  maxFileBytes: number;
  /** MIME types accepted (checked against the content). */
  acceptedTypes: string[];
}

/**
 * Uploads are `multipart/form-data` with one or more parts named `file` (agency uploads may add a
 * `clientId` field BEFORE the files). The answer lists what was stored and what was refused, per file.
 */
export interface UploadResult {
  stored: MediaAssetView[];
  rejected: Array<{ filename: string; reason: string }>;
}

export const MEDIA_PATHS = {
  library: '/api/v1/media',
  usage: '/api/v1/media/usage',
  asset: (id: string) => `/api/v1/media/${id}`,
  portalMedia: '/api/v1/portal/media',
  portalAsset: (id: string) => `/api/v1/portal/media/${id}`,
  /** Signed file URLs look like /api/v1/files/<token>; they need no Authorization header. */
  files: '/api/v1/files',
} as const;

// ---- Settings (the signed-in person's own profile) ---------------------------------------

export interface UpdateProfileRequest {
  name?: string;
  /** IANA zone, e.g. Europe/Berlin. */
  timezone?: string;
}

/** Starts an email change: a link goes to the NEW address; the change happens when it is opened. */
export interface ChangeEmailRequest {
  newEmail: string;
  currentPassword: string;
}

export interface ConfirmEmailChangeRequest {
  token: string;
}

/** Other sessions end; this one stays signed in. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export const SETTINGS_PATHS = {
  profile: '/api/v1/me',
  email: '/api/v1/me/email',
  confirmEmailChange: '/api/v1/me/email/confirm',
  password: '/api/v1/me/password',
  /** PUT multipart (one `file` part, an image) to set, DELETE to remove. */
  avatar: '/api/v1/me/avatar',
} as const;
