import { VIEW_AS_PATHS, WEB_PATHS } from '@atrium/shared';

/**
 * "View as client" opens the portal in a new tab at `/portal/view-as#token=…`. The token travels in
 * the fragment, which browsers never send to a server, so it is in no request line or access log.
 * It is kept in sessionStorage: this tab only, gone when the tab closes, never seen by the agency
 * user's other tabs (whose own session lives in memory and in the refresh cookie).
 */
const STORAGE_KEY = 'atrium.viewAsToken';

export interface ViewAsAddress {
  readonly location: Pick<Location, 'pathname' | 'hash'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
}

/**
 * Takes the token out of the address a view was opened at (the address then reads `/portal`, so
 * the token is in no bookmark or history entry) and keeps it for this tab. Null on any other page.
 */
export function captureViewAsToken(address: ViewAsAddress, storage: Storage | null): string | null {
  if (address.location.pathname !== VIEW_AS_PATHS.web) {
    return null;
  }
  const token = new URLSearchParams(address.location.hash.replace(/^#/, '')).get('token');
  address.history.replaceState(address.history.state, '', WEB_PATHS.portalHome);
  if (!token) {
    return null;
  }
  try {
    storage?.setItem(STORAGE_KEY, token);
  } catch {
    // Storage can be unavailable (privacy modes): the view then lasts until this tab reloads.
  }
  return token;
}

/** The token of the view this tab shows, if it shows one (after a reload). */
export function storedViewAsToken(storage: Storage | null): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function forgetViewAsToken(storage: Storage | null): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** This tab's sessionStorage, or null where the browser refuses it. */
export function tabStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
