/**
 * "View as client" (SPEC §2 Branding): an agency user looks at one client's portal exactly as one
 * of that client's users sees it, read-only, for a short while.
 */

/** How long a view lasts, in seconds; it cannot be renewed (start a new one from Settings > Clients). */
export const VIEW_AS_TTL_SECONDS = 15 * 60;

/** What the server answers (403) to every change attempted during a view. */
export const VIEW_AS_READ_ONLY_MESSAGE = 'View as client is read-only';

export interface ViewAsRequest {
  /** The client user to view the portal as: an active user of that client. */
  userId: string;
}

export interface ViewAsResponse {
  /** A bearer token for the portal API, read-only, for this view only (no refresh token). */
  accessToken: string;
  /** Seconds until the view ends. */
  expiresIn: number;
  /** Where the view opens; the token goes in its fragment (`#token=`), never in a query string. */
  portalUrl: string;
}

/** Set on `/me` during a view: who is looking. */
export interface MeViewAs {
  viewerName: string;
}

export const VIEW_AS_PATHS = {
  start: (clientId: string) => `/api/v1/clients/${encodeURIComponent(clientId)}/view-as`,
  /** The portal page a view opens on (`#token=<accessToken>`). */
  web: '/portal/view-as',
  /** Where the view's tab goes once the view is closed or has run out. */
  ended: '/view-as/ended',
} as const;
