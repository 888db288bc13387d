import { WEB_PATHS, type Audience } from '@atrium/shared';

/** Where a signed-in user of this audience lives. */
export function homeFor(audience: Audience): string {
  return audience === 'agency' ? WEB_PATHS.agencyHome : WEB_PATHS.portalHome;
}

/** True when `url` is `base` itself or a page below it (`/app`, `/app/x`, `/app?x`, `/app#x`). */
export function isUnder(url: string, base: string): boolean {
  return url === base || ['/', '?', '#'].some((separator) => url.startsWith(base + separator));
}

/**
 * The page to open after sign-in. A returnUrl is honoured only when it is a local path on the
 * user's own side: a client user never lands in `/app` (and vice versa), and anything that could
 * leave the site (`//evil.example`, `https://…`, `/\evil`) is ignored.
 */
export function resolveReturnUrl(returnUrl: string | null | undefined, audience: Audience): string {
  const home = homeFor(audience);
  if (!returnUrl || !returnUrl.startsWith('/') || returnUrl.startsWith('//') || returnUrl.includes('\\')) {
    return home;
  }
  return isUnder(returnUrl, home) ? returnUrl : home;
}

/** The returnUrl worth remembering when a signed-out visitor asks for a protected page. */
export function protectedReturnUrl(url: string): string | null {
  return isUnder(url, WEB_PATHS.agencyHome) || isUnder(url, WEB_PATHS.portalHome) ? url : null;
}

/**
 * The signed-in person's own settings (profile, picture, email, password). The portal's path is
 * shared with the backend; the agency's is only linked from inside the app.
 */
export const AGENCY_PROFILE_SETTINGS = '/app/settings/profile';

export function settingsFor(audience: Audience): string {
  return audience === 'agency' ? AGENCY_PROFILE_SETTINGS : WEB_PATHS.portalSettings;
}
